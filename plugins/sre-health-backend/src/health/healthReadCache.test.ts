import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import request from 'supertest';
import type { Server } from 'node:http';
import { sreHealthPlugin } from '../plugin';
import {
  DEVELOPER,
  SERVICE,
  SRE,
  catalogEntities,
} from '../__testUtils__/catalog';
import { sreGroupPermissions } from '../__testUtils__/permissions';

jest.setTimeout(60_000);

const config = { sreHealth: { sreGroups: ['group:default/sre'] } };
const HEALTH = '/api/sre-health/entities/component/default/payments-api/health';
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

/**
 * The tab's read keeps the caller's catalog answer for a few seconds (CallerEntityCache):
 * through the real router, it must not show an entity to a caller the catalog hides it
 * from, must not skip authentication, and must show SRE Health writes on the next read.
 */
describe('tab read with the caller-scoped entity cache', () => {
  let server: Server;
  // The catalog as each user sees it: the developer may not see the service.
  const getEntityByRef = jest.fn(async (ref: unknown, options: any) => {
    const user = options?.credentials?.principal?.userEntityRef;
    const wanted = String(ref).toLocaleLowerCase('en-US');
    if (user === DEVELOPER && wanted === SERVICE) return undefined;
    return catalogEntities.find(
      e => stringifyEntityRef(e).toLocaleLowerCase('en-US') === wanted,
    );
  });
  const catalogReadsOf = (user: string) =>
    getEntityByRef.mock.calls.filter(
      ([ref, options]: any[]) =>
        String(ref).toLocaleLowerCase('en-US') === SERVICE &&
        options?.credentials?.principal?.userEntityRef === user,
    ).length;

  beforeAll(async () => {
    const permissions = sreGroupPermissions(config);
    ({ server } = await startTestBackend({
      features: [
        sreHealthPlugin,
        catalogServiceMock.mock({ getEntityByRef: getEntityByRef as any })
          .factory,
        permissions.factory,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
  });

  it('asks the catalog once for repeated reads of one caller', async () => {
    const before = catalogReadsOf(SRE);
    for (let i = 0; i < 3; i++) {
      const res = await request(server).get(HEALTH).set(as(SRE)).expect(200);
      expect(res.body.entityRef).toBe(SERVICE);
    }
    expect(catalogReadsOf(SRE) - before).toBe(1);
  });

  it('asks the catalog every time for a caller sending Cache-Control: no-cache', async () => {
    const before = catalogReadsOf(SRE);
    for (let i = 0; i < 2; i++) {
      await request(server)
        .get(HEALTH)
        .set({ ...as(SRE), 'Cache-Control': 'no-cache' })
        .expect(200);
    }
    expect(catalogReadsOf(SRE) - before).toBe(2);
  });

  it("does not show another caller's cached entity to a caller the catalog hides it from", async () => {
    await request(server).get(HEALTH).set(as(SRE)).expect(200);
    await request(server).get(HEALTH).set(as(DEVELOPER)).expect(404);
    expect(catalogReadsOf(DEVELOPER)).toBeGreaterThan(0);
  });

  it('still requires a signed-in user', async () => {
    await request(server).get(HEALTH).set(as(SRE)).expect(200);
    await request(server).get(HEALTH).expect(401);
    await request(server)
      .get(HEALTH)
      .set({ Authorization: 'Bearer not-a-token' })
      .expect(401);
  });

  it('shows an acknowledged write on the next read', async () => {
    await request(server).get(HEALTH).set(as(SRE)).expect(200);
    const created = await request(server)
      .post('/api/sre-health/fires')
      .set(as(SRE))
      .send({
        entityRef: SERVICE,
        title: 'read-after-write',
        occurredAt: new Date().toISOString(),
      })
      .expect(201);
    const after = await request(server).get(HEALTH).set(as(SRE)).expect(200);
    expect(after.body.fires.map((f: { id: string }) => f.id)).toContain(
      created.body.id,
    );

    const updated = await request(server)
      .patch(`/api/sre-health/fires/${created.body.id}`)
      .set(as(SRE))
      .send({ version: created.body.version, title: 'renamed' })
      .expect(200);
    const again = await request(server).get(HEALTH).set(as(SRE)).expect(200);
    expect(
      again.body.fires.find((f: { id: string }) => f.id === created.body.id),
    ).toMatchObject({ title: 'renamed', version: updated.body.version });
  });
});
