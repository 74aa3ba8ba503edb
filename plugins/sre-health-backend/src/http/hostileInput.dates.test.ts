import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import fc from 'fast-check';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { SERVICE, SRE, TEAM } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import { TEST_ENGAGEMENT_PLAN } from '../__testUtils__/engagementPlan';
import { sreGroupPermissions } from '../__testUtils__/permissions';
import { routeCatalogEntities } from '../__testUtils__/routes';
import { FUZZ_SEED, fuzzRuns } from '../__testUtils__/fuzz';
import { isPostgres } from '../database/dialect';
import { toIso } from '../database/tables';
import { sreHealthPlugin } from '../plugin';

/*
 * #15 item 3, "nonsense dates are stored": every route that takes a date or date-time,
 * through the real plugin on SQLite and PostgreSQL. First the probe's findings one by one
 * (each a 400 naming the field, nothing written), then fast-check properties over hostile
 * date strings: never a 5xx, a refusal writes nothing, an invalid date is a 400 naming its
 * field, and an accepted date is exactly the instant it spells (judged by an oracle of this
 * file, not by the rule under test) and lies in its field's range.
 *
 * (hostileInput.test.ts's helpers are not imported: importing a test file would run its
 * suite here too. The generators follow its style; the fingerprint is its `dataFingerprint`
 * made to work on PostgreSQL as well.)
 */

jest.setTimeout(300_000);

const API = '/api/sre-health';
const RUNS = fuzzRuns(25);
const SEED = FUZZ_SEED;

/** The margin of future-facing fields this backend is configured with (default 1826). */
const MAX_FUTURE_DAYS = 400;
const CONFIG = {
  sreHealth: {
    sreGroups: ['group:default/sre'],
    validation: { maxFutureDays: MAX_FUTURE_DAYS },
  },
};

const MINUTE = 60_000;
const DAY = 86_400_000;
const SKEW = 5 * MINUTE;
/** Values this close to a range boundary are not judged (the clock moves during a request). */
const SLACK = 2 * MINUTE;

