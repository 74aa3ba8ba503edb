import {
  DATE_LIMITS,
  checkIsoDate,
  checkIsoDateTime,
  checkWeekStart,
  isoDateSchema,
  isoDateTimeSchema,
  weekStartSchema,
} from './dates';

/** Sunday 6 December 2026, 12:00 UTC. */
const NOON = new Date('2026-12-06T12:00:00.000Z');
const at = (iso: string) => () => new Date(iso);
const past = { facing: 'past' as const, now: () => NOON };
const future = { facing: 'future' as const, now: () => NOON };

const REAL = 'must be a real calendar date';
const FUTURE = 'must not be in the future';
const MIN = 'must be 1970 or later';

const messageOf = (check: { ok: boolean; message?: string }) =>
  check.ok ? 'ok' : check.message;

describe('checkIsoDateTime', () => {
  it('refuses what the issue found stored (#15 item 3)', () => {
    expect(messageOf(checkIsoDateTime('1', past))).toMatch(
      /^must be an ISO 8601 date-time/,
    );
    expect(messageOf(checkIsoDateTime('hello 5', past))).toMatch(
      /^must be an ISO 8601 date-time/,
    );
    expect(messageOf(checkIsoDateTime('2026-02-30T00:00:00Z', past))).toBe(
      REAL,
    );
    expect(messageOf(checkIsoDateTime('9999-12-31T23:59:59.999Z', past))).toBe(
      FUTURE,
    );
    expect(
      messageOf(checkIsoDateTime('9999-12-31T23:59:59.999Z', future)),
    ).toMatch(/^must be at most 1826 days ahead/);
    // expanded years are not ISO 8601 as exchanged here
    for (const v of [
      '+275760-09-13T00:00:00.000Z',
      '-271821-04-20T00:00:00.000Z',
      '+002026-11-01T00:00:00Z',
    ]) {
      expect([v, messageOf(checkIsoDateTime(v, future))]).toEqual([
        v,
        expect.stringMatching(/^must be an ISO 8601 date-time/),
      ]);
    }
    expect(messageOf(checkIsoDateTime('0000-01-01T00:00:00Z', past))).toBe(MIN);
  });

  it('accepts ISO 8601 with Z or an offset and normalises it to toISOString()', () => {
    const cases: Array<[string, string]> = [
      ['2026-11-01T10:00:00Z', '2026-11-01T10:00:00.000Z'],
      ['2026-11-01T10:00Z', '2026-11-01T10:00:00.000Z'],
      ['2026-11-01T10:00:00.5Z', '2026-11-01T10:00:00.500Z'],
      ['2026-11-01T10:00:00.123Z', '2026-11-01T10:00:00.123Z'],
      // Go / Alertmanager write nanoseconds: kept to the millisecond
      ['2026-11-01T10:00:00.123456789Z', '2026-11-01T10:00:00.123Z'],
      ['2026-11-01T00:00:00+01:00', '2026-10-31T23:00:00.000Z'],
      ['2026-11-01T23:30:00-05:30', '2026-11-02T05:00:00.000Z'],
      ['2026-11-01T10:00:00-00:00', '2026-11-01T10:00:00.000Z'],
      ['2026-11-01T10:00:00+14:00', '2026-10-31T20:00:00.000Z'],
      ['2026-11-01T10:00:00-14:00', '2026-11-02T00:00:00.000Z'],
    ];
    for (const [input, normalised] of cases) {
      expect([input, checkIsoDateTime(input, past)]).toEqual([
        input,
        { ok: true, value: normalised },
      ]);
    }
  });

  it('needs real calendar and clock fields, leap years included', () => {
    const ok = (v: string) =>
      messageOf(checkIsoDateTime(v, { ...future, maxFutureDays: 100_000 }));
    expect(ok('2024-02-29T12:00:00Z')).toBe('ok');
    expect(ok('2000-02-29T12:00:00Z')).toBe('ok'); // divisible by 400
    expect(ok('2096-02-29T12:00:00Z')).toBe('ok');
    expect(ok('2023-02-29T12:00:00Z')).toBe(REAL);
    expect(ok('2100-02-29T12:00:00Z')).toBe(REAL); // divisible by 100, not 400
    expect(ok('2026-04-31T00:00:00Z')).toBe(REAL);
    expect(ok('2026-13-01T00:00:00Z')).toBe(REAL);
    expect(ok('2026-00-10T00:00:00Z')).toBe(REAL);
    expect(ok('2026-01-00T00:00:00Z')).toBe(REAL);
    expect(ok('2026-01-32T00:00:00Z')).toBe(REAL);
    expect(ok('2026-12-31T23:59:59.999Z')).toBe('ok');
    for (const v of [
      '2026-11-01T24:00:00Z',
      '2026-11-01T23:60:00Z',
      '2026-11-01T10:00:61Z',
      // a real leap second, which a JavaScript Date cannot hold
      '2016-12-31T23:59:60Z',
    ]) {
      expect([v, ok(v)]).toEqual([
        v,
        expect.stringMatching(/real time of day/),
      ]);
    }
    for (const v of [
      '2026-11-01T10:00:00+14:01',
      '2026-11-01T10:00:00+15:00',
      '2026-11-01T10:00:00-23:00',
      '2026-11-01T10:00:00+05:60',
    ]) {
      expect([v, ok(v)]).toEqual([
        v,
        expect.stringMatching(/time-zone offset/),
      ]);
    }
  });

  it('refuses numbers, partial dates, trailing words and other spellings', () => {
    for (const v of [
      '',
      '1',
      '2026',
      '2026-11',
      '20261101',
      '20261101T100000Z',
      '1700000000000',
      '2026-11-01',
      '2026-11-01T10',
      '2026-11-01T10:00:00', // no offset: whose local time?
      '2026-11-01 10:00:00Z',
      '2026-11-01t10:00:00z',
      '2026-11-01T10:00:00Z ',
      ' 2026-11-01T10:00:00Z',
      '2026-11-01T10:00:00Z\n',
      '2026-11-01T10:00:00Z hello',
      'hello 2026-11-01T10:00:00Z',
      '2026-11-01T10:00:00+0100',
      '2026-11-01T10:00:00+01',
      '2026-11-01T10:00:00 GMT',
      '2026-11-01T10:00:00.Z',
      '2026-11-01T10:00:00.1234567890Z',
      '２０２６-11-01T10:00:00Z',
      'Sun, 01 Nov 2026 10:00:00 GMT',
      'Nov 1 2026',
      'now',
      'NaN',
      'Infinity',
    ]) {
      expect([v, messageOf(checkIsoDateTime(v, past))]).toEqual([
        v,
        expect.stringMatching(/^must be an ISO 8601 date-time/),
      ]);
    }
    for (const v of [1, 1_700_000_000_000, null, undefined, {}, [], true]) {
      expect(checkIsoDateTime(v, past).ok).toBe(false);
    }
  });

  it('starts at 1970-01-01T00:00:00Z, the instant after the offset', () => {
    expect(messageOf(checkIsoDateTime('1970-01-01T00:00:00Z', past))).toBe(
      'ok',
    );
    expect(messageOf(checkIsoDateTime('1969-12-31T23:59:59Z', past))).toBe(MIN);
    expect(messageOf(checkIsoDateTime('1970-01-01T00:30:00+01:00', past))).toBe(
      MIN,
    );
    expect(checkIsoDateTime('1969-12-31T23:30:00-01:00', past)).toEqual({
      ok: true,
      value: '1970-01-01T00:30:00.000Z',
    });
    // years 0-99 are not read as 1900-1999
    expect(messageOf(checkIsoDateTime('0070-01-01T00:00:00Z', past))).toBe(MIN);
  });

  it('keeps past-facing facts within the clock skew of now', () => {
    const skew = DATE_LIMITS.clockSkewMinutes;
    expect(skew).toBe(5);
    expect(messageOf(checkIsoDateTime('2026-12-06T12:04:59Z', past))).toBe(
      'ok',
    );
    expect(messageOf(checkIsoDateTime('2026-12-06T12:05:00Z', past))).toBe(
      'ok',
    );
    expect(messageOf(checkIsoDateTime('2026-12-06T12:05:01Z', past))).toBe(
      FUTURE,
    );
    // the same instant written in another zone is the same instant
    expect(messageOf(checkIsoDateTime('2026-12-07T02:05:00+14:00', past))).toBe(
      'ok',
    );
    expect(messageOf(checkIsoDateTime('2026-12-07T02:06:00+14:00', past))).toBe(
      FUTURE,
    );
  });

  it('keeps future-facing plans within the configured margin', () => {
    expect(DATE_LIMITS.defaultMaxFutureDays).toBe(1826);
    expect(messageOf(checkIsoDateTime('2031-12-06T12:00:00Z', future))).toBe(
      'ok',
    );
    expect(messageOf(checkIsoDateTime('2031-12-06T12:00:01Z', future))).toMatch(
      /^must be at most 1826 days ahead \(2031-12-06T12:00:00.000Z or earlier\)$/,
    );
    const month = { ...future, maxFutureDays: 30 };
    expect(messageOf(checkIsoDateTime('2027-01-05T12:00:00Z', month))).toBe(
      'ok',
    );
    expect(messageOf(checkIsoDateTime('2027-01-05T12:00:01Z', month))).toMatch(
      /^must be at most 30 days ahead/,
    );
    // a plan may lie in the past (an overdue due date), not before 1970
    expect(messageOf(checkIsoDateTime('2001-01-01T00:00:00Z', future))).toBe(
      'ok',
    );
    expect(() =>
      checkIsoDateTime('2026-01-01T00:00:00Z', {
        facing: 'future',
        maxFutureDays: -1,
      }),
    ).toThrow(/maxFutureDays/);
  });

  it('handles UTC without daylight-saving effects, whatever the server zone', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of [
        'UTC',
        'Europe/Berlin',
        'America/New_York',
        'Pacific/Kiritimati',
      ]) {
        process.env.TZ = tz;
        // 01:30 on the night Europe skips an hour, 01:30 New York repeats: both plain UTC
        expect(checkIsoDateTime('2026-03-29T02:30:00Z', past)).toEqual({
          ok: true,
          value: '2026-03-29T02:30:00.000Z',
        });
        expect(checkIsoDateTime('2026-11-01T01:30:00-04:00', past)).toEqual({
          ok: true,
          value: '2026-11-01T05:30:00.000Z',
        });
        expect(checkIsoDateTime('2026-11-01T01:30:00-05:00', past)).toEqual({
          ok: true,
          value: '2026-11-01T06:30:00.000Z',
        });
        expect(checkIsoDate('2026-03-29', past).ok).toBe(true);
        expect(checkWeekStart('2026-03-30', { now: () => NOON }).ok).toBe(true);
        expect(checkWeekStart('2026-03-29', { now: () => NOON }).ok).toBe(
          false,
        );
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('checkIsoDate', () => {
  it('refuses what the issue found stored (#15 item 3)', () => {
    expect(messageOf(checkIsoDate('2023-02-30', past))).toBe(REAL);
    expect(messageOf(checkIsoDate('2023-04-31', past))).toBe(REAL);
    expect(messageOf(checkIsoDate('0000-01-01', past))).toBe(MIN);
    expect(messageOf(checkIsoDate('0000-01-01', future))).toBe(MIN);
    expect(messageOf(checkIsoDate('9999-12-31', future))).toMatch(
      /^must be at most 1826 days ahead/,
    );
    expect(messageOf(checkIsoDate('1', past))).toBe(
      'must be a date as YYYY-MM-DD',
    );
  });

  it('round-trips Y-M-D through Date.UTC, leap years included', () => {
    const far = { ...future, maxFutureDays: 100_000 };
    expect(checkIsoDate('2024-02-29', past)).toEqual({
      ok: true,
      value: '2024-02-29',
    });
    expect(messageOf(checkIsoDate('2000-02-29', past))).toBe('ok');
    expect(messageOf(checkIsoDate('2023-02-29', past))).toBe(REAL);
    expect(messageOf(checkIsoDate('2100-02-29', far))).toBe(REAL);
    expect(messageOf(checkIsoDate('2096-02-29', far))).toBe('ok');
    expect(messageOf(checkIsoDate('1970-01-01', past))).toBe('ok');
    expect(messageOf(checkIsoDate('1969-12-31', past))).toBe(MIN);
    expect(messageOf(checkIsoDate('2026-06-31', past))).toBe(REAL);
    expect(messageOf(checkIsoDate('2026-12-32', past))).toBe(REAL);
  });

  it('refuses other spellings', () => {
    for (const v of [
      '2026-1-1',
      '26-11-01',
      '2026/11/01',
      '01.11.2026',
      '2026-11-01T00:00:00Z',
      '2026-11-01 ',
      '2026-11-01\n',
      '2026-11-01 hello',
      '+2026-11-01',
      '20261101',
      '',
    ]) {
      expect([v, messageOf(checkIsoDate(v, past))]).toEqual([
        v,
        'must be a date as YYYY-MM-DD',
      ]);
    }
  });

  it('takes a past-facing day that has begun somewhere on Earth', () => {
    // At 12:00 UTC on 6 December it is 02:00 on 7 December at UTC+14.
    expect(messageOf(checkIsoDate('2026-12-06', past))).toBe('ok');
    expect(messageOf(checkIsoDate('2026-12-07', past))).toBe('ok');
    expect(messageOf(checkIsoDate('2026-12-08', past))).toBe(FUTURE);
    const earlyUtc = {
      facing: 'past' as const,
      now: at('2026-12-06T09:00:00Z'),
    };
    expect(messageOf(checkIsoDate('2026-12-06', earlyUtc))).toBe('ok');
    expect(messageOf(checkIsoDate('2026-12-07', earlyUtc))).toBe(FUTURE);
  });

  it('takes a future-facing day within the margin', () => {
    const month = { ...future, maxFutureDays: 30 };
    expect(messageOf(checkIsoDate('2027-01-05', month))).toBe('ok');
    expect(messageOf(checkIsoDate('2027-01-06', month))).toBe('ok'); // already 6 January at UTC+14
    expect(messageOf(checkIsoDate('2027-01-07', month))).toMatch(
      /^must be at most 30 days ahead \(2027-01-06 or earlier\)$/,
    );
    expect(messageOf(checkIsoDate('2031-12-06', future))).toBe('ok');
    expect(messageOf(checkIsoDate('2032-01-01', future))).toMatch(
      /^must be at most 1826 days ahead/,
    );
  });
});

describe('checkWeekStart', () => {
  const clock = { now: () => NOON }; // Sunday

  it('needs a Monday on the real calendar', () => {
    expect(checkWeekStart('2026-11-30', clock)).toEqual({
      ok: true,
      value: '2026-11-30',
    });
    expect(messageOf(checkWeekStart('2026-12-01', clock))).toBe(
      'must be a Monday',
    );
    // 30 February 2026 rolls over to Monday 2 March in Date.parse: not a date at all
    expect(messageOf(checkWeekStart('2026-02-30', clock))).toBe(REAL);
    expect(messageOf(checkWeekStart('2026-03-02', clock))).toBe('ok');
    expect(messageOf(checkWeekStart('2023-04-31', clock))).toBe(REAL);
    expect(messageOf(checkWeekStart('2024-02-29', clock))).toBe(
      'must be a Monday',
    ); // a Thursday
    expect(messageOf(checkWeekStart('1970-01-05', clock))).toBe('ok');
    expect(messageOf(checkWeekStart('1969-12-29', clock))).toBe(MIN);
  });

  it("goes up to this week's Monday, nothing later", () => {
    // an ops-load week in 2032 was accepted
    expect(messageOf(checkWeekStart('2032-01-05', clock))).toBe(FUTURE);
    expect(messageOf(checkWeekStart('2026-12-14', clock))).toBe(FUTURE);
    // Sunday 12:00 UTC: Monday 7 December has begun at UTC+14
    expect(messageOf(checkWeekStart('2026-12-07', clock))).toBe('ok');
    // Sunday 09:00 UTC: not yet anywhere
    expect(
      messageOf(
        checkWeekStart('2026-12-07', { now: at('2026-12-06T09:00:00Z') }),
      ),
    ).toBe(FUTURE);
    // on a Monday, that Monday
    expect(
      messageOf(
        checkWeekStart('2026-12-07', { now: at('2026-12-07T00:00:00Z') }),
      ),
    ).toBe('ok');
  });
});

describe('the zod schemas', () => {
  it('return the normalised value or a specific issue', () => {
    const dateTime = isoDateTimeSchema(past);
    expect(dateTime.parse('2026-11-01T00:00:00+01:00')).toBe(
      '2026-10-31T23:00:00.000Z',
    );
    expect(dateTime.safeParse('2026-02-30T00:00:00Z').error?.issues).toEqual([
      expect.objectContaining({ message: REAL, path: [] }),
    ]);
    expect(dateTime.safeParse(1).success).toBe(false);
    expect(
      dateTime.safeParse(`2026-11-01T10:00:00Z${' '.repeat(100)}`).success,
    ).toBe(false);
    const date = isoDateSchema(future);
    expect(date.parse('2027-03-01')).toBe('2027-03-01');
    expect(date.safeParse('2023-02-30').error?.issues[0].message).toBe(REAL);
    const week = weekStartSchema({ now: () => NOON });
    expect(week.parse('2026-11-30')).toBe('2026-11-30');
    expect(week.safeParse('2032-01-05').error?.issues[0].message).toBe(FUTURE);
  });

  it('read the clock at parse time, not when built', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const schema = isoDateTimeSchema({ facing: 'past', now: () => now });
    expect(schema.safeParse('2026-06-01T00:00:00Z').success).toBe(false);
    now = new Date('2026-07-01T00:00:00Z');
    expect(schema.safeParse('2026-06-01T00:00:00Z').success).toBe(true);
  });
});
