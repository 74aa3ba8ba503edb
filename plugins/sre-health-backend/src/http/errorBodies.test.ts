import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { sreGroupPermissions } from '../__testUtils__/permissions';
import {
  ALICE,
  CAROL,
  LEDGER,
  PAYMENTS,
  TEAM,
  knowledgeCatalog,
} from '../knowledge/__testUtils__/knowledgeCatalog';
import {
  buildSiloRepository,
  buildSpreadRepository,
} from '../knowledge/__testUtils__/repositories';
import { sreHealthPlugin } from '../plugin';
import { publicErrorHandler } from './publicErrors';
import type { GitFixture } from '../truckFactor/testing/gitFixture';

jest.setTimeout(120_000);

const API = '/api/sre-health';
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});
const ownership: Record<string, string[]> = {
  [ALICE]: [ALICE, 'group:default/sre'],
  [CAROL]: [CAROL, TEAM],
};

/** A server path that must never reach a response body. */
const SECRET_PATH = '/srv/sre-health/secret/catalog.db';
const BROKEN = 'component:default/broken';

/**
 * Issue #15, item 6. Outside development an error body carries a name and a message only
 * (Backstage's root handler already drops the stack there, but serialises every other
 * property: a parse error's raw body, a file system error's path, a driver's code), and no
 * answer shows a reader where the server keeps a repository.
 */
