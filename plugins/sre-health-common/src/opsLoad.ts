import type { OpsLoadSample, OpsLoadSummary } from './types';
import type { OpsTimeWeek } from './types';
import { teamOpsWeeks } from './opsTime';

/** An SRE team keeps operational work at or below half of its time. @public */
export const OPS_LOAD_CAP = 0.5;

/**
 * Weeks the overload judgement looks back over (`sreHealth.detection.overloadWeeks`):
 * operational overload is a sustained state, not one bad week. @public
 */
export const DEFAULT_OVERLOAD_WEEKS = 4;

const DAY_MS = 86_400_000;

/** Share of a week spent on operational work, or null for an empty week. @public */
export function opsShare(
  sample: Pick<OpsLoadSample, 'opsHours' | 'projectHours'>,
): number | null {
  const total = sample.opsHours + sample.projectHours;
  return total > 0 ? sample.opsHours / total : null;
}

/** The window in words: "the last 4 weeks", or "the last week". @public */
export function overloadWindowWords(weeks: number): string {
  return weeks === 1 ? 'the last week' : `the last ${weeks} weeks`;
}

/** The first day of the `weeks`-week window that ends with the week of `weekStart`. */
function windowStart(weekStart: string, weeks: number): string {
  const start = Date.parse(`${weekStart}T00:00:00Z`) - (weeks - 1) * 7 * DAY_MS;
  return new Date(start).toISOString().slice(0, 10);
}

/**
 * Summarises a team's weekly ops share; `samples` (typed) and `computed` (from fires, pages
 * and interrupts) may come in any order. Each week's share and source come from
 * `teamOpsWeeks` (a typed week overrides the computed one). The team is overloaded when its
 * ops share over the rolling window (the `windowWeeks` weeks ending with the latest week
 * with data, hours-weighted) is above the cap, and at least half of those weeks have data:
 * fewer cannot show a sustained state.
 * @public
 */
export function summarizeOpsLoad(
  teamRef: string,
  samples: ReadonlyArray<OpsLoadSample>,
  windowWeeks: number = DEFAULT_OVERLOAD_WEEKS,
  computed: ReadonlyArray<OpsTimeWeek> = [],
): OpsLoadSummary {
  const sorted = [...samples].sort((a, b) =>
    a.weekStart.localeCompare(b.weekStart),
  );
  const weeks = teamOpsWeeks(sorted, computed);
  const latest = weeks[weeks.length - 1];
  const inWindow = latest
    ? weeks.filter(
        w => w.weekStart >= windowStart(latest.weekStart, windowWeeks),
      )
    : [];
  const ops = inWindow.reduce((n, w) => n + w.opsHours, 0);
  const total = inWindow.reduce((n, w) => n + w.baseHours, 0);
  const windowOpsShare = total > 0 ? ops / total : null;
  const sources = new Set(inWindow.map(w => w.source));
  const toil = inWindow.reduce((n, w) => n + (w.computed?.toilHours ?? 0), 0);
  const computedOps = inWindow.reduce(
    (n, w) => n + (w.computed?.opsHours ?? 0),
    0,
  );
  return {
    teamRef,
    latestOpsShare: latest ? latest.share : null,
    latestSource: latest?.source ?? null,
    windowWeeks,
    window: inWindow.map(w => ({
      weekStart: w.weekStart,
      opsShare: w.share,
      source: w.source,
    })),
    windowOpsShare,
    windowSources: [...sources].sort(),
    windowToilShare: computedOps > 0 ? toil / computedOps : null,
    overloaded:
      windowOpsShare !== null &&
      windowOpsShare > OPS_LOAD_CAP &&
      inWindow.length >= Math.ceil(windowWeeks / 2),
    samples: sorted,
    weeks,
  };
}
