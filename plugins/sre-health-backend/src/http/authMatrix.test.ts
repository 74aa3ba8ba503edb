import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  Caller,
  Fixtures,
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
const CALLERS: Caller[] = ['none', 'developer', 'sre', 'service'];

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
 * The authorisation matrix: every route × {no token, non-SRE user, SRE, service token}.
 * No token is 401 (except /health); reads are for any signed-in user, writes need the
 * route's permission, which the SRE-group policy grants SREs only; service tokens are
 * refused (403) except on the routes made for pipelines and other plugins. A refused
 * call writes nothing, in any table.
 */
describe('authorisation matrix', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let server: Server;
  let fx: Fixtures;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    server = await startRouteTestBackend(knex);
    fx = new Fixtures((method, sample) => send(server, method, sample, 'sre'));
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
});

function diff(before: Record<string, number>, after: Record<string, number>) {
  return Object.fromEntries(
    Object.keys(after)
      .filter(t => after[t] !== before[t])
      .map(t => [t, after[t] - (before[t] ?? 0)]),
  );
}