/** The plugin in a real backend on `knex`, configured with CONFIG. */
async function startBackend(knex: Knex): Promise<Server> {
  const { server } = await startTestBackend({
    features: [
      sreHealthPlugin,
      catalogServiceMock.factory({ entities: routeCatalogEntities }),
      mockServices.database.factory({ knex }),
      sreGroupPermissions(CONFIG).factory,
      mockServices.scheduler.mock({ scheduleTask: async () => {} }).factory,
      mockServices.rootConfig.factory({ data: CONFIG }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
  return server;
}

/**
 * What each table holds: rows and the sum of versions (revisions for entity_revisions), on
 * SQLite and PostgreSQL. A refused request must leave it as it was.
 */
async function dataFingerprint(knex: Knex): Promise<() => Promise<string>> {
  const tables: string[] = (
    isPostgres(knex)
      ? (
          await knex('information_schema.tables')
            .where({ table_schema: 'public' })
            .select('table_name')
        ).map((r: any) => r.table_name)
      : (
          await knex('sqlite_master').where({ type: 'table' }).select('name')
        ).map((r: any) => r.name)
  )
    .filter((t: string) => !t.startsWith('knex_') && !t.startsWith('sqlite_'))
    .sort();
  const parts: string[] = [];
  for (const table of tables) {
    const columns = await knex(table).columnInfo();
    const counter = ['version', 'revision'].find(c => c in columns);
    parts.push(
      `SELECT '${table}' AS t, COUNT(*) AS n, ${
        counter ? `COALESCE(SUM(${counter}), 0)` : '0'
      } AS v FROM "${table}"`,
    );
  }
  const sql = parts.join(' UNION ALL ');
  return async () => {
    const result = await knex.raw(sql);
    const rows: any[] = isPostgres(knex) ? result.rows : result;
    return JSON.stringify(rows.map(r => [r.t, Number(r.n), Number(r.v)]));
  };
}

// ---------------------------------------------------------------------------------------
// An oracle of what a date string spells, written apart from the rule in common/dates.ts.

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** The instant a strict ISO 8601 date-time names, or undefined if it names none. */
function instantOf(value: string): number | undefined {
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1, 6).map(Number);
  const s = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000 + 1e-6) : 0;
  if (y < 1000) return undefined; // Date.UTC would read 0-99 as 1900-1999; all before 1970
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(local);
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    back.getUTCHours() !== h ||
    back.getUTCMinutes() !== mi ||
    back.getUTCSeconds() !== s
  ) {
    return undefined;
  }
  if (m[8] === 'Z') return local;
  const [oh, om] = [Number(m[10]), Number(m[11])];
  if (om > 59 || oh * 60 + om > 14 * 60) return undefined;
  return local - (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * MINUTE;
}

/** The day a strict `YYYY-MM-DD` names, or undefined. */
function dayOf(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = m.slice(1).map(Number);
  if (y < 1000) return undefined;
  const back = new Date(Date.UTC(y, mo - 1, d));
  return back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d
    ? value
    : undefined;
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const EPOCH = 0;

type Facing = 'past' | 'future' | 'week';
/** `import-date`: the `Date:` line of an imported postmortem, a day or a date-time. */
type Kind = 'date' | 'date-time' | 'import-date';

/**
 * What the oracle expects of a value: `valid` with the normalised value, `invalid`, or
 * `unsure` when it lies within SLACK of a boundary.
 */
function judge(
  kind: Kind,
  facing: Facing,
  value: string,
): { verdict: 'valid'; value: string } | { verdict: 'invalid' | 'unsure' } {
  if (kind === 'import-date') {
    // the line's text, trimmed: a day (stored as its midnight UTC) or a date-time
    const text = value.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text))
      return judge('date-time', facing, text);
    const day = judge('date', facing, text);
    return day.verdict === 'valid'
      ? { verdict: 'valid', value: `${day.value}T00:00:00.000Z` }
      : day;
  }
  const now = Date.now();
  const latest = facing === 'future' ? now + MAX_FUTURE_DAYS * DAY : now + SKEW;
  if (kind === 'date-time') {
    const t = instantOf(value);
    if (t === undefined || t < EPOCH) return { verdict: 'invalid' };
    if (Math.abs(t - latest) < SLACK) return { verdict: 'unsure' };
    return t > latest
      ? { verdict: 'invalid' }
      : { verdict: 'valid', value: new Date(t).toISOString() };
  }
  const day = dayOf(value);
  if (day === undefined || dayMs(day) < EPOCH) return { verdict: 'invalid' };
  if (facing === 'week' && new Date(dayMs(day)).getUTCDay() !== 1) {
    return { verdict: 'invalid' };
  }
  // a day that has begun somewhere (UTC+14) by the latest instant
  const lastDay = utcDay(latest + 14 * 3_600_000);
  if (
    utcDay(latest + 14 * 3_600_000 - SLACK) !== lastDay ||
    utcDay(latest + 14 * 3_600_000 + SLACK) !== lastDay
  ) {
    return { verdict: 'unsure' };
  }
  return day > lastDay
    ? { verdict: 'invalid' }
    : { verdict: 'valid', value: day };
}

// ---------------------------------------------------------------------------------------
// Generators of hostile date strings.

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const OFFSETS = [
  'Z',
  '+00:00',
  '-00:00',
  '+01:00',
  '-05:30',
  '+05:45',
  '+14:00',
  '-12:00',
];
const BAD_OFFSETS = [
  '',
  'z',
  '+0100',
  '+01',
  ' UTC',
  ' GMT',
  '+15:00',
  '-14:30',
  '+05:60',
  '+24:00',
  ' (PST)',
];

/** An instant written in the zone of `offset` (Z or ±HH:MM), with or without seconds and ms. */
function writeIn(
  instant: number,
  offset: string,
  precision: 0 | 1 | 2 | 3,
): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes =
    offset === 'Z'
      ? 0
      : sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(instant + minutes * MINUTE).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const base = local.slice(0, [16, 19, 23, 23][precision]);
  return `${base}${precision === 3 ? '456789' : ''}${offset}`;
}

/** A real instant of the last `days` days, or of the next ones. */
const recentInstant = (fromDays: number, toDays: number) =>
  fc
    .integer({
      min: Math.round(fromDays * 1440),
      max: Math.round(toDays * 1440),
    })
    .map(
      minutesFromNow =>
        Math.floor(Date.now() / MINUTE) * MINUTE + minutesFromNow * MINUTE,
    );

/** Valid-looking date-times around now, in any zone: what should be accepted (or refused as future). */
const plausibleDateTime = (fromDays: number, toDays: number) =>
  fc
    .tuple(
      recentInstant(fromDays, toDays),
      fc.constantFrom(...OFFSETS),
      fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3),
    )
    .map(([t, offset, precision]) => writeIn(t, offset, precision));

/** Calendar and clock fields each a little out of range: 30 February, 25:00, :60. */
const impossibleDateTime = fc
  .record({
    y: fc.integer({ min: 1970, max: 2026 }),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    mi: fc.integer({ min: 0, max: 61 }),
    s: fc.integer({ min: 0, max: 61 }),
    offset: fc.constantFrom(...OFFSETS, '+14:01', '+15:00', '-23:59', '+05:60'),
  })
  .map(
    ({ y, mo, d, h, mi, s, offset }) =>
      `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset}`,
  );

const impossibleDate = fc
  .record({
    y: fc.integer({ min: 1970, max: 2026 }),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
  })
  .map(({ y, mo, d }) => `${y}-${pad(mo)}-${pad(d)}`);

