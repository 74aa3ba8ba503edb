import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { SERVICE } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  Fixtures,
  Method,
  ROUTES,
  RouteSpec,
  SampleRequest,
  headersOf,
  routeKey,
  startRouteTestBackend,
} from '../__testUtils__/routes';
import { readEntityRevisions } from './entityRevisions';
import { unitOfWork } from './unitOfWork';

jest.setTimeout(180_000);

const API = '/api/sre-health';

function send(server: Server, method: Method, sample: SampleRequest) {
  const req = request(server)
    [method](`${API}${sample.path}`)
    .set(headersOf('sre'))
    .query(sample.query ?? {});
  return sample.body === undefined ? req : req.send(sample.body as object);
}

async function allRevisions(knex: Knex): Promise<Record<string, number>> {
  const rows: Array<{ entity_ref: string; revision: number | string }> =
    await knex('entity_revisions').select('entity_ref', 'revision');
  return Object.fromEntries(
    rows
      .map(r => [r.entity_ref, Number(r.revision)] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** The same request, refused: a stale version, else an unknown field in the body. */
function refused(sample: SampleRequest): SampleRequest {
  const body = sample.body as Record<string, unknown> | undefined;
  if (body && typeof body.version === 'number') {
    return { ...sample, body: { ...body, version: body.version + 100 } };
  }
  if (sample.query?.version) {
    const version = String(Number(sample.query.version) + 100);
    return { ...sample, query: { ...sample.query, version } };
  }
  if (body) return { ...sample, body: { ...body, notAField: true } };
  // detect / analyze: a component the catalog does not know
  if (sample.path.includes('/component/default/')) {
    return {
      ...sample,
      path: sample.path.replace(
        /\/component\/default\/[^/]+/,
        '/component/default/no-such-service',
      ),
    };
  }
  throw new Error(`no refused variant of ${sample.path}: add one here`);
}

/**
 * Invalidation that cannot be forgotten: every write route, called as the SRE through the
 * real router, moves the revision of the entity (or team) whose tab shows it; a refused
 * write moves none. A write path that skips unitOfWork fails here.
 */
describe('every write moves its entity revision', () => {
  const databases = createTestDatabases();
  const writes = ROUTES.filter(r => r.write);

  it('covers the write routes of the catalogue', () => {
    expect(writes.length).toBeGreaterThan(30);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    let fx: Fixtures;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      // a local "repository" that is no git clone: an analysis stores it as unavailable
      server = await startRouteTestBackend(knex, {
        knowledge: { repositories: [{ entityRef: SERVICE, path: tmpdir() }] },
      });
      fx = new Fixtures((method, sample) => send(server, method, sample), knex);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    /** The ref whose tab shows what `sample` writes. */
    const targetOf = async (route: RouteSpec, sample: SampleRequest) => {
      const body = sample.body as Record<string, unknown> | undefined;
      const fromBody = body?.entityRef ?? body?.teamRef;
      if (typeof fromBody === 'string') return fromBody;
      const entity = sample.path.match(
        /^\/(?:entities|knowledge)\/([^/]+)\/([^/]+)\/([^/]+)/,
      );
      if (entity) return `${entity[1]}:${entity[2]}/${entity[3]}`;
      const engagement = sample.path.match(/^\/engagements\/([^/]+)\//);
      if (engagement) {
        const row = await knex('engagements')
          .where({ id: engagement[1] })
          .first();
        return row.team_ref as string;
      }
      const episode = sample.path.match(/^\/slo-policy-episodes\/([^/]+)\//);
      if (episode) {
        const row = await knex('slo_policy_episodes')
          .where({ id: episode[1] })
          .first();
        return row.entity_ref as string;
      }
      // PATCH / DELETE of a generic record (or PUT of a flag's rating): its entity or
      // team, as the API reads it
      const record = await send(server, 'get', {
        path: sample.path.replace(/\/rating$/, ''),
      });
      expect(record.status).toBe(200);
      const ref = record.body.entityRef ?? record.body.teamRef;
      if (typeof ref !== 'string') {
        throw new Error(`no entity for ${routeKey(route)}`);
      }
      return ref;
    };

    it.each(writes.map(r => [routeKey(r), r] as const))(
      '%s',
      async (_key, route) => {
        const sample = await route.sample(fx);
        const target = await targetOf(route, sample);

        // refused first: nothing moves, not even another entity's revision
        const unchanged = await allRevisions(knex);
        const refusal = await send(server, route.method, refused(sample));
        expect(
          refusal.status >= 400 && refusal.status < 500
            ? '4xx'
            : refusal.status,
        ).toBe('4xx');
        expect(await allRevisions(knex)).toEqual(unchanged);

        const before = (await readEntityRevisions(knex, [target])).get(target);
        const res = await send(server, route.method, sample);
        expect(res.status).toBe(route.ok);
        const after = (await readEntityRevisions(knex, [target])).get(target);
        expect({ target, moved: after! > before! }).toEqual({
          target,
          moved: true,
        });
      },
    );

    it('bumps each touched ref once, and none when the work throws', async () => {
      const ref = `${SERVICE}-uow`;
      await unitOfWork(knex, { entityRefs: [ref, ref] }, async () => {});
      expect((await readEntityRevisions(knex, [ref])).get(ref)).toBe(1);
      await expect(
        unitOfWork(knex, { entityRefs: [ref] }, async () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect((await readEntityRevisions(knex, [ref])).get(ref)).toBe(1);
    });
  });

  it('is the only caller of bumpEntityRevision outside tests', () => {
    const root = join(__dirname, '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name)) {
          files.push(path);
        }
      }
    };
    walk(root);
    const callers = files
      .filter(f => readFileSync(f, 'utf8').includes('bumpEntityRevision'))
      .map(f => relative(root, f))
      .sort();
    expect(callers).toEqual([
      'database/entityRevisions.ts',
      'database/unitOfWork.ts',
    ]);
  });
});
