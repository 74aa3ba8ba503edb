import type {
  FireKind,
  OpsLoadSample,
  OpsShareSource,
  OpsTimeWeek,
  TeamOpsWeek,
} from './types';

/**
 * A team's ops time computed from the work SRE Health already sees (issue #18): fires with
 * their time spent, pages (alert firings that reached a person) from firing to resolution,
 * and pushed on-call interrupt records. Pure rules; the backend feeds them.
 */

/** Work hours a member gives a week when config says nothing (`sreHealth.opsLoad.hoursPerPersonWeek`). @public */
export const DEFAULT_HOURS_PER_PERSON_WEEK = 40;

/**
 * The longest a single page counts: 24 hours. An alert left firing over a weekend is not
 * a person working for two days; past a day it is a stuck alert, not interrupt time.
 * @public
 */
export const PAGE_MINUTES_CAP = 24 * 60;

/** How the SRE sorted a cause of interrupts (the chapter's toil vs overhead). @public */
export type InterruptCauseClass = 'toil' | 'overhead';

/** @public */
export const INTERRUPT_CAUSE_CLASSES: ReadonlyArray<InterruptCauseClass> = [
  'toil',
  'overhead',
];

const DAY_MS = 86_400_000;

/** The Monday (UTC, YYYY-MM-DD) of the ISO week that holds `at`. @public */
export function isoWeekStart(at: string | Date): string {
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  const day = new Date(t).getUTCDay(); // 0 = Sunday
  const monday = t - ((day + 6) % 7) * DAY_MS;
  return new Date(monday).toISOString().slice(0, 10);
}

/**
 * Minutes a page took, from firing to resolution, at most PAGE_MINUTES_CAP; 0 while it is
 * unresolved: no end, or an end after `now` (Alertmanager's projected end of an alert still
 * firing). Its time is not known yet; it still counts as a page. @public
 */
export function pageMinutes(
  startsAt: string,
  endsAt?: string | null,
  now?: Date,
): number {
  if (!endsAt) return 0;
  if (now && Date.parse(endsAt) > now.getTime()) return 0;
  const minutes = (Date.parse(endsAt) - Date.parse(startsAt)) / 60_000;
  if (!Number.isFinite(minutes) || minutes <= 0) return 0;
  return Math.min(minutes, PAGE_MINUTES_CAP);
}

/** The cause key of a page: its alert name. @public */
export function pageCauseKey(alertName: string): string {
  return `alert:${alertName.trim().toLocaleLowerCase('en-US')}`;
}

/** The cause key of a fire: its title, so repeats of the same fire group together. @public */
export function fireCauseKey(title: string): string {
  return `fire:${title.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US')}`;
}

/** The cause key of a pushed interrupt record: its cause, or `unspecified`. @public */
export function interruptCauseKey(cause?: string | null): string {
  const said = cause?.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
  return `interrupt:${said || 'unspecified'}`;
}

/** The inputs of one team's computed ops time. @public */
export interface OpsTimeInputs {
  fires: ReadonlyArray<{
    occurredAt: string;
    timeSpentMinutes?: number | null;
    kind: FireKind;
    causeKey: string;
  }>;
  pages: ReadonlyArray<{
    startsAt: string;
    endsAt?: string | null;
    causeKey: string;
  }>;
  interrupts: ReadonlyArray<{
    weekStart: string;
    count: number;
    minutes: number;
    causeKey?: string;
  }>;
  /** Members of the team's Group in the catalog. */
  members: number;
  hoursPerPersonWeek: number;
  /** The SRE's sorting of causes; a fire's own kind (toil / overhead) wins over it. */
  causeClasses?: Readonly<Record<string, InterruptCauseClass>>;
  /** Pages ending after it are still firing (no minutes yet). */
  now?: Date;
}

