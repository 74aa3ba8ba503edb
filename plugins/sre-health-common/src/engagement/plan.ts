/*
 * The plan of an engagement against what happened: the book embeds one SRE with one team,
 * for a while, and the after-action report compares the planned end with the real one.
 * (The plan's input rules are in ../engagementPlan.ts.)
 */

const DAY = 86_400_000;

/** Days from one YYYY-MM-DD to another (negative when `to` is earlier). @public */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to.slice(0, 10)}T00:00:00Z`) -
      Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) /
      DAY,
  );
}

/** `3 days`, `13 days`, `5 weeks`: whole weeks from two weeks on. */
function span(days: number): string {
  const n = Math.abs(days);
  if (n < 14) return `${n} day${n === 1 ? '' : 's'}`;
  const weeks = Math.round(n / 7);
  return `${weeks} weeks`;
}

/**
 * The engagement's end against its plan, in one sentence: how long it was planned for, and
 * whether it ended (or is running) early, on time or late.
 * @public
 */
export function scheduleStatement(options: {
  startDate: string;
  plannedEndDate: string | null | undefined;
  /** The real end; null while it runs. */
  endDate: string | null;
  /** Today, for an engagement still running. */
  today: string;
}): string {
  const { startDate, plannedEndDate, endDate, today } = options;
  if (!plannedEndDate) {
    return endDate
      ? `No end date was planned; the engagement ran ${span(
          daysBetween(startDate, endDate),
        )}.`
      : 'No end date is planned.';
  }
  const planned = `Planned for ${span(
    daysBetween(startDate, plannedEndDate),
  )}, to end ${plannedEndDate}`;
  if (endDate) {
    const late = daysBetween(plannedEndDate, endDate);
    if (late === 0) return `${planned}; it ended on the planned day.`;
    return `${planned}; it ended ${endDate}, ${span(late)} ${
      late > 0 ? 'later' : 'earlier'
    } than planned.`;
  }
  const left = daysBetween(today, plannedEndDate);
  if (left >= 0) return `${planned}: ${span(left)} left.`;
  return `${planned}: still running ${span(left)} past the planned end.`;
}
