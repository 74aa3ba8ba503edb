import type { Server } from 'node:http';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { isoWeekStart } from '@sre-health/backstage-plugin-sre-health-common';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  SERVICE,
  SRE,
  TEAM,
  catalogEntities,
  ownershipOf,
} from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import { sreHealthPolicyPermissions } from '../__testUtils__/permissions';
import { sreHealthPlugin } from '../plugin';

jest.setTimeout(120_000);

const API = '/api/sre-health';
const LEDGER = 'component:default/ledger-service';
const config = {
  sreHealth: {
    sreGroups: ['group:default/sre'],
    // 2 members × 30 h (the team's override) = 60 h of capacity a week
    opsLoad: {
      hoursPerPersonWeek: 40,
      teams: [{ teamRef: TEAM, hoursPerPersonWeek: 30 }],
    },
  },
};

// the team's Group lists its members, as the catalog's relations processor writes them
const entities: Entity[] = [
  ...catalogEntities.map(e =>
    e.kind === 'Group' && e.metadata.name === 'payments-team'
      ? {
          ...e,
          relations: [
            { type: 'hasMember', targetRef: 'user:default/carol' },
            { type: 'hasMember', targetRef: 'user:default/dan' },
          ],
        }
      : e,
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'dan', namespace: 'default' },
    spec: { memberOf: ['payments-team'] },
    relations: [{ type: 'memberOf', targetRef: TEAM }],
  },
];

const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

/**
 * The computed ops share through the running plugin, on each database: a week with fires
 * (time spent), pages (firing to resolution) and pushed interrupts gives the hand-computed
 * share with each term; a typed week overrides it and says so, in the route, the stored
 * weeks the scorecard reads and the tab.
 */