interface Acc {
  fire: number;
  page: number;
  interrupt: number;
  toil: number;
  fires: number;
  untimed: number;
  pages: number;
  interrupts: number;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Per ISO week, the team's computed ops hours = fires' time + pages' time + interrupts'
 * minutes, over capacity = members × hours per person. Weeks without any record are absent
 * (no data is not zero). Oldest first.
 * @public
 */
export function computeOpsTimeWeeks(inputs: OpsTimeInputs): OpsTimeWeek[] {
  const weeks = new Map<string, Acc>();
  const at = (week: string) => {
    let acc = weeks.get(week);
    if (!acc) {
      acc = {
        fire: 0,
        page: 0,
        interrupt: 0,
        toil: 0,
        fires: 0,
        untimed: 0,
        pages: 0,
        interrupts: 0,
      };
      weeks.set(week, acc);
    }
    return acc;
  };
  const classOf = (causeKey?: string) =>
    causeKey ? inputs.causeClasses?.[causeKey] : undefined;
  for (const f of inputs.fires) {
    const acc = at(isoWeekStart(f.occurredAt));
    const minutes = f.timeSpentMinutes ?? 0;
    acc.fires += 1;
    if (f.timeSpentMinutes === null || f.timeSpentMinutes === undefined)
      acc.untimed += 1;
    acc.fire += minutes;
    const kind = f.kind === 'unsorted' ? classOf(f.causeKey) : f.kind;
    if (kind === 'toil') acc.toil += minutes;
  }
  for (const p of inputs.pages) {
    const acc = at(isoWeekStart(p.startsAt));
    const minutes = pageMinutes(p.startsAt, p.endsAt, inputs.now);
    acc.pages += 1;
    acc.page += minutes;
    if (classOf(p.causeKey) === 'toil') acc.toil += minutes;
  }
  for (const i of inputs.interrupts) {
    const acc = at(isoWeekStart(`${i.weekStart.slice(0, 10)}T00:00:00Z`));
    acc.interrupts += i.count;
    acc.interrupt += i.minutes;
    if (classOf(i.causeKey) === 'toil') acc.toil += i.minutes;
  }
  const capacityHours = inputs.members * inputs.hoursPerPersonWeek;
  return [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([weekStart, acc]) => {
      const opsHours = round((acc.fire + acc.page + acc.interrupt) / 60);
      return {
        weekStart,
        fireHours: round(acc.fire / 60),
        pageHours: round(acc.page / 60),
        interruptHours: round(acc.interrupt / 60),
        opsHours,
        toilHours: round(acc.toil / 60),
        fires: acc.fires,
        untimedFires: acc.untimed,
        pages: acc.pages,
        interrupts: acc.interrupts,
        members: inputs.members,
        hoursPerPersonWeek: inputs.hoursPerPersonWeek,
        capacityHours,
        share: capacityHours > 0 ? opsHours / capacityHours : null,
      };
    });
}

/**
 * THE rule deciding a team's weekly ops share and its source: a typed sample for a week is
 * an explicit override and wins (`typed`); otherwise the week's computed share counts
 * (`computed`); a week with neither is absent. The overload banner (summarizeOpsLoad), the
 * verdict, the compound risks and the scorecard's stored share all come from here.
 * @public
 */
export function teamOpsWeeks(
  typed: ReadonlyArray<
    Pick<OpsLoadSample, 'weekStart' | 'opsHours' | 'projectHours'>
  >,
  computed: ReadonlyArray<OpsTimeWeek> = [],
): TeamOpsWeek[] {
  const byWeek = new Map<string, TeamOpsWeek>();
  for (const c of computed) {
    byWeek.set(c.weekStart, {
      weekStart: c.weekStart,
      share: c.share,
      source: 'computed',
      opsHours: c.opsHours,
      baseHours: c.capacityHours,
      typedShare: null,
      computedShare: c.share,
      toilShare: c.opsHours > 0 ? c.toilHours / c.opsHours : null,
      computed: c,
    });
  }
  for (const t of typed) {
    const base = t.opsHours + t.projectHours;
    const typedShare = base > 0 ? t.opsHours / base : null;
    const c = byWeek.get(t.weekStart);
    byWeek.set(t.weekStart, {
      weekStart: t.weekStart,
      share: typedShare,
      source: 'typed',
      opsHours: t.opsHours,
      baseHours: base,
      typedShare,
      computedShare: c?.computedShare ?? null,
      toilShare: c?.toilShare ?? null,
      ...(c?.computed ? { computed: c.computed } : {}),
    });
  }
  return [...byWeek.values()].sort((a, b) =>
    a.weekStart.localeCompare(b.weekStart),
  );
}

/** How a source is named to people. @public */
export function opsShareSourceWords(source: OpsShareSource): string {
  return source === 'typed'
    ? 'typed'
    : 'computed from fires, pages, interrupts';
}

/**
 * The sources of a window's weeks in words: one source by its name, both as "typed and
 * computed weeks"; '' when unknown (a summary from before the computed share).
 * @public
 */
export function opsSourcesWords(
  sources: ReadonlyArray<OpsShareSource> | undefined,
): string {
  if (!sources?.length) return '';
  return sources.length === 1
    ? opsShareSourceWords(sources[0])
    : 'typed and computed weeks';
}
