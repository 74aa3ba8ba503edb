import { z } from 'zod';

/*
 * The one rule for every date and date-time a request may carry. A value is accepted only
 * when it is ISO 8601 that round-trips (its calendar fields are real: no 30 February, no
 * 25:00, no leap second), lies in 1970 or later, and is not later than its field allows:
 * a past-facing fact (something that happened) not after now plus a clock skew, a
 * future-facing plan (a due date) at most a configured number of days ahead.
 * `Date.parse` is never used on input: it reads "1" as 2001-01-01 and rolls 2026-02-30
 * over to 2 March.
 */

/** Limits of the date rule. @public */
export const DATE_LIMITS = {
  /** Nothing before 1 January of this year (UTC). */
  minYear: 1970,
  /** How far ahead of the server's clock a past-facing date-time may be. */
  clockSkewMinutes: 5,
  /** How far ahead a future-facing date may be by default: five years. */
  defaultMaxFutureDays: 5 * 365 + 1,
  /**
   * The widest UTC offset in use (UTC+14, Line Islands): somewhere it is already tomorrow
   * while UTC is still today, so a past-facing date-only value may be that far ahead.
   */
  maxUtcOffsetHours: 14,
} as const;

/**
 * `past`: a fact that has happened (occurredAt, receivedAt, weekStart, shift starts):
 * not in the future beyond the clock skew. `future`: a plan (due date, shift end): at
 * most `maxFutureDays` ahead.
 * @public
 */
export type DateFacing = 'past' | 'future';

/** @public */
export interface DateRuleOptions {
  facing: DateFacing;
  /** For future-facing fields: days ahead of now allowed; default `DATE_LIMITS.defaultMaxFutureDays`. */
  maxFutureDays?: number;
  /** The clock (tests). */
  now?: () => Date;
}

/** Options of the schemas that carry a future-facing date (the backend passes its configuration). @public */
export interface DateSchemaOptions {
  /** `sreHealth.validation.maxFutureDays`; default `DATE_LIMITS.defaultMaxFutureDays`. */
  maxFutureDays?: number;
  /** The clock (tests). */
  now?: () => Date;
}

/** The outcome of a check: the normalised value, or what is wrong with it. @public */
export type DateCheck =
  | { ok: true; value: string }
  | { ok: false; message: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** `YYYY-MM-DDTHH:MM`, optional `:SS` and fraction (up to nanoseconds, as Go and Alertmanager write), then `Z` or `±HH:MM`. */
const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

const MESSAGES = {
  dateFormat: 'must be a date as YYYY-MM-DD',
  dateTimeFormat:
    'must be an ISO 8601 date-time like 2026-05-01T09:30:00Z (YYYY-MM-DDTHH:MM[:SS[.sss]] with Z or ±HH:MM)',
  calendar: 'must be a real calendar date',
  time: 'must be a real time of day (00:00:00 to 23:59:59, no leap seconds)',
  offset: 'must have a real time-zone offset (-14:00 to +14:00)',
  minYear: `must be ${DATE_LIMITS.minYear} or later`,
  future: 'must not be in the future',
} as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Milliseconds of a UTC calendar moment; years 0–99 are not shifted to 1900–1999. */
function utcMillis(
  year: number,
  month: number,
  day: number,
  hours = 0,
  minutes = 0,
  seconds = 0,
  ms = 0,
): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hours, minutes, seconds, ms);
  return d.getTime();
}

/** The UTC calendar date (YYYY-MM-DD) of an instant. */
function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whether Y-M-D is a real calendar date: `Date.UTC` gives back the same year, month and day. */
function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [
    31,
    isLeapYear(year) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  if (day > days[month - 1]) return false;
  const back = new Date(utcMillis(year, month, day));
  return (
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day
  );
}

function maxFutureDaysOf(options: { maxFutureDays?: number }): number {
  const days = options.maxFutureDays ?? DATE_LIMITS.defaultMaxFutureDays;
  if (!Number.isFinite(days) || days < 0) {
    throw new TypeError(
      `maxFutureDays must be a non-negative number, got ${days}`,
    );
  }
  return days;
}

/** The latest instant a field may name. */
function latestInstant(options: DateRuleOptions): number {
  const now = (options.now?.() ?? new Date()).getTime();
  return options.facing === 'past'
    ? now + DATE_LIMITS.clockSkewMinutes * MINUTE
    : now + maxFutureDaysOf(options) * DAY;
}

/** The latest calendar date a date-only field may name: that of the latest instant, anywhere on Earth. */
function latestDay(options: DateRuleOptions): string {
  return utcDay(latestInstant(options) + DATE_LIMITS.maxUtcOffsetHours * HOUR);
}

