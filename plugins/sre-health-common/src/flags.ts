import type { StressorFlag } from './types';

/*
 * Stress is what the team feels: a flag's level is the team's rating (any member of the
 * owning team, or an SRE) once someone rated it; until then the evidence proposes one (the
 * detector's estimate, or the level the flag was raised with). Levels of different
 * stressors are compared, never added up.
 */

/** Whether someone rated the flag: its level is then the team's, not a proposal. @public */
export function isRated(flag: Pick<StressorFlag, 'ratedLevel'>): boolean {
  return flag.ratedLevel !== null && flag.ratedLevel !== undefined;
}

/**
 * The book's prioritisation by stress level, as the scorecard ranks: rated flags by their
 * rating, before the flags nobody rated yet (by their proposed level); among equals, the
 * flag that has been open longest; exempt, resolved and dismissed flags last.
 * @public
 */
export function compareFlagsByPriority(
  a: StressorFlag,
  b: StressorFlag,
): number {
  const closed = (f: StressorFlag) =>
    Number(
      f.status === 'resolved' ||
        f.status === 'dismissed' ||
        f.status === 'exempt',
    );
  if (closed(a) !== closed(b)) return closed(a) - closed(b);
  const unrated = (f: StressorFlag) => Number(!isRated(f));
  if (unrated(a) !== unrated(b)) return unrated(a) - unrated(b);
  if (a.stressLevel !== b.stressLevel) return b.stressLevel - a.stressLevel;
  return a.createdAt.localeCompare(b.createdAt);
}

/** Today as the exemption rule counts days: the UTC date. @public */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Whether an exempt flag's exemption has run out: its last day (`exemptUntil`, UTC) is
 * before `today`. The next detection run then re-opens the flag if the stressor is still
 * detected, and resolves it if not. False for a flag that is not exempt.
 * @public
 */
export function isExemptionExpired(
  flag: Pick<StressorFlag, 'status' | 'exemptUntil'>,
  today: string = utcToday(),
): boolean {
  return (
    flag.status === 'exempt' &&
    flag.exemptUntil !== null &&
    flag.exemptUntil < today
  );
}

/** `exempt until 2027-01-15 — the reason`, as the tab and the timeline say it. @public */
export function describeExemption(
  flag: Pick<StressorFlag, 'exemptUntil' | 'exemptReason'>,
): string {
  return `exempt until ${flag.exemptUntil ?? '?'}${
    flag.exemptReason ? ` — ${flag.exemptReason}` : ''
  }`;
}