/** Years before 1970 and far ahead, as four digits and as expanded years. */
const outOfRangeYear = fc.oneof(
  fc.integer({ min: 0, max: 1969 }),
  fc.integer({ min: 2032, max: 9999 }),
);
const outOfRangeDateTime = fc.oneof(
  fc
    .tuple(outOfRangeYear, fc.constantFrom(...OFFSETS))
    .map(([y, offset]) => `${pad(y, 4)}-06-15T12:00:00${offset}`),
  fc.constantFrom(
    '9999-12-31T23:59:59.999Z',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '+002026-11-01T00:00:00Z',
    '-000001-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '1970-01-01T00:30:00+01:00',
    '0000-01-01T00:00:00Z',
  ),
);
const outOfRangeDate = fc.oneof(
  outOfRangeYear.map(y => `${pad(y, 4)}-01-05`),
  fc.constantFrom(
    '0000-01-01',
    '9999-12-31',
    '1969-12-29',
    '+275760-09-13',
    '2032-01-05',
  ),
);

/** Numbers and number-like strings, which Date.parse reads as years or milliseconds. */
const numeric = fc.oneof(
  fc.integer().map(String),
  fc.nat(99).map(String),
  fc.double().map(String),
  fc.constantFrom(
    '1',
    '5',
    '12',
    '2026',
    '1e3',
    '0x10',
    '-1',
    '1700000000000',
    '20261101',
    'NaN',
    'Infinity',
  ),
);

/** A date followed or preceded by words: "hello 5" was stored as 2001-05-01. */
const withWords = (valid: fc.Arbitrary<string>) =>
  fc.oneof(
    fc
      .tuple(
        valid,
        fc.constantFrom(
          ' ',
          ' hello',
          'Z',
          ' GMT',
          ' (UTC)',
          '\n',
          '\u0000',
          'x',
          ' 5',
        ),
      )
      .map(([v, tail]) => `${v}${tail}`),
    fc
      .tuple(fc.constantFrom('hello ', ' ', 'Date: ', 'on '), valid)
      .map(([head, v]) => `${head}${v}`),
    fc.nat(31).map(n => `hello ${n}`),
  );

/** Time zones written the ways Date.parse forgives, and offsets no place has. */
const badZone = fc
  .tuple(recentInstant(-30, 0), fc.constantFrom(...BAD_OFFSETS))
  .map(([t, zone]) => `${new Date(t).toISOString().slice(0, 19)}${zone}`);

/** Leap seconds, which a JavaScript Date cannot hold (Date.parse rolls them over). */
const leapSecond = fc.oneof(
  fc.constantFrom(
    '2016-12-31T23:59:60Z',
    '2015-06-30T23:59:60Z',
    '2026-06-30T23:59:60+00:00',
  ),
  recentInstant(-300, 0).map(
    t => `${new Date(t).toISOString().slice(0, 17)}60Z`,
  ),
);

/** Other spellings Date.parse accepts. */
const otherSpellings = fc.constantFrom(
  'Nov 1 2026',
  'Sun, 01 Nov 2026 10:00:00 GMT',
  '2026/11/01',
  '11/01/2026',
  '2026-11-01 10:00:00Z',
  '2026-11-01t10:00:00z',
  '2026-11-01T10',
  '2026-11',
  'now',
  'today',
  '',
);

const hostileDateTime = (from: number, to: number) =>
  fc.oneof(
    { weight: 3, arbitrary: plausibleDateTime(from, to) },
    { weight: 2, arbitrary: impossibleDateTime },
    { weight: 2, arbitrary: outOfRangeDateTime },
    numeric,
    withWords(plausibleDateTime(-30, 0)),
    badZone,
    leapSecond,
    otherSpellings,
  );

/** Real days around now. */
const plausibleDay = (fromDays: number, toDays: number) =>
  recentInstant(fromDays, toDays).map(utcDay);
/** Mondays around now. */
const plausibleMonday = (fromWeeks: number, toWeeks: number) =>
  fc.integer({ min: fromWeeks, max: toWeeks }).map(weeks => {
    const d = new Date(Math.floor(Date.now() / DAY) * DAY);
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 7 * weeks);
    return utcDay(d.getTime());
  });

const hostileDate = (plausible: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 3, arbitrary: plausible },
    { weight: 2, arbitrary: impossibleDate },
    { weight: 2, arbitrary: outOfRangeDate },
    numeric,
    withWords(plausibleDay(-300, 0)),
    plausibleDateTime(-30, 0),
    otherSpellings,
    fc.constantFrom(
      '2023-02-30',
      '2023-04-31',
      '2026-02-30',
      '2023-02-29',
      '2024-02-29',
      '2100-02-29',
    ),
  );

// ---------------------------------------------------------------------------------------

