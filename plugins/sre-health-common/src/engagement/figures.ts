import { OPS_LOAD_CAP, opsShare } from '../opsLoad';
import type { OpsLoadSample, StressorFlag } from '../types';
import type {
  EngagementFigures,
  OpsFigure,
  SloFigure,
  StressorFigure,
} from './types';

/** Weeks an ops figure averages over: the month before the start, the last month. @public */
export const FIGURE_WEEKS = 4;

const DAY = 86_400_000;

/** Hours-weighted ops share of some weeks, and how many were above the cap. @public */
export function opsFigureOf(
  samples: ReadonlyArray<
    Pick<OpsLoadSample, 'weekStart' | 'opsHours' | 'projectHours'>
  >,
): OpsFigure {
  const ops = samples.reduce((n, s) => n + s.opsHours, 0);
  const total = samples.reduce((n, s) => n + s.opsHours + s.projectHours, 0);
  const weeks = samples.map(s => ({
    weekStart: s.weekStart,
    opsShare: opsShare(s),
  }));
  return {
    opsShare: total > 0 ? ops / total : null,
    weeks,
    weeksOverCap: weeks.filter(
      w => w.opsShare !== null && w.opsShare > OPS_LOAD_CAP,
    ).length,
  };
}

/**
 * The team's ops share around a date: the `FIGURE_WEEKS` weeks that started before `date`
 * (`before`, for the start of an engagement), or up to and including it (`until`, its end).
 * @public
 */
export function opsFigureAt(
  samples: ReadonlyArray<OpsLoadSample>,
  date: string,
  mode: 'before' | 'until',
): OpsFigure {
  const day = date.slice(0, 10);
  const sorted = [...samples]
    .filter(s => (mode === 'before' ? s.weekStart < day : s.weekStart <= day))
    .sort((a, b) => a.weekStart.localeCompare(b.weekStart));
  return opsFigureOf(sorted.slice(-FIGURE_WEEKS));
}

/** The weeks that started between two dates (inclusive), e.g. during an engagement. @public */
export function weeksBetween(
  samples: ReadonlyArray<OpsLoadSample>,
  from: string,
  to: string,
): OpsFigure {
  const a = from.slice(0, 10);
  const b = to.slice(0, 10);
  return opsFigureOf(
    [...samples]
      .filter(s => s.weekStart >= a && s.weekStart <= b)
      .sort((x, y) => x.weekStart.localeCompare(y.weekStart)),
  );
}

/** When a flag stopped being open: resolved, dismissed or exempt (its last update). */
function closedAt(flag: StressorFlag): number | null {
  if (flag.resolvedAt) return Date.parse(flag.resolvedAt);
  if (
    flag.status === 'resolved' ||
    flag.status === 'dismissed' ||
    flag.status === 'exempt'
  ) {
    return Date.parse(flag.updatedAt);
  }
  return null;
}

/**
 * Flags open at `at`: raised by then and not yet resolved, dismissed or exempt. With `at` now this
 * is the open and mitigating flags; for a past date it replays the flags' history.
 * @public
 */
export function stressorsOpenAt(
  flags: ReadonlyArray<StressorFlag>,
  at: string,
): StressorFigure[] {
  const t = Date.parse(at);
  return flags
    .filter(f => {
      if (Date.parse(f.createdAt) > t) return false;
      const closed = closedAt(f);
      return closed === null || closed > t;
    })
    .map(f => ({
      entityRef: f.entityRef,
      stressorKey: f.stressorKey,
      stressLevel: f.stressLevel,
      evidence: f.evidence,
    }))
    .sort(
      (a, b) =>
        b.stressLevel - a.stressLevel ||
        a.entityRef.localeCompare(b.entityRef) ||
        a.stressorKey.localeCompare(b.stressorKey),
    );
}

/**
 * The quantitative picture of a team: flags open at the moment `at`, and the ops share of
 * the weeks before `opsDate` (an engagement's start) or until it (its end).
 * @public
 */
export function computeEngagementFigures(input: {
  /** ISO date-time the stressor flags are read at. */
  at: string;
  source: EngagementFigures['source'];
  opsDate: string;
  ops: 'before' | 'until';
  services: ReadonlyArray<string>;
  samples: ReadonlyArray<OpsLoadSample>;
  flags: ReadonlyArray<StressorFlag>;
  slos: SloFigure[] | null;
}): EngagementFigures {
  const services = [...input.services].sort();
  const owned = new Set(services);
  const open = stressorsOpenAt(
    input.flags.filter(f => owned.has(f.entityRef)),
    input.at,
  );
  return {
    at: input.at,
    source: input.source,
    services,
    ops: opsFigureAt(input.samples, input.opsDate, input.ops),
    stressors: { open: open.length, flags: open },
    slos: input.slos
      ? [...input.slos].sort(
          (a, b) =>
            a.entityRef.localeCompare(b.entityRef) ||
            a.name.localeCompare(b.name),
        )
      : null,
  };
}

/** The end of a day (YYYY-MM-DD) as an ISO date-time: what was open that day. @public */
export function endOfDay(day: string): string {
  return new Date(
    Date.parse(`${day.slice(0, 10)}T00:00:00Z`) + DAY - 1,
  ).toISOString();
}

/** A flag's identity across snapshots. @public */
export function stressorIdentity(
  f: Pick<StressorFigure, 'entityRef' | 'stressorKey'>,
): string {
  return `${f.entityRef} ${f.stressorKey}`;
}