describe('no stack traces and no server paths in answers', () => {
  const databases = createTestDatabases();
  let scratch: string;
  let silo: GitFixture;
  let spread: GitFixture;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'sre-health-paths-'));
    silo = buildSiloRepository();
    spread = buildSpreadRepository();
  });
  afterAll(() => {
    silo.cleanup();
    spread.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function startBackend(knex: Knex): Promise<Server> {
    const root = join(scratch, `roots-${Math.random().toString(36).slice(2)}`);
    mkdirSync(root);
    // an annotation path under the allowed root that leads out of it
    symlinkSync(spread.dir, join(root, 'link'));
    const config = {
      sreHealth: {
        sreGroups: ['group:default/sre'],
        knowledge: {
          repositories: [
            { entityRef: LEDGER, path: silo.dir },
            { entityRef: PAYMENTS, path: join(scratch, 'missing-clone') },
          ],
          localRoots: [root],
        },
      },
    };
    const catalog = catalogServiceMock({
      entities: knowledgeCatalog({
        annotations: {
          'settlement-batch': {
            'backstage.io/managed-by-location': `file:${join(
              root,
              'catalog-info.yaml',
            )}`,
            'backstage.io/source-location': 'dir:./link',
          },
        },
      }),
    });
    const getEntityByRef = catalog.getEntityByRef.bind(catalog);
    // a dependency failing with a file system error, as an unexpected error would
    catalog.getEntityByRef = async (ref, options) => {
      if (String(ref) === BROKEN) {
        throw Object.assign(
          new Error(`ENOENT: no such file or directory, open '${SECRET_PATH}'`),
          { code: 'ENOENT', errno: -2, syscall: 'open', path: SECRET_PATH },
        );
      }
      return getEntityByRef(ref, options);
    };
    const permissions = sreGroupPermissions(
      config,
      userRef => ownership[userRef] ?? [],
    );
    const { server } = await startTestBackend({
      features: [
        sreHealthPlugin,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
        mockServices.database.factory({ knex }),
        permissions.factory,
        mockServices.scheduler.mock({ scheduleTask: async () => {} }).factory,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    return server;
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startBackend(knex);
    });
    afterAll(async () => {
      await knex.destroy();
    });

    it('an unexpected error: name and message, no stack, no path, nothing else', async () => {
      const res = await request(server)
        .get(`${API}/entities/component/default/broken/health`)
        .set(as(CAROL))
        .expect(500);
      expect(res.body.error).toEqual({
        name: 'Error',
        message: "ENOENT: no such file or directory, open '(a server path)'",
      });
      expect(res.text).not.toContain(SECRET_PATH);
      expect(res.text).not.toContain('    at ');
    });

    it('a request error: name and message, not what the parser kept', async () => {
      const res = await request(server)
        .post(`${API}/fires`)
        .set(as(ALICE))
        .set('Content-Type', 'application/json')
        .send('{"entityRef": "component:default/ledger-service", "title": ')
        .expect(400);
      expect(Object.keys(res.body.error).sort()).toEqual(['message', 'name']);
      expect(res.text).not.toContain('ledger-service');
    });

    it("the plugin's own errors keep their name, message and status", async () => {
      const res = await request(server)
        .post(`${API}/oncall-shifts`)
        .set(as(ALICE))
        .send({ entityRef: 'component:default/nope', shifts: [] })
        .expect(400);
      expect(res.body.error).toEqual({
        name: 'InputError',
        message: expect.stringContaining('shifts'),
      });
      const missing = await request(server)
        .get(`${API}/knowledge/component/default/nope`)
        .set(as(CAROL))
        .expect(404);
      expect(missing.body.error).toEqual({
        name: 'NotFoundError',
        message: 'entityRef: component:default/nope is not in the catalog',
      });
    });

    it('names a configured repository by its name, never by its path', async () => {
      const analyzed = await request(server)
        .post(`${API}/knowledge/component/default/ledger-service/analyze`)
        .set(as(ALICE))
        .expect(200);
      expect(analyzed.body.truckFactor).toMatchObject({
        status: 'ok',
        repository: basename(silo.dir),
        truckFactor: 1,
      });
      const reads = await Promise.all([
        request(server)
          .get(`${API}/knowledge/component/default/ledger-service`)
          .set(as(CAROL)),
        request(server)
          .get(`${API}/knowledge/component/default/ledger-service/what-if`)
          .query({ without: CAROL })
          .set(as(CAROL)),
        request(server)
          .get(`${API}/knowledge/teams/default/payments-team`)
          .set(as(CAROL)),
        request(server)
          .get(`${API}/entities/component/default/ledger-service/health`)
          .set(as(CAROL)),
      ]);
      for (const res of [analyzed, ...reads]) {
        expect(res.status).toBe(200);
        expect(res.text).not.toContain(silo.dir);
        expect(res.text).not.toContain(scratch);
      }
    });

    it('says why a repository cannot be read without the server path in the reason', async () => {
      const missing = await request(server)
        .post(`${API}/knowledge/component/default/payments-api/analyze`)
        .set(as(ALICE))
        .expect(200);
      expect(missing.body.truckFactor).toEqual(
        expect.objectContaining({
          status: 'unavailable',
          repository: 'missing-clone',
          reason: 'missing-clone does not exist',
        }),
      );
      // an annotation's repository is named as the catalog names it
      const linked = await request(server)
        .post(`${API}/knowledge/component/default/settlement-batch/analyze`)
        .set(as(ALICE))
        .expect(200);
      expect(linked.body.truckFactor).toEqual(
        expect.objectContaining({
          status: 'unavailable',
          repository: 'dir:./link',
          reason: expect.stringMatching(/^dir:\.\/link leads outside/),
        }),
      );
      const team = await request(server)
        .get(`${API}/knowledge/teams/default/payments-team`)
        .set(as(CAROL))
        .expect(200);
      for (const res of [missing, linked, team]) {
        expect(res.text).not.toContain(scratch);
        expect(res.text).not.toContain(spread.dir);
      }
    });
  });
});

describe('publicErrorHandler', () => {
  const error = Object.assign(new Error(`cannot open ${SECRET_PATH}`), {
    path: SECRET_PATH,
  });
  const handle = (development: boolean) => {
    const next = jest.fn();
    publicErrorHandler({ development })(error, {} as any, {} as any, next);
    return next.mock.calls[0][0];
  };

  it('in development, passes the error on as it is (Backstage then shows the stack)', () => {
    expect(handle(true)).toBe(error);
  });

  it('elsewhere, passes on its name and message, with the stack kept for the log only', () => {
    const passed = handle(false);
    expect(Object.keys(passed)).toEqual([]);
    expect({ name: passed.name, message: passed.message }).toEqual({
      name: 'Error',
      message: 'cannot open (a server path)',
    });
    expect(passed.stack).toBe(error.stack);
  });
});
