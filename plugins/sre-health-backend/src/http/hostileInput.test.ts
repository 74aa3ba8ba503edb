import { TestDatabases } from '@backstage/backend-test-utils';
import { normalizeEntityRef } from '@sre-health/backstage-plugin-sre-health-common';
import fc from 'fast-check';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { SERVICE, TEAM } from '../__testUtils__/catalog';
import {
  Caller,
  Fixtures,
  GENERIC_RESOURCES,
  Method,
  OTHER_SERVICE,
  ROUTES,
  RouteSpec,
  SampleRequest,
  headersOf,
  routeKey,
  startRouteTestBackend,
} from '../__testUtils__/routes';
import { FUZZ_SEED, fuzzRuns } from '../__testUtils__/fuzz';
import { TEST_ENGAGEMENT_PLAN } from '../__testUtils__/engagementPlan';

jest.setTimeout(300_000);

const API = '/api/sre-health';
const RUNS = fuzzRuns(40);
const SEED = FUZZ_SEED;

const SCRIPT = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const MARKER_A = 'marker-of-payments-api-7f3a';
const MARKER_B = 'marker-of-ledger-service-91c2';

/** Strings that have broken web backends: SQL, markup, paths, odd unicode, size. */
const nastyString = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE stressor_flags; --",
    "' OR '1'='1",
    '" OR ""="',
    '%',
    '_',
    '\\',
    SCRIPT,
    '<img src=x onerror=alert(1)>',
    '../../../../etc/passwd',
    '..%2F..%2F',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff\ud800',
    '\u202e\u200b\ufeff',
    '👩‍👩‍👧‍👦'.repeat(50),
    '__proto__',
    'constructor',
    '${7*7}{{7*7}}',
    'component:default/payments-api',
    'user:default/alice',
    '2026-02-30',
    '2026-11-02T09:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    '0000-01-01',
    'NaN',
    '',
    ' ',
  ),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom(5000, 70_000, 300_000).map(n => 'x'.repeat(n)),
);

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  fc.integer(),
  fc.constantFrom(
    0,
    -1,
    1.5,
    1e308,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    false,
    null,
  ),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), nastyString, { maxKeys: 3 }),
  fc.anything({ maxDepth: 2 }),
);

/** A body near the valid one: a field (or a new one) set to something hostile, or none at all. */
function nastyBody(valid: unknown): fc.Arbitrary<unknown> {
  const fields =
    valid && typeof valid === 'object' && !Array.isArray(valid)
      ? Object.keys(valid)
      : [];
  const mutated = fc
    .tuple(fc.constantFrom(...fields, 'extra', '__proto__'), nastyValue)
    .map(([field, value]) => ({
      ...(valid as object),
      [field]: value,
    }));
  const dropped = fields.length
    ? fc.constantFrom(...fields).map(field => {
        const copy: Record<string, unknown> = { ...(valid as object) };
        delete copy[field];
        return copy;
      })
    : fc.constant({});
  return fc.oneof(
    { weight: 5, arbitrary: mutated },
    dropped,
    fc.anything({ maxDepth: 3 }),
    fc.array(nastyValue, { maxLength: 3 }),
  );
}

/** A path param that is not what the route expects. */
const nastyParam = fc.oneof(
  nastyString.filter(s => s.length < 5000),
  fc.constantFrom(
    '..',
    '%2e%2e',
    '%2F',
    'a%2Fb',
    '%00',
    '%',
    '%E0%A4%A',
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(5000),
  ),
);

/** The sample path with its `index`-th template param replaced (already URL-encoded or raw). */
function withParam(
  route: RouteSpec,
  sample: SampleRequest,
  index: number,
  value: string,
): string {
  const template = route.path.split('/');
  const actual = sample.path.split('/');
  const params = template
    .map((segment, i) => (segment.startsWith(':') ? i : -1))
    .filter(i => i >= 0);
  const at = params[index % params.length];
  // Some values are sent raw (a ready-made escape), others encoded.
  actual[at] = /%[0-9a-f]{2}/i.test(value) ? value : encodeLoosely(value);
  return actual.join('/');
}

/** encodeURIComponent, with lone surrogates sent as the bytes a sloppy client would send. */
function encodeLoosely(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '?')).replace(
      /%3F/g,
      '%ED%A0%80',
    );
  }
}