function futureMessage(options: DateRuleOptions, latest: string): string {
  return options.facing === 'past'
    ? MESSAGES.future
    : `must be at most ${maxFutureDaysOf(
        options,
      )} days ahead (${latest} or earlier)`;
}

/**
 * Checks a date-only value (`YYYY-MM-DD`): real on the calendar, 1970 or later, not later
 * than its field allows. The value comes back unchanged.
 * @public
 */
export function checkIsoDate(
  value: unknown,
  options: DateRuleOptions,
): DateCheck {
  const match = typeof value === 'string' ? DATE_PATTERN.exec(value) : null;
  if (!match) return { ok: false, message: MESSAGES.dateFormat };
  const [year, month, day] = match.slice(1, 4).map(Number);
  if (!isRealDate(year, month, day)) {
    return { ok: false, message: MESSAGES.calendar };
  }
  if (year < DATE_LIMITS.minYear) {
    return { ok: false, message: MESSAGES.minYear };
  }
  const latest = latestDay(options);
  if ((value as string) > latest) {
    return { ok: false, message: futureMessage(options, latest) };
  }
  return { ok: true, value: value as string };
}

/**
 * Checks a date-time value: real calendar and clock fields, an explicit offset (`Z` or
 * `±HH:MM`), an instant in 1970 or later and not later than its field allows. The value
 * comes back normalised by `toISOString()` (UTC, milliseconds).
 * @public
 */
export function checkIsoDateTime(
  value: unknown,
  options: DateRuleOptions,
): DateCheck {
  const match =
    typeof value === 'string' ? DATE_TIME_PATTERN.exec(value) : null;
  if (!match) return { ok: false, message: MESSAGES.dateTimeFormat };
  const [year, month, day, hours, minutes] = match.slice(1, 6).map(Number);
  const seconds = match[6] === undefined ? 0 : Number(match[6]);
  const ms =
    match[7] === undefined ? 0 : Number(match[7].padEnd(3, '0').slice(0, 3));
  if (!isRealDate(year, month, day)) {
    return { ok: false, message: MESSAGES.calendar };
  }
  if (hours > 23 || minutes > 59 || seconds > 59) {
    return { ok: false, message: MESSAGES.time };
  }
  let offsetMinutes = 0;
  if (match[8] !== 'Z') {
    const offsetHours = Number(match[10]);
    const offsetMins = Number(match[11]);
    if (offsetMins > 59 || offsetHours * 60 + offsetMins > 14 * 60) {
      return { ok: false, message: MESSAGES.offset };
    }
    offsetMinutes =
      (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const instant =
    utcMillis(year, month, day, hours, minutes, seconds, ms) -
    offsetMinutes * MINUTE;
  if (instant < utcMillis(DATE_LIMITS.minYear, 1, 1)) {
    return { ok: false, message: MESSAGES.minYear };
  }
  const latest = latestInstant(options);
  if (instant > latest) {
    return {
      ok: false,
      message: futureMessage(options, new Date(latest).toISOString()),
    };
  }
  return { ok: true, value: new Date(instant).toISOString() };
}

/**
 * Checks the Monday that starts a week (`YYYY-MM-DD`): a real date, a Monday on the
 * calendar, 1970 or later, and at most this week's Monday (a week that has begun somewhere).
 * @public
 */
export function checkWeekStart(
  value: unknown,
  options: Omit<DateRuleOptions, 'facing' | 'maxFutureDays'> = {},
): DateCheck {
  const date = checkIsoDate(value, { ...options, facing: 'past' });
  if (!date.ok) return date;
  const [year, month, day] = date.value.split('-').map(Number);
  if (new Date(utcMillis(year, month, day)).getUTCDay() !== 1) {
    return { ok: false, message: 'must be a Monday' };
  }
  return date;
}

function fromCheck(check: (value: string) => DateCheck) {
  return z
    .string()
    .max(40)
    .transform((value, ctx) => {
      const result = check(value);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message });
        return z.NEVER;
      }
      return result.value;
    });
}

/**
 * A date-only field (`YYYY-MM-DD`) under the date rule.
 * @public
 */
export function isoDateSchema(options: DateRuleOptions) {
  return fromCheck(v => checkIsoDate(v, options));
}

/**
 * A date-time field under the date rule, normalised to `toISOString()`.
 * @public
 */
export function isoDateTimeSchema(options: DateRuleOptions) {
  return fromCheck(v => checkIsoDateTime(v, options));
}

/**
 * The Monday that starts a week, at most this week's.
 * @public
 */
export function weekStartSchema(
  options: Omit<DateRuleOptions, 'facing' | 'maxFutureDays'> = {},
) {
  return fromCheck(v => checkWeekStart(v, options));
}