describe('computed ops time through the plugin', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    const post = (path: string, body: object) =>
      request(server).post(`${API}${path}`).set(as(SRE)).send(body);
    const get = (path: string) =>
      request(server).get(`${API}${path}`).set(as(SRE));
    // the Monday two weeks back: in the look-back window, and over
    const monday = isoWeekStart(new Date(Date.now() - 14 * 86_400_000));
    const at = (day: number, hour: number, minute = 0) =>
      new Date(
        Date.parse(`${monday}T00:00:00Z`) +
          ((day * 24 + hour) * 60 + minute) * 60_000,
      ).toISOString();
    const weekOf = async () =>
      (await get(`/ops-time?teamRef=${TEAM}`).expect(200)).body.weeks.find(
        (w: { weekStart: string }) => w.weekStart === monday,
      );

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const permissions = sreHealthPolicyPermissions(config, {
        ownershipOf,
        entities,
      });
      ({ server } = await startTestBackend({
        features: [
          sreHealthPlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex }),
          permissions.factory,
          mockServices.rootConfig.factory({ data: config }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
        ],
      }));
    });

    afterAll(async () => knex.destroy());

    it('adds fires, pages and interrupts into the hand-computed share, then lets a typed week win', async () => {
      // fires: 120 min (toil) on payments-api + 60 min (overhead) on ledger-service
      await post('/fires', {
        entityRef: SERVICE,
        title: 'Disk full on db-1',
        occurredAt: at(1, 10),
        kind: 'toil',
        timeSpentMinutes: 120,
      }).expect(201);
      await post('/fires', {
        entityRef: LEDGER,
        title: 'Certificate rotation',
        occurredAt: at(2, 10),
        kind: 'overhead',
        timeSpentMinutes: 60,
      }).expect(201);
      // pages: 90 min, and one left firing 30 h that counts 24 h
      await post('/alert-firings', {
        entityRef: SERVICE,
        firings: [
          {
            alertName: 'HighLatency',
            startsAt: at(1, 2),
            endsAt: at(1, 3, 30),
          },
          { alertName: 'DiskFull', startsAt: at(3, 0), endsAt: at(4, 6) },
        ],
      }).expect(202);
      // interrupts: 5 of them, 210 min, carol's shift
      const interrupt = {
        userRef: 'user:default/carol',
        startsAt: at(0, 9),
        count: 5,
        minutes: 210,
      };
      await post('/oncall-interrupts', {
        teamRef: TEAM,
        interrupts: [{ ...interrupt, minutes: 999 }],
      }).expect(202);
      // pushed again: the same record (natural key), its figures replaced
      await post('/oncall-interrupts', {
        teamRef: TEAM,
        interrupts: [interrupt],
      }).expect(202);
      expect(await knex('oncall_interrupts').count({ n: '*' })).toEqual([
        { n: databaseId === 'POSTGRES_15' ? '1' : 1 },
      ]);
      // the SRE sorts the latency alert as toil, once
      await post('/interrupt-causes', {
        teamRef: TEAM,
        causeKey: 'alert:highlatency',
        causeClass: 'toil',
      }).expect(201);

      // 120 + 60 + 90 + 1440 + 210 = 1920 min = 32 h over 60 h
      const computed = await weekOf();
      expect(computed).toMatchObject({
        source: 'computed',
        share: 32 / 60,
        computedShare: 32 / 60,
        typedShare: null,
        // toil: the toil fire (2 h) + the page sorted as toil (1.5 h)
        toilShare: 3.5 / 32,
        computed: {
          fireHours: 3,
          pageHours: 25.5,
          interruptHours: 3.5,
          opsHours: 32,
          toilHours: 3.5,
          fires: 2,
          pages: 2,
          interrupts: 5,
          members: 2,
          hoursPerPersonWeek: 30,
          capacityHours: 60,
        },
      });

      // a typed week overrides it, labelled typed, the computed share beside it
      await post('/ops-load', {
        teamRef: TEAM,
        weekStart: monday,
        opsHours: 10,
        projectHours: 30,
      }).expect(201);
      expect(await weekOf()).toMatchObject({
        source: 'typed',
        share: 0.25,
        typedShare: 0.25,
        computedShare: 32 / 60,
      });
      // the stored week the scorecard reads followed the typed write at once
      const [stored] = await knex('ops_time_weeks').where({
        team_ref: TEAM,
        week_start: monday,
      });
      expect(stored.source).toBe('typed');
      expect(Number(stored.share)).toBe(0.25);
      expect(Number(stored.computed_share)).toBeCloseTo(32 / 60, 10);
      // and the tab names it
      const health = await get(
        '/entities/component/default/payments-api/health',
      ).expect(200);
      expect(health.body.opsLoad.window).toContainEqual({
        weekStart: monday,
        opsShare: 0.25,
        source: 'typed',
      });
      expect(
        health.body.opsLoad.weeks.find((w: any) => w.weekStart === monday)
          .computedShare,
      ).toBeCloseTo(32 / 60, 10);
    });

    it('groups the interrupts by cause in the ledger, with the SRE sorting', async () => {
      const { body } = await get(`/interrupt-ledger?teamRef=${TEAM}`).expect(
        200,
      );
      const latency = body.causes.find(
        (c: any) => c.causeKey === 'alert:highlatency',
      );
      expect(latency).toMatchObject({
        sources: ['page'],
        causeClass: 'toil',
        count: 1,
        hours: 1.5,
        weeks: [{ weekStart: monday, count: 1, hours: 1.5 }],
      });
      expect(body.causes.map((c: any) => c.causeKey)).toEqual(
        expect.arrayContaining([
          'fire:disk full on db-1',
          'alert:diskfull',
          'interrupt:unspecified',
        ]),
      );
    });

    it('refuses a bad interrupt push naming the field, and writes nothing', async () => {
      const before = await knex('oncall_interrupts').count({ n: '*' });
      const res = await post('/oncall-interrupts', {
        teamRef: TEAM,
        interrupts: [{ startsAt: at(0, 9), count: 1, minutes: -5 }],
      }).expect(400);
      expect(JSON.stringify(res.body)).toContain('interrupts.0.minutes');
      const repeated = await post('/oncall-interrupts', {
        teamRef: TEAM,
        interrupts: [
          { startsAt: at(0, 9), count: 1, minutes: 5 },
          { startsAt: at(0, 9), count: 2, minutes: 6 },
        ],
      }).expect(400);
      expect(JSON.stringify(repeated.body)).toContain('interrupts[1]');
      expect(await knex('oncall_interrupts').count({ n: '*' })).toEqual(before);
      // a fire's time spent is whole minutes, at most a week
      const fire = await post('/fires', {
        entityRef: SERVICE,
        title: 'x',
        occurredAt: at(1, 1),
        timeSpentMinutes: 1.5,
      }).expect(400);
      expect(JSON.stringify(fire.body)).toContain('timeSpentMinutes');
    });
  });
});
