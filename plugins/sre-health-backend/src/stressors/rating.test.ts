import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { sreHealthStressorRatePermission } from '@sre-health/backstage-plugin-sre-health-common';
import request from 'supertest';
import type { Server } from 'node:http';
import { sreHealthPlugin } from '../plugin';
import {
  DEVELOPER,
  SERVICE,
  SRE,
  catalogEntities,
} from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const API = '/api/sre-health';
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

/**
 * The SRE may do everything; carol (a member of the owning team) holds only the rate
 * permission, so these tests show the rating needs nothing more.
 */
const permissions = mockServices.permissions.mock({
  authorize: async (requests, options) => {
    const user = (options?.credentials.principal as { userEntityRef?: string })
      ?.userEntityRef;
    return requests.map(r => ({
      result:
        user === SRE ||
        (user === DEVELOPER &&
          r.permission.name === sreHealthStressorRatePermission.name)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    })) as any;
  },
});

describe('rating a stressor: the team rating is the level', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let server: Server;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const config = { sreHealth: { sreGroups: ['group:default/sre'] } };
      ({ server } = await startTestBackend({
        features: [
          sreHealthPlugin,
          catalogServiceMock.factory({ entities: catalogEntities }),
          permissions.factory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: config }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        ],
      }));
    });

    const detect = () =>
      request(server)
        .post(`${API}/entities/component/default/payments-api/detect`)
        .set(as(SRE))
        .expect(200);
    const flagOf = async (key: string) =>
      (
        await request(server)
          .get(`${API}/stressor-flags`)
          .query({ entityRef: SERVICE })
          .set(as(DEVELOPER))
          .expect(200)
      ).body.find((f: any) => f.stressorKey === key && f.status === 'open');
    const rate = (flag: { id: string }, body: object, user = DEVELOPER) =>
      request(server)
        .put(`${API}/stressor-flags/${flag.id}/rating`)
        .set(as(user))
        .send(body);

    it('a detector proposes a level until someone rates', async () => {
      await detect();
      const gap = await flagOf('knowledge-gap');
      expect(gap).toMatchObject({
        source: 'detected',
        proposedLevel: gap.stressLevel,
        ratedLevel: null,
        ratedBy: null,
        ratedAt: null,
      });
    });

    it('a team member rates; the rating is the level, and detection leaves it', async () => {
      const gap = await flagOf('knowledge-gap');
      const proposed = gap.proposedLevel;
      const rating = proposed === 1 ? 2 : 1;
      const res = await rate(gap, { version: gap.version, level: rating });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        stressLevel: rating,
        ratedLevel: rating,
        ratedBy: DEVELOPER,
        proposedLevel: proposed,
        version: gap.version + 1,
      });
      expect(Date.parse(res.body.ratedAt)).not.toBeNaN();

      // the evidence keeps proposing; the team's level stays
      await detect();
      expect(await flagOf('knowledge-gap')).toMatchObject({
        stressLevel: rating,
        ratedLevel: rating,
        proposedLevel: proposed,
      });

      // the history names who rated
      const history = await request(server)
        .get(`${API}/stressor-flags/${gap.id}/history`)
        .set(as(SRE))
        .expect(200);
      expect(history.body[0]).toMatchObject({
        actor: DEVELOPER,
        after: { ratedLevel: rating, ratedBy: DEVELOPER },
      });
    });

    it('rating needs only the rate permission: editing the flag needs more', async () => {
      const gap = await flagOf('knowledge-gap');
      await request(server)
        .patch(`${API}/stressor-flags/${gap.id}`)
        .set(as(DEVELOPER))
        .send({ version: gap.version, stressLevel: 5 })
        .expect(403);
      await request(server)
        .put(`${API}/stressor-flags/${gap.id}/rating`)
        .send({ version: gap.version, level: 5 })
        .expect(401);
      await rate(
        gap,
        { version: gap.version, level: 5 },
        'user:default/dave',
      ).expect(403);
      // the SRE rates too
      const res = await rate(gap, { version: gap.version, level: 5 }, SRE);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ stressLevel: 5, ratedBy: SRE });
    });

    it('refuses a stale version, a level out of range and a closed flag', async () => {
      const gap = await flagOf('knowledge-gap');
      await rate(gap, { version: gap.version - 1, level: 3 }).expect(409);
      const bad = await rate(gap, { version: gap.version, level: 6 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('level');
      await rate(gap, { version: gap.version, level: 3, note: 'x' }).expect(
        400,
      );
      const resolved = await request(server)
        .patch(`${API}/stressor-flags/${gap.id}`)
        .set(as(SRE))
        .send({ version: gap.version, status: 'resolved' })
        .expect(200);
      const closed = await rate(resolved.body, {
        version: resolved.body.version,
        level: 3,
      });
      expect(closed.status).toBe(409);
      expect(closed.body.error.message).toContain('reopen it');
    });

    it('a flag a person raises is rated by them', async () => {
      const res = await request(server)
        .post(`${API}/stressor-flags`)
        .set(as(SRE))
        .send({
          entityRef: SERVICE,
          stressorKey: 'custom:pager-storm',
          stressLevel: 3,
        })
        .expect(201);
      expect(res.body).toMatchObject({
        stressLevel: 3,
        proposedLevel: 3,
        ratedLevel: 3,
        ratedBy: SRE,
      });
    });
  });
});
