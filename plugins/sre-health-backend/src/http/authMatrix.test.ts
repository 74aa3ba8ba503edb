import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  Caller,
  Fixtures,
  GENERIC_RESOURCES,
  Method,
  ROUTES,
  RouteSpec,
  SampleRequest,
  expectedStatus,
  headersOf,
  routeKey,
  routesOfRouter,
  rowCounts,
  startRouteTestBackend,
} from '../__testUtils__/routes';

jest.setTimeout(120_000);

const API = '/api/sre-health';
const CALLERS: Caller[] = ['none', 'owner', 'non-owner', 'sre', 'service'];

function send(
  server: Server,
  method: Method,
  sample: SampleRequest,
  caller: Caller,
) {
  const req = request(server)
    [method](`${API}${sample.path}`)
    .set(headersOf(caller))
    .query(sample.query ?? {});
  return sample.body === undefined ? req : req.send(sample.body as object);
}

/**
 * The authorisation matrix: every route × {no token, a member of the owning team, a
 * developer of another team, SRE, service token}. No token is 401 (except /health); reads
 * are for any signed-in user; writes need the route's permission, which the recommended
 * policy grants SREs, and the owning team on its own services and team for what it records
 * itself (everything but the engagement); service tokens are refused (403) except on the
 * routes made for pipelines and other plugins. A refused call writes nothing, in any table.
 */
describe('authorisation matrix', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let server: Server;
  let fx: Fixtures;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    server = await startRouteTestBackend(knex);
    fx = new Fixtures(
      (method, sample) => send(server, method, sample, 'sre'),
      knex,
    );
  });

  afterAll(async () => {
    await knex.destroy();
  });

  it('lists every route the routers register, and no other', () => {
    const app = server.listeners('request')[0] as any;
    const registered = routesOfRouter(app._router ?? app.router)
      // Backstage's own: health checks and the permission integration router
      .filter(r => !/^\/\.(backstage|well-known)\//.test(r.path))
      .map(routeKey)
      .sort();
    expect([...new Set(registered)]).toEqual(
      [...new Set(ROUTES.map(routeKey))].sort(),
    );
    expect(ROUTES.length).toBe(new Set(ROUTES.map(routeKey)).size);
  });

  const outcome = async (route: RouteSpec, caller: Caller) => {
    const expected = expectedStatus(route, caller);
    // A call that succeeds may use its fixture up (a delete, a versioned edit): a fresh one each.
    const sample = await route.sample(fx);
    if (expected < 400) {
      const res = await send(server, route.method, sample, caller);
      return res.status;
    }
    const before = await rowCounts(knex);
    const res = await send(server, route.method, sample, caller);
    const after = await rowCounts(knex);
    // a refusal that wrote something is reported as such
    return JSON.stringify(after) === JSON.stringify(before)
      ? res.status
      : `${res.status} and wrote ${JSON.stringify(diff(before, after))}`;
  };

  it.each(ROUTES.map(r => [routeKey(r), r] as const))(
    '%s',
    async (_key, route) => {
      const actual: Record<string, number | string> = {};
      const expected: Record<string, number> = {};
      for (const caller of CALLERS) {
        actual[caller] = await outcome(route, caller);
        expected[caller] = expectedStatus(route, caller);
      }
      expect(actual).toEqual(expected);
    },
  );

  const flags = GENERIC_RESOURCES.find(r => r.path === 'stressor-flags')!;
  const patchFlag = (caller: Caller, id: string, body: object) =>
    send(server, 'patch', { path: `/stressor-flags/${id}`, body }, caller);
  const flagStatus = async (id: string) =>
    (await send(server, 'get', { path: `/stressor-flags/${id}` }, 'sre')).body
      .status;

  it('leaves dismissing a flag, and undoing a dismissal, to the SREs', async () => {
    const { id, version } = await fx.create(flags);
    const dismissal = { status: 'dismissed', dismissedReason: 'not kindling' };
    const refused = await patchFlag('owner', id, { version, ...dismissal });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      'sre-health.stressor-flag.dismiss',
    );
    expect(await flagStatus(id)).toBe('open');
    // the rest of the flag is the team's record
    const edited = await patchFlag('owner', id, {
      version,
      evidence: 'we feel it every night',
    });
    expect(edited.status).toBe(200);
    const dismissed = await patchFlag('sre', id, {
      version: edited.body.version,
      ...dismissal,
    });
    expect(dismissed.status).toBe(200);
    const current = { version: dismissed.body.version };
    for (const change of [
      { status: 'open' },
      { status: 'resolved' },
      { dismissedReason: 'other words' },
    ]) {
      const res = await patchFlag('owner', id, { ...current, ...change });
      expect({ change, status: res.status }).toEqual({ change, status: 403 });
    }
    const deleted = await send(
      server,
      'delete',
      {
        path: `/stressor-flags/${id}`,
        query: { version: String(current.version) },
      },
      'owner',
    );
    expect(deleted.status).toBe(403);
    expect(await flagStatus(id)).toBe('dismissed');
    expect(
      (await patchFlag('sre', id, { ...current, status: 'open' })).status,
    ).toBe(200);
  });

  it("lets a team record its own ops load, not another team's", async () => {
    const body = {
      teamRef: 'group:default/search-team',
      weekStart: fx.freshWeek(),
      opsHours: 10,
      projectHours: 30,
    };
    const post = (caller: Caller) =>
      send(server, 'post', { path: '/ops-load', body }, caller);
    expect((await post('owner')).status).toBe(403);
    // erin is in search-team
    expect((await post('non-owner')).status).toBe(201);
  });
});

function diff(before: Record<string, number>, after: Record<string, number>) {
  return Object.fromEntries(
    Object.keys(after)
      .filter(t => after[t] !== before[t])
      .map(t => [t, after[t] - (before[t] ?? 0)]),
  );
}
