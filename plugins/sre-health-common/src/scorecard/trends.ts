import type { ScorecardChange } from './types';

const DAY = 86_400_000;

/** Days the trend compares over: what improved or got worse in the last 30. @public */
export const SCORECARD_CHANGE_WINDOW_DAYS = 30;

/**
 * The two snapshot days a change compares: the latest, and the one `windowDays` before it
 * (or the oldest one after that, when that day was not taken); null with fewer than two.
 * @public
 */
export function scorecardChangeWindow(
  days: ReadonlyArray<string>,
  windowDays = SCORECARD_CHANGE_WINDOW_DAYS,
): { from: string; to: string } | null {
  if (days.length < 2) return null;
  const last = days.length - 1;
  const start = Date.parse(`${days[last]}T00:00:00Z`) - windowDays * DAY;
  let first = days.findIndex(d => Date.parse(`${d}T00:00:00Z`) >= start);
  if (first === last) first = last - 1;
  return { from: days[first], to: days[last] };
}

/**
 * What improved and what got worse between the snapshot `windowDays` before the latest one
 * (or the oldest one after that, when that day was not taken) and the latest one. Series
 * are aligned with `days` (oldest first); unchanged series are left out.
 * @public
 */
export function scorecardChanges(
  days: ReadonlyArray<string>,
  series: ReadonlyArray<{ key: string; label: string; series: number[] }>,
  windowDays = SCORECARD_CHANGE_WINDOW_DAYS,
): {
  from: string | null;
  to: string | null;
  improved: ScorecardChange[];
  worsened: ScorecardChange[];
} {
  const window = scorecardChangeWindow(days, windowDays);
  if (!window) {
    return { from: null, to: null, improved: [], worsened: [] };
  }
  const first = days.indexOf(window.from);
  const last = days.indexOf(window.to);
  const changes = series
    .map(s => ({
      key: s.key,
      label: s.label,
      from: s.series[first] ?? 0,
      to: s.series[last] ?? 0,
      delta: (s.series[last] ?? 0) - (s.series[first] ?? 0),
    }))
    .filter(c => c.delta !== 0);
  const byMagnitude = (a: ScorecardChange, b: ScorecardChange) =>
    Math.abs(b.delta) - Math.abs(a.delta) || a.label.localeCompare(b.label);
  return {
    from: days[first],
    to: days[last],
    improved: changes.filter(c => c.delta < 0).sort(byMagnitude),
    worsened: changes.filter(c => c.delta > 0).sort(byMagnitude),
  };
}