/** A route with a date field: how to send a value, and where the stored value shows. */
interface DateField {
  name: string;
  kind: Kind;
  facing: Facing;
  /** The field as the 400 names it. */
  field: string;
  values: fc.Arbitrary<string>;
  /** Whether the route can take no more (engagements: one per spare team). */
  exhausted?(): boolean;
  /** A value the route must accept: run first, so every property sees an acceptance. */
  example(): string;
  send(value: string): Promise<request.Response>;
  /** The stored value after a 2xx (undefined: the route keeps nothing readable). */
  stored(res: request.Response, value: string): Promise<string | undefined>;
}

const sreHeaders = { Authorization: mockCredentials.user.header(SRE) };

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'dates on %p (#15 item 3)',
  databaseId => {
    let knex: Knex;
    let server: Server;
    let fingerprint: () => Promise<string>;
    /** The next spare team (routes.ts has 60) of each engagement route: one per engagement. */
    const spare = { engagements: 59, start: 30 };

    const send = (
      method: 'post' | 'patch' | 'get',
      path: string,
      body?: unknown,
      query?: object,
    ) => {
      const req = request(server)[method](`${API}${path}`).set(sreHeaders);
      if (query) req.query(query);
      return body === undefined ? req : req.send(body as object);
    };

    /** Sends, and tells whether the data changed. */
    async function attempt(run: () => Promise<request.Response>) {
      const before = await fingerprint();
      const res = await run();
      return { res, changed: (await fingerprint()) !== before };
    }

    const created = async (path: string, body: object) => {
      const res = await send('post', path, body);
      if (res.status !== 201)
        throw new Error(`${path}: ${res.status} ${res.text}`);
      return res.body;
    };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startBackend(knex);
      fingerprint = await dataFingerprint(knex);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    /** A 400 naming `field`, with nothing written. */
    async function expectRefused(
      run: () => Promise<request.Response>,
      field: string,
      message: string | RegExp,
    ) {
      const { res, changed } = await attempt(run);
      expect({ status: res.status, changed }).toEqual({
        status: 400,
        changed: false,
      });
      const text: string = res.body?.error?.message ?? res.text;
      expect(text).toContain(`${field}:`);
      if (typeof message === 'string')
        expect(text).toContain(`${field}: ${message}`);
      else expect(text).toMatch(message);
    }

    describe("the probe's findings: 400 naming the field, nothing written", () => {
      const fire = { entityRef: SERVICE, title: 'Pool warm-up' };
      const ISO = /must be an ISO 8601 date-time/;

      it.each([
        ['1', ISO],
        ['hello 5', ISO],
        ['2026-02-30T00:00:00Z', 'must be a real calendar date'],
        ['9999-12-31T23:59:59.999Z', 'must not be in the future'],
        ['+275760-09-13T00:00:00.000Z', ISO],
        ['-271821-04-20T00:00:00.000Z', ISO],
        ['1969-12-31T23:59:59Z', 'must be 1970 or later'],
        ['2016-12-31T23:59:60Z', /real time of day/],
      ])('POST /fires occurredAt %p', async (value, message) => {
        await expectRefused(
          () => send('post', '/fires', { ...fire, occurredAt: value }),
          'occurredAt',
          message,
        );
      });

      it('PATCH /fires/:id and /postmortems/:id refuse occurredAt "1", the record unchanged', async () => {
        const f = await created('/fires', {
          ...fire,
          occurredAt: '2026-11-01T10:00:00Z',
        });
        await expectRefused(
          () =>
            send('patch', `/fires/${f.id}`, {
              version: f.version,
              occurredAt: '1',
            }),
          'occurredAt',
          ISO,
        );
        const p = await created('/postmortems', {
          ...fire,
          occurredAt: '2026-11-01T10:00:00Z',
        });
        await expectRefused(
          () =>
            send('patch', `/postmortems/${p.id}`, {
              version: p.version,
              occurredAt: '2026-02-30T00:00:00Z',
            }),
          'occurredAt',
          'must be a real calendar date',
        );
        expect((await send('get', `/fires/${f.id}`)).body).toMatchObject({
          version: f.version,
          occurredAt: '2026-11-01T10:00:00.000Z',
        });
      });

      it('POST /postmortems and /complaints refuse nonsense and future date-times', async () => {
        await expectRefused(
          () =>
            send('post', '/postmortems', { ...fire, occurredAt: 'hello 5' }),
          'occurredAt',
          ISO,
        );
        await expectRefused(
          () =>
            send('post', '/complaints', {
              entityRef: SERVICE,
              summary: 'Checkout hangs',
              receivedAt: new Date(Date.now() + DAY).toISOString(),
            }),
          'receivedAt',
          'must not be in the future',
        );
      });

      it('date-only fields refuse 2023-02-30, weekStart 2023-04-31, 0000-01-01 and a week in 2032', async () => {
        const problem = {
          entityRef: SERVICE,
          title: 'Retry storm',
          deferredUntil: 'v2',
        };
        await expectRefused(
          () =>
            send('post', '/deferred-problems', {
              ...problem,
              dueDate: '2023-02-30',
            }),
          'dueDate',
          'must be a real calendar date',
        );
        const sample = { teamRef: TEAM, opsHours: 1, projectHours: 1 };
        await expectRefused(
          () =>
            send('post', '/ops-load', { ...sample, weekStart: '2023-04-31' }),
          'weekStart',
          'must be a real calendar date',
        );
        // Date.parse reads 2026-02-30 as Monday 2 March
        await expectRefused(
          () =>
            send('post', '/ops-load', { ...sample, weekStart: '2026-02-30' }),
          'weekStart',
          'must be a real calendar date',
        );
        await expectRefused(
          () =>
            send('post', '/ops-load', { ...sample, weekStart: '2032-01-05' }),
          'weekStart',
          'must not be in the future',
        );
        await expectRefused(
          () =>
            send('post', '/engagements', {
              teamRef: TEAM,
              sreRef: SRE,
              startDate: '0000-01-01',
              ...TEST_ENGAGEMENT_PLAN,
            }),
          'startDate',
          'must be 1970 or later',
        );
        await expectRefused(
          () =>
            send('post', '/engagements/start', {
              teamRef: TEAM,
              sreRef: SRE,
              situation: 'other',
              startDate: '2023-02-30',
              ...TEST_ENGAGEMENT_PLAN,
            }),
          'startDate',
          'must be a real calendar date',
        );
      });

      it('pushes refuse impossible starts of firings, buckets and shifts', async () => {
        await expectRefused(
          () =>
            send('post', '/alert-firings', {
              entityRef: SERVICE,
              firings: [
                { alertName: 'HighLatency', startsAt: '2026-02-30T10:00:00Z' },
              ],
            }),
          'firings.0.startsAt',
          'must be a real calendar date',
        );
        await expectRefused(
          () =>
            send('post', '/slo-events', {
              entityRef: SERVICE,
              slo: 'availability',
              buckets: [{ start: '1', good: 1, total: 1 }],
            }),
          'buckets.0.start',
          ISO,
        );
        await expectRefused(
          () =>
            send('post', '/oncall-shifts', {
              entityRef: SERVICE,
              shifts: [
                {
                  userRef: 'user:default/carol',
                  startsAt: 'hello 5',
                  endsAt: '2026-11-09T09:00:00Z',
                },
              ],
            }),
          'shifts.0.startsAt',
          ISO,
        );
      });

      it('the postmortem import refuses a "Date:" line that names no real day', async () => {
        const markdown = (date: string) =>
          `# Checkout outage\n\nDate: ${date}\n\n## Impact\n\n38 minutes\n\n## Action items\n\n- Add a pool warm-up\n`;
        for (const [date, message] of [
          ['1', 'is not a date'],
          ['hello 5', 'is not a date'],
          ['2023-02-30', 'must be a real calendar date'],
          ['9999-12-31', 'must not be in the future'],
        ]) {
          const { res, changed } = await attempt(() =>
            send('post', '/postmortems/import', {
              entityRef: SERVICE,
              markdown: markdown(date),
            }),
          );
          expect({ date, status: res.status, changed }).toEqual({
            date,
            status: 400,
            changed: false,
          });
          expect(res.body.error.message).toContain(
            `markdown: "Date: ${date}" ${message}`,
          );
        }
        const ok = await send('post', '/postmortems/import', {
          entityRef: SERVICE,
          markdown: markdown('2026-11-01T10:00:00+01:00'),
        });
        expect([ok.status, ok.body.occurredAt]).toEqual([
          201,
          '2026-11-01T09:00:00.000Z',
        ]);
      });

      it(`future-facing fields take the configured margin (sreHealth.validation.maxFutureDays: ${MAX_FUTURE_DAYS})`, async () => {
        const day = (days: number) => utcDay(Date.now() + days * DAY);
        const problem = {
          entityRef: SERVICE,
          title: 'Retry storm',
          deferredUntil: 'v2',
        };
        // the default margin (1826 days) would take it
        await expectRefused(
          () =>
            send('post', '/deferred-problems', {
              ...problem,
              dueDate: day(MAX_FUTURE_DAYS + 30),
            }),
          'dueDate',
          new RegExp(`must be at most ${MAX_FUTURE_DAYS} days ahead`),
        );
        const p = await created('/deferred-problems', {
          ...problem,
          dueDate: day(100),
        });
        expect(p.dueDate).toBe(day(100));
        await expectRefused(
          () =>
            send('patch', `/deferred-problems/${p.id}`, {
              version: p.version,
              dueDate: day(MAX_FUTURE_DAYS + 30),
            }),
          'dueDate',
          new RegExp(`must be at most ${MAX_FUTURE_DAYS} days ahead`),
        );
        await expectRefused(
          () =>
            send('post', '/oncall-shifts', {
              entityRef: SERVICE,
              shifts: [
                {
                  userRef: 'user:default/carol',
                  startsAt: new Date(Date.now() - DAY).toISOString(),
                  endsAt: new Date(
                    Date.now() + (MAX_FUTURE_DAYS + 30) * DAY,
                  ).toISOString(),
                },
              ],
            }),
          'shifts.0.endsAt',
          new RegExp(`must be at most ${MAX_FUTURE_DAYS} days ahead`),
        );
      });

      it('stores an accepted date-time as the instant it names, in UTC', async () => {
        const f = await created('/fires', {
          ...fire,
          occurredAt: '2026-11-01T10:00:00.5+01:00',
        });
        expect(f.occurredAt).toBe('2026-11-01T09:00:00.500Z');
        expect((await send('get', `/fires/${f.id}`)).body.occurredAt).toBe(
          '2026-11-01T09:00:00.500Z',
        );
        const c = await created('/complaints', {
          entityRef: SERVICE,
          summary: 'Checkout hangs',
          receivedAt: '2024-02-29T23:30:00-05:00',
        });
        expect(c.receivedAt).toBe('2024-03-01T04:30:00.000Z');
      });
    });

    describe('hostile date strings on every route with a date: never a 5xx, a refusal writes nothing, an accepted date round-trips', () => {
      let fireId: string;
      let fireVersion: number;
      let postmortemId: string;
      let postmortemVersion: number;
      let problemId: string;
      let problemVersion: number;
      let shiftStart: string;
      const ALERT = `DateFuzz-${Math.random().toString(36).slice(2, 8)}`;

      beforeAll(async () => {
        const f = await created('/fires', {
          entityRef: SERVICE,
          title: 'fuzz',
          occurredAt: '2026-11-01T10:00:00Z',
        });
        [fireId, fireVersion] = [f.id, f.version];
        const p = await created('/postmortems', {
          entityRef: SERVICE,
          title: 'fuzz',
          occurredAt: '2026-11-01T10:00:00Z',
        });
        [postmortemId, postmortemVersion] = [p.id, p.version];
        const d = await created('/deferred-problems', {
          entityRef: SERVICE,
          title: 'fuzz',
          deferredUntil: 'v2',
        });
        [problemId, problemVersion] = [d.id, d.version];
        shiftStart = new Date(
          Math.floor(Date.now() / MINUTE) * MINUTE - 3 * DAY,
        ).toISOString();
      });

      const shifts = async () =>
        (await send('get', '/oncall-shifts', undefined, { entityRef: SERVICE }))
          .body as Array<{
          userRef: string;
          startsAt: string;
          endsAt: string;
        }>;

      /** A real instant `minutes` ago, written with an offset. */
      const ago = (minutes: number) =>
        writeIn(Date.now() - minutes * MINUTE, '+05:30', 2);

      const fields = (): DateField[] => [
        {
          name: 'POST /fires occurredAt',
          example: () => ago(10),
          kind: 'date-time',
          facing: 'past',
          field: 'occurredAt',
          values: hostileDateTime(-3000, 3),
          send: v =>
            send('post', '/fires', {
              entityRef: SERVICE,
              title: 'fuzz',
              occurredAt: v,
            }),
          stored: async res =>
            (await send('get', `/fires/${res.body.id}`)).body.occurredAt,
        },
        {
          name: 'PATCH /fires/:id occurredAt',
          example: () => ago(11),
          kind: 'date-time',
          facing: 'past',
          field: 'occurredAt',
          values: hostileDateTime(-3000, 3),
          send: async v => {
            const res = await send('patch', `/fires/${fireId}`, {
              version: fireVersion,
              occurredAt: v,
            });
            if (res.status === 200) fireVersion = res.body.version;
            return res;
          },
          stored: async () =>
            (await send('get', `/fires/${fireId}`)).body.occurredAt,
        },
        {
          name: 'POST /postmortems occurredAt',
          example: () => ago(12),
          kind: 'date-time',
          facing: 'past',
          field: 'occurredAt',
          values: hostileDateTime(-3000, 3),
          send: v =>
            send('post', '/postmortems', {
              entityRef: SERVICE,
              title: 'fuzz',
              occurredAt: v,
            }),
          stored: async res =>
            (await send('get', `/postmortems/${res.body.id}`)).body.occurredAt,
        },
        {
          name: 'PATCH /postmortems/:id occurredAt',
          example: () => ago(13),
          kind: 'date-time',
          facing: 'past',
          field: 'occurredAt',
          values: hostileDateTime(-3000, 3),
          send: async v => {
            const res = await send('patch', `/postmortems/${postmortemId}`, {
              version: postmortemVersion,
              occurredAt: v,
            });
            if (res.status === 200) postmortemVersion = res.body.version;
            return res;
          },
          stored: async () =>
            (await send('get', `/postmortems/${postmortemId}`)).body.occurredAt,
        },
        {
          name: 'POST /complaints receivedAt',
          example: () => ago(14),
          kind: 'date-time',
          facing: 'past',
          field: 'receivedAt',
          values: hostileDateTime(-3000, 3),
          send: v =>
            send('post', '/complaints', {
              entityRef: SERVICE,
              summary: 'fuzz',
              receivedAt: v,
            }),
          stored: async res =>
            (await send('get', `/complaints/${res.body.id}`)).body.receivedAt,
        },
        {
          name: 'POST /alert-firings firings[].startsAt',
          example: () => ago(15),
          kind: 'date-time',
          facing: 'past',
          field: 'firings.0.startsAt',
          values: hostileDateTime(-3000, 3),
          send: v =>
            send('post', '/alert-firings', {
              entityRef: SERVICE,
              firings: [{ alertName: ALERT, startsAt: v }],
            }),
          stored: async (_res, v) => {
            const want = judge('date-time', 'past', v);
            const rows = await knex('alert_firings')
              .where({ entity_ref: SERVICE, alert_name: ALERT })
              .select('starts_at');
            const found = rows.map(r => toIso(r.starts_at));
            return want.verdict === 'valid' && found.includes(want.value)
              ? want.value
              : found.join(',');
          },
        },
        {
          name: 'POST /slo-events buckets[].start',
          example: () =>
            new Date(Math.floor(Date.now() / MINUTE) * MINUTE).toISOString(),
          kind: 'date-time',
          facing: 'past',
          field: 'buckets.0.start',
          // mostly whole minutes of the last hour (the route keeps a late tolerance)
          values: fc.oneof(
            {
              weight: 2,
              arbitrary: fc
                .tuple(
                  recentInstant(-1 / 24, 0.01),
                  fc.constantFrom(...OFFSETS),
                )
                .map(([t, o]) => writeIn(t, o, 0)),
            },
            { weight: 3, arbitrary: hostileDateTime(-1, 1) },
          ),
          send: v =>
            send('post', '/slo-events', {
              entityRef: SERVICE,
              slo: 'availability',
              buckets: [{ start: v, good: 1, total: 1 }],
            }),
          stored: async (_res, v) => {
            const want = judge('date-time', 'past', v);
            const rows = await knex('slo_events')
              .where({ entity_ref: SERVICE, slo_name: 'availability' })
              .select('bucket_start');
            const found = rows.map(r => toIso(r.bucket_start));
            return want.verdict === 'valid' && found.includes(want.value)
              ? want.value
              : found.join(',');
          },
        },
        {
          name: 'POST /oncall-shifts shifts[].startsAt',
          example: () => ago(16),
          kind: 'date-time',
          facing: 'past',
          field: 'shifts.0.startsAt',
          values: hostileDateTime(-3000, 3),
          send: v =>
            send('post', '/oncall-shifts', {
              entityRef: SERVICE,
              shifts: [
                {
                  userRef: 'user:default/carol',
                  startsAt: v,
                  endsAt: new Date(Date.now() + 2 * DAY).toISOString(),
                },
              ],
            }),
          stored: async (_res, v) => {
            const want = judge('date-time', 'past', v);
            const all = await shifts();
            return want.verdict === 'valid' &&
              all.some(s => s.startsAt === want.value)
              ? want.value
              : 'not found';
          },
        },
        {
          name: 'POST /oncall-shifts shifts[].endsAt',
          example: () => new Date(Date.now() + 3 * DAY).toISOString(),
          kind: 'date-time',
          facing: 'future',
          field: 'shifts.0.endsAt',
          values: hostileDateTime(-2, MAX_FUTURE_DAYS + 60),
          send: v =>
            send('post', '/oncall-shifts', {
              entityRef: SERVICE,
              shifts: [
                {
                  userRef: 'user:default/bob',
                  startsAt: shiftStart,
                  endsAt: v,
                },
              ],
            }),
          stored: async () =>
            (await shifts()).find(
              s =>
                s.userRef === 'user:default/bob' && s.startsAt === shiftStart,
            )?.endsAt,
        },
        {
          name: 'POST /deferred-problems dueDate',
          example: () => utcDay(Date.now() + 30 * DAY),
          kind: 'date',
          facing: 'future',
          field: 'dueDate',
          values: hostileDate(plausibleDay(-3000, MAX_FUTURE_DAYS + 100)),
          send: v =>
            send('post', '/deferred-problems', {
              entityRef: SERVICE,
              title: 'fuzz',
              deferredUntil: 'v2',
              dueDate: v,
            }),
          stored: async res =>
            (await send('get', `/deferred-problems/${res.body.id}`)).body
              .dueDate,
        },
        {
          name: 'PATCH /deferred-problems/:id dueDate',
          example: () => utcDay(Date.now() + 31 * DAY),
          kind: 'date',
          facing: 'future',
          field: 'dueDate',
          values: hostileDate(plausibleDay(-3000, MAX_FUTURE_DAYS + 100)),
          send: async v => {
            const res = await send('patch', `/deferred-problems/${problemId}`, {
              version: problemVersion,
              dueDate: v,
            });
            if (res.status === 200) problemVersion = res.body.version;
            return res;
          },
          stored: async () =>
            (await send('get', `/deferred-problems/${problemId}`)).body.dueDate,
        },
        {
          name: 'POST /ops-load weekStart',
          example: () => '2026-01-05',
          kind: 'date',
          facing: 'week',
          field: 'weekStart',
          values: hostileDate(plausibleMonday(-2000, 3)),
          send: v =>
            send('post', '/ops-load', {
              teamRef: TEAM,
              weekStart: v,
              opsHours: 1,
              projectHours: 1,
            }),
          stored: async res =>
            (await send('get', `/ops-load/${res.body.id}`)).body.weekStart,
        },
        {
          name: 'POST /postmortems/import "Date:"',
          example: () => '2026-01-05',
          kind: 'import-date',
          facing: 'past',
          field: 'markdown',
          values: fc
            .oneof(
              hostileDate(plausibleDay(-3000, 3)),
              hostileDateTime(-3000, 3),
            )
            .filter(v => !/[\n\r#]/.test(v)),
          send: v =>
            send('post', '/postmortems/import', {
              entityRef: SERVICE,
              markdown: `# fuzz\n\nDate: ${v}\n\n## Action items\n\n- a\n`,
            }),
          stored: async res =>
            (await send('get', `/postmortems/${res.body.id}`)).body.occurredAt,
        },
        {
          name: 'POST /engagements startDate',
          exhausted: () => spare.engagements < 31,
          example: () => '2026-01-05',
          kind: 'date',
          facing: 'past',
          field: 'startDate',
          values: hostileDate(plausibleDay(-3000, 3)),
          send: async v => {
            const res = await send('post', '/engagements', {
              teamRef: `group:default/spare-team-${spare.engagements}`,
              sreRef: SRE,
              startDate: v,
              ...TEST_ENGAGEMENT_PLAN,
            });
            if (res.status < 300) spare.engagements--;
            return res;
          },
          stored: async res =>
            (await send('get', `/engagements/${res.body.id}`)).body.startDate,
        },
        {
          name: 'POST /engagements/start startDate',
          exhausted: () => spare.start < 1,
          example: () => utcDay(Date.now() - 7 * DAY),
          kind: 'date',
          facing: 'past',
          field: 'startDate',
          values: hostileDate(plausibleDay(-300, 3)),
          send: async v => {
            const res = await send('post', '/engagements/start', {
              teamRef: `group:default/spare-team-${spare.start}`,
              sreRef: SRE,
              situation: 'other',
              startDate: v,
              ...TEST_ENGAGEMENT_PLAN,
            });
            if (res.status < 300) spare.start--;
            return res;
          },
          stored: async res => res.body.engagement.startDate,
        },
      ];

      it.each(fields().map(f => [f.name, f.name] as const))(
        '%s',
        async (_name, name) => {
          const spec = fields().find(f => f.name === name)!;
          let accepted = 0;
          await fc.assert(
            fc.asyncProperty(spec.values, async value => {
              if (spec.exhausted?.()) return; // out of spare teams
              const expected = judge(spec.kind, spec.facing, value);
              const { res, changed } = await attempt(() => spec.send(value));
              const what = `${name} with ${JSON.stringify(value)}: ${
                res.status
              } ${res.text.slice(0, 300)}`;
              if (res.status >= 500) throw new Error(what);
              if (res.status >= 400 && changed)
                throw new Error(`${what}: refused but wrote data`);
              if (expected.verdict === 'invalid') {
                if (res.status !== 400)
                  throw new Error(
                    `${what}: accepted a date the oracle calls invalid`,
                  );
                if (
                  !String(res.body?.error?.message).includes(`${spec.field}:`)
                ) {
                  throw new Error(
                    `${what}: the 400 does not name ${spec.field}`,
                  );
                }
              }
              if (res.status < 300) {
                if (expected.verdict === 'unsure') return;
                if (expected.verdict !== 'valid')
                  throw new Error(`${what}: accepted`);
                const stored = await spec.stored(res, value);
                accepted++;
                if (stored !== expected.value) {
                  throw new Error(
                    `${what}: stored ${stored}, expected ${expected.value}`,
                  );
                }
              }
            }),
            { numRuns: RUNS, seed: SEED, examples: [[spec.example()]] },
          );
          // the example at least: the round-trip clause was not vacuous
          expect(accepted).toBeGreaterThan(0);
        },
      );
    });
  },
);