describe('hostile input', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let server: Server;
  let fx: Fixtures;
  let fingerprint: () => Promise<string>;

  const send = (
    method: Method,
    sample: SampleRequest,
    caller: Caller = 'sre',
    rawPath?: string,
  ) => {
    const req = request(server)
      [method](`${API}${rawPath ?? sample.path}`)
      .set(headersOf(caller))
      .query(sample.query ?? {});
    const json = JSON.stringify(sample.body);
    // as raw JSON text: supertest refuses scalars, and a lone surrogate stays escaped
    return json === undefined
      ? req
      : req.set('Content-Type', 'application/json').send(json);
  };

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    server = await startRouteTestBackend(knex);
    fx = new Fixtures((method, sample) => send(method, sample), knex);
    fingerprint = await dataFingerprint(knex);

    // Two entities of one team, each with its own marker in every kind of record.
    for (const [ref, marker] of [
      [SERVICE, MARKER_A],
      [OTHER_SERVICE, MARKER_B],
    ]) {
      const writes: Array<[string, object]> = [
        [
          'stressor-flags',
          {
            entityRef: ref,
            stressorKey: 'knowledge-gap',
            stressLevel: 2,
            evidence: marker,
          },
        ],
        [
          'postmortems',
          {
            entityRef: ref,
            title: marker,
            occurredAt: '2026-11-01T10:00:00Z',
            impact: marker,
          },
        ],
        [
          'fires',
          { entityRef: ref, title: marker, occurredAt: '2026-11-01T10:00:00Z' },
        ],
        [
          'complaints',
          {
            entityRef: ref,
            receivedAt: '2026-11-01T10:00:00Z',
            summary: marker,
          },
        ],
        [
          'deferred-problems',
          { entityRef: ref, title: marker, deferredUntil: marker },
        ],
        [
          'alert-diagnoses',
          { entityRef: ref, alertName: marker, diagnosis: marker },
        ],
        [
          'alert-firings',
          {
            entityRef: ref,
            firings: [{ alertName: marker, startsAt: '2026-11-25T10:00:00Z' }],
          },
        ],
      ];
      for (const [path, body] of writes) {
        const res = await send('post', { path: `/${path}`, body });
        if (res.status !== (path === 'alert-firings' ? 202 : 201)) {
          throw new Error(`seeding ${path}: ${res.status} ${res.text}`);
        }
      }
    }
  });

  afterAll(async () => {
    await knex.destroy();
  });

  const writeRoutes = ROUTES.filter(r => r.write);

  /** Status and whether the data changed, for one hostile request. */
  async function attempt(
    method: Method,
    sample: SampleRequest,
    rawPath?: string,
    setup?: (req: request.Test) => request.Test,
  ) {
    const before = await fingerprint();
    let req = send(method, sample, 'sre', rawPath);
    if (setup) req = setup(req);
    const res = await req;
    const changed = (await fingerprint()) !== before;
    return { status: res.status, changed, body: res.body, text: res.text };
  }

  /** The properties every hostile request must keep. */
  function check(
    what: string,
    outcome: { status: number; changed: boolean; text: string },
  ) {
    if (outcome.status >= 500) {
      throw new Error(
        `${what}: ${outcome.status} ${outcome.text.slice(0, 500)}`,
      );
    }
    if (outcome.status >= 400 && outcome.changed) {
      throw new Error(`${what}: refused with ${outcome.status} but wrote data`);
    }
  }

  describe('random bodies: never a 5xx, and a refusal writes nothing', () => {
    it.each(
      writeRoutes
        .filter(r => r.method !== 'delete')
        .map(r => [routeKey(r), r] as const),
    )('%s', async (_key, route) => {
      const sample = await route.sample(fx);
      await fc.assert(
        fc.asyncProperty(nastyBody(sample.body ?? {}), async body => {
          const outcome = await attempt(route.method, { ...sample, body });
          check(`${routeKey(route)} with ${preview(body)}`, outcome);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  });

  describe('random path params and queries: never a 5xx, and a refusal writes nothing', () => {
    const withParams = ROUTES.filter(r => r.path.includes('/:'));
    it.each(withParams.map(r => [routeKey(r), r] as const))(
      '%s',
      async (_key, route) => {
        const sample = await route.sample(fx);
        await fc.assert(
          fc.asyncProperty(
            fc.nat(),
            nastyParam,
            fc.option(
              fc.dictionary(
                fc.constantFrom('version', 'entityRef', 'x'),
                nastyString.filter(s => s.length < 5000),
                { maxKeys: 2 },
              ),
            ),
            async (index, value, query) => {
              const path = withParam(route, sample, index, value);
              const outcome = await attempt(
                route.method,
                { ...sample, query: query ?? sample.query },
                path,
              );
              check(
                `${route.method.toUpperCase()} ${path} ${preview(query)}`,
                outcome,
              );
            },
          ),
          { numRuns: Math.ceil(RUNS / 2), seed: SEED },
        );
      },
    );
  });

  describe('random query strings on reads: never a 5xx', () => {
    const QUERY_KEYS = [
      'entityRef',
      'teamRef',
      'owner',
      'system',
      'lifecycle',
      'sort',
      'order',
      'offset',
      'limit',
      'days',
      'format',
      'without',
      'since',
      'version',
    ];
    // qs turns `a[]=x` into arrays and `a[b]=x` into objects: both must be a 400, not a crash.
    const rawQuery = fc
      .array(
        fc.tuple(
          fc.constantFrom(...QUERY_KEYS, '__proto__', 'x'),
          fc.constantFrom('', '[]', '[0]', '[a]', '[__proto__]'),
          nastyString.filter(v => v.length < 3000),
        ),
        { maxLength: 4 },
      )
      .map(parts =>
        parts
          .map(
            ([k, suffix, v]) =>
              `${k}${encodeURIComponent(suffix)}=${encodeLoosely(v)}`,
          )
          .join('&'),
      );
    const reads = ROUTES.filter(r => r.method === 'get');
    it.each(reads.map(r => [routeKey(r), r] as const))(
      '%s',
      async (_key, route) => {
        const sample = await route.sample(fx);
        await fc.assert(
          fc.asyncProperty(rawQuery, async query => {
            const outcome = await attempt(
              'get',
              { path: sample.path },
              `${sample.path}?${query}`,
            );
            check(`GET ${sample.path}?${query.slice(0, 300)}`, outcome);
          }),
          { numRuns: Math.ceil(RUNS / 2), seed: SEED },
        );
      },
    );
  });

  describe('odd headers and unparseable bodies: never a 5xx, and nothing written', () => {
    const cases: Array<[string, (req: request.Test) => request.Test]> = [
      [
        'invalid JSON',
        req =>
          req
            .set('Content-Type', 'application/json')
            .send('{"entityRef": "component:default/payments-api",'),
      ],
      [
        'JSON with a wrong content type',
        req => req.set('Content-Type', 'text/plain').send('{}'),
      ],
      [
        'a form body',
        req =>
          req
            .type('form')
            .send('entityRef=component:default/payments-api&title=x'),
      ],
      [
        'a body over the size limit',
        req => req.send({ entityRef: SERVICE, title: 'x'.repeat(1_000_000) }),
      ],
      [
        'a JSON scalar',
        req =>
          req.set('Content-Type', 'application/json').send('"just a string"'),
      ],
      [
        'a JSON null',
        req => req.set('Content-Type', 'application/json').send('null'),
      ],
      [
        'deeply nested JSON',
        req =>
          req
            .set('Content-Type', 'application/json')
            .send(`${'['.repeat(5000)}${']'.repeat(5000)}`),
      ],
      [
        'a huge header',
        req => req.set('X-Padding', 'x'.repeat(20_000)).send({}),
      ],
      [
        'a charset the parser does not know',
        req =>
          req
            .set('Content-Type', 'application/json; charset=utf-42')
            .send('{}'),
      ],
      [
        'a gzip encoding that is not gzip',
        req =>
          req
            .set('Content-Encoding', 'gzip')
            .set('Content-Type', 'application/json')
            .send('{}'),
      ],
    ];
    it.each(writeRoutes.map(r => [routeKey(r), r] as const))(
      '%s',
      async (_key, route) => {
        const sample = await route.sample(fx);
        for (const [name, setup] of cases) {
          const outcome = await attempt(
            route.method,
            { ...sample, body: undefined },
            undefined,
            setup,
          ).catch(e => {
            // Node closes the connection on a header over its limit after a 431.
            if (
              name === 'a huge header' &&
              /ECONNRESET|socket hang up/.test(String(e))
            ) {
              return { status: 431, changed: false, text: '' };
            }
            throw e;
          });
          check(`${routeKey(route)} with ${name}`, outcome);
        }
      },
    );
  });

  it('keeps markup in notes as text: stored verbatim, returned as a JSON string', async () => {
    const note = `${SCRIPT} '; DROP TABLE fires; -- \u202e ünïcødé 🔥`;
    const writes: Array<[string, Record<string, unknown>, string]> = [
      [
        'stressor-flags',
        {
          entityRef: SERVICE,
          stressorKey: 'custom:markup',
          stressLevel: 1,
          evidence: note,
        },
        'evidence',
      ],
      [
        'postmortems',
        {
          entityRef: SERVICE,
          title: 'markup',
          occurredAt: '2026-11-01T10:00:00Z',
          impact: note,
        },
        'impact',
      ],
      [
        'fires',
        {
          entityRef: SERVICE,
          title: 'markup',
          occurredAt: '2026-11-01T10:00:00Z',
          rationale: note,
        },
        'rationale',
      ],
      [
        'complaints',
        {
          entityRef: SERVICE,
          receivedAt: '2026-11-01T10:00:00Z',
          summary: note,
        },
        'summary',
      ],
      [
        'engagements',
        {
          teamRef: fx.freshTeam(),
          sreRef: 'user:default/alice',
          goals: note,
          ...TEST_ENGAGEMENT_PLAN,
        },
        'goals',
      ],
    ];
    for (const [path, body, field] of writes) {
      const created = await send('post', { path: `/${path}`, body });
      expect([path, created.status]).toEqual([path, 201]);
      const read = await send(
        'get',
        { path: `/${path}/${created.body.id}` },
        'developer',
      );
      expect(read.headers['content-type']).toMatch(/^application\/json/);
      expect(read.body[field]).toBe(note);
      // In the raw JSON the markup is inside a string literal, never bare.
      expect(read.text).toContain(JSON.stringify(note).slice(1, 20));
    }
    const engagement = await fx.teamEngagement();
    const decision = await send('post', {
      path: `/engagements/${engagement.id}/decisions`,
      body: { decision: note, reason: note, example: note },
    });
    expect(decision.status).toBe(201);
    const record = await send(
      'get',
      { path: `/engagements/${engagement.id}/record` },
      'developer',
    );
    expect(record.body.decisions.map((d: any) => d.reason)).toContain(note);
    // The tables survived the "DROP TABLE" above.
    expect(await knex.schema.hasTable('fires')).toBe(true);
    expect(await knex.schema.hasTable('stressor_flags')).toBe(true);
  });

  describe("reads for one entity never carry another's data", () => {
    const aReads = ROUTES.filter(r => !r.write && r.method === 'get');
    it.each(aReads.map(r => [routeKey(r), r] as const))(
      '%s',
      async (_key, route) => {
        const sample = await route.sample(fx);
        const res = await send('get', sample, 'developer');
        expect(res.status).toBeLessThan(500);
        if (route.path.startsWith('/scorecard')) return; // org-wide by design
        if (route.path === '/knowledge/teams/:namespace/:name') return; // the team's services
        if (route.path.startsWith('/engagement')) return; // the team's record
        if (route.path === '/interrupt-ledger') return; // the team's services
        expect(res.text).not.toContain(MARKER_B);
      },
    );

    it('entity queries with wildcards, case games and SQL return only that entity', async () => {
      const lists = [
        ...GENERIC_RESOURCES.filter(
          g =>
            !['ops-load', 'engagements', 'interrupt-causes'].includes(g.path),
        ).map(g => `/${g.path}`),
        '/oncall-shifts',
      ];
      const refs = fc.oneof(
        fc.constantFrom(
          'component:default/%',
          'component:default/ledger_service',
          'component:default/ledger%',
          'component:default/*',
          'component:%/ledger-service',
          `${SERVICE}' OR '1'='1`,
          `${SERVICE}%`,
          `${SERVICE}\u0000`,
          `${SERVICE} `,
          'component:default/ledger-service ',
          'component:default/LEDGER-SERVICE',
          'Component:Default/Ledger-Service',
          'component:default/ledger-service/../payments-api',
        ),
        nastyString.map(s => `component:default/${s}`),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...lists),
          refs,
          async (path, entityRef) => {
            const res = await send(
              'get',
              { path, query: { entityRef } },
              'developer',
            );
            expect(res.status).toBeLessThan(500);
            let normalized: string | undefined;
            try {
              normalized = normalizeEntityRef(entityRef.trim());
            } catch {
              normalized = undefined;
            }
            const leaked =
              res.status === 200 &&
              normalized !== OTHER_SERVICE &&
              res.text.includes(MARKER_B);
            expect({ path, entityRef, leaked }).toEqual({
              path,
              entityRef,
              leaked: false,
            });
          },
        ),
        { numRuns: RUNS * 2, seed: SEED },
      );
      // and the entity's own data is there
      const own = await send(
        'get',
        { path: '/postmortems', query: { entityRef: SERVICE } },
        'developer',
      );
      expect(own.text).toContain(MARKER_A);
      expect(own.text).not.toContain(MARKER_B);
      const team = await send(
        'get',
        { path: '/ops-load', query: { teamRef: TEAM } },
        'developer',
      );
      expect(team.status).toBe(200);
    });
  });
});

/**
 * What each table holds: its row count and, for versioned tables, the sum of versions (of
 * revisions for entity_revisions, which a write bumps without adding a row).
 */
async function dataFingerprint(knex: Knex): Promise<() => Promise<string>> {
  const tables: string[] = (
    await knex('sqlite_master').where({ type: 'table' }).select('name')
  )
    .map((r: { name: string }) => r.name)
    .filter(t => !t.startsWith('knex_') && !t.startsWith('sqlite_'))
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
  return async () => JSON.stringify(await knex.raw(sql));
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300
    ? `${text.slice(0, 300)}… (${text.length} chars)`
    : text;
}
