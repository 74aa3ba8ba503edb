import { wallClockMs, wallClockToInstant } from './zone';

/*
 * OpenSLO durations: an integer and a unit, `s m h d w` (fixed length) or `M Q Y`
 * (calendar units, only meaningful for calendar time windows).
 */

/** @public */
export type DurationUnit = 's' | 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';

/** @public */
export interface Duration {
  value: number;
  unit: DurationUnit;
}

const FIXED_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** Average lengths, used only to scale thresholds for calendar windows. */
const CALENDAR_MONTHS: Record<string, number> = { M: 1, Q: 3, Y: 12 };
const AVERAGE_MONTH_MS = 30 * 86_400_000;

/** Parses `28d`, `1M`; undefined when it is not an OpenSLO duration. @public */
export function parseDuration(text: string): Duration | undefined {
  const match = /^(\d{1,6})([smhdwMQY])$/.exec(text.trim());
  if (!match || Number(match[1]) <= 0) return undefined;
  return { value: Number(match[1]), unit: match[2] as DurationUnit };
}

/** Length in milliseconds; calendar units count 30-day months. @public */
export function durationMs(duration: Duration): number {
  const fixed = FIXED_MS[duration.unit];
  if (fixed) return duration.value * fixed;
  return duration.value * CALENDAR_MONTHS[duration.unit] * AVERAGE_MONTH_MS;
}

/** @public */
export function isCalendarUnit(unit: DurationUnit): boolean {
  return unit in CALENDAR_MONTHS;
}

/** `3600000` → `1h`: the largest whole unit. @public */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's']) {
    if (ms % FIXED_MS[unit] === 0) return `${ms / FIXED_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

const DAYS: Record<string, number> = { d: 1, w: 7 };

/**
 * The current period of a calendar window: periods of `duration` laid end to end from
 * `start` (an instant). Days, weeks, months, quarters and years follow the wall clock of
 * `timeZone` (a month from 1 January 00:00 in New York ends on 1 February 00:00 there,
 * whatever daylight saving does), or UTC without one.
 * @public
 */
export function calendarPeriod(
  duration: Duration,
  start: Date,
  now: Date,
  timeZone?: string,
): { from: Date; to: Date } {
  const zone = timeZone ?? 'UTC';
  const startWall = wallClockMs(start.getTime(), zone);
  const step = (from: Date, n: number): Date => {
    const unit = duration.unit;
    if (unit === 's' || unit === 'm' || unit === 'h') {
      return new Date(from.getTime() + n * duration.value * FIXED_MS[unit]);
    }
    const wall = new Date(startWall);
    if (unit in DAYS) {
      wall.setUTCDate(wall.getUTCDate() + n * duration.value * DAYS[unit]);
    } else {
      wall.setUTCMonth(
        wall.getUTCMonth() + n * duration.value * CALENDAR_MONTHS[unit],
      );
    }
    return wallClockToInstant(wall.getTime(), zone);
  };
  let from = start;
  if (now < start) {
    return { from: start, to: step(start, 1) };
  }
  // Jump close with the average length, then walk to the exact period.
  const approx = Math.max(
    0,
    Math.floor((now.getTime() - start.getTime()) / durationMs(duration)) - 1,
  );
  from = step(start, approx);
  let to = step(start, approx + 1);
  let n = approx + 1;
  while (to <= now) {
    from = to;
    n += 1;
    to = step(start, n);
  }
  return { from, to };
}
