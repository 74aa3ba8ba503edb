import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Server } from 'node:http';
import request from 'supertest';
import { sreHealthPlugin } from '../plugin';
import type { GitFixture } from '../truckFactor/testing/gitFixture';
import {
  ALICE,
  BOB,
  CAROL,
  DAN,
  ERIN,
  LEDGER,
  PAYMENTS,
  TEAM,
  knowledgeCatalog,
} from './__testUtils__/knowledgeCatalog';
import {
  buildSiloRepository,
  buildSpreadRepository,
} from './__testUtils__/repositories';
import { TRUCK_FACTOR_TASK_ID } from '.';
import { sreHealthPolicyPermissions } from '../__testUtils__/permissions';

jest.setTimeout(60_000);

const API = '/api/sre-health';
/**
 * Alice is the SRE; Carol a developer of the payments team, which owns the services;
 * Erin a developer of another team.
 */
const SRE = ALICE;
const DEVELOPER = CAROL;
const OUTSIDER = ERIN;
const ownership: Record<string, string[]> = {
  [ALICE]: [ALICE, 'group:default/sre'],
  [CAROL]: [CAROL, TEAM],
  [ERIN]: [ERIN, 'group:default/search-team'],
};

const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});
const asService = { Authorization: mockCredentials.service.header() };

function features(config: object, extra: any[] = []) {
  const permissions = sreHealthPolicyPermissions(config, {
    ownershipOf: userRef => ownership[userRef] ?? [],
    entities: knowledgeCatalog(),
  });
  return [
    sreHealthPlugin,
    catalogServiceMock.factory({ entities: knowledgeCatalog() }),
    permissions.factory,
    mockServices.rootConfig.factory({ data: config }),
    mockServices.httpAuth.factory({
      defaultCredentials: mockCredentials.none(),
    }),
    ...extra,
  ];
}

describe('knowledge routes', () => {
  let silo: GitFixture;
  let spread: GitFixture;
  let server: Server;

  beforeAll(async () => {
    silo = buildSiloRepository();
    spread = buildSpreadRepository();
    const config = {
      sreHealth: {
        sreGroups: ['group:default/sre'],
        knowledge: {
          repositories: [
            { entityRef: LEDGER, path: silo.dir },
            { entityRef: PAYMENTS, path: spread.dir },
          ],
        },
      },
    };
    ({ server } = await startTestBackend({ features: features(config) }));
  });
  afterAll(() => {
    silo.cleanup();
    spread.cleanup();
  });

  const shift = (userRef: string, daysAgo: number) => {
    const start = new Date(Date.now() - daysAgo * 86_400_000);
    start.setUTCHours(9, 0, 0, 0);
    return {
      userRef,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 7 * 86_400_000).toISOString(),
    };
  };

  describe('POST /oncall-shifts', () => {
    const body = { entityRef: LEDGER, shifts: [shift(BOB, 20)] };

    it('needs a caller: 401 without a token, 403 for a user outside the owning team', async () => {
      await request(server).post(`${API}/oncall-shifts`).send(body).expect(401);
      const denied = await request(server)
        .post(`${API}/oncall-shifts`)
        .set(as(OUTSIDER))
        .send(body)
        .expect(403);
      expect(denied.body.error.message).toContain(
        'sre-health.annotation.create',
      );
    });

    it('takes pushes from SREs and services, idempotently', async () => {
      const first = await request(server)
        .post(`${API}/oncall-shifts`)
        .set(as(SRE))
        .send(body)
        .expect(202);
      expect(first.body).toEqual({ accepted: 1 });
      // a pusher re-sends the same window, and the next one
      await request(server)
        .post(`${API}/oncall-shifts`)
        .set(asService)
        .send({ entityRef: LEDGER, shifts: [shift(BOB, 20), shift(DAN, 13)] })
        .expect(202, { accepted: 2 });

      const list = await request(server)
        .get(`${API}/oncall-shifts`)
        .query({ entityRef: LEDGER })
        .set(as(DEVELOPER))
        .expect(200);
      expect(list.body.map((s: any) => [s.userRef, s.source])).toEqual([
        [DAN, 'service:external:test-service'],
        [BOB, 'service:external:test-service'],
      ]);
    });

    it('names every bad field with 400', async () => {
      const res = await request(server)
        .post(`${API}/oncall-shifts`)
        .set(as(SRE))
        .send({
          entityRef: 'ledger',
          shifts: [
            { userRef: 'group:default/sre', startsAt: 'x', endsAt: 'y' },
            { ...shift(BOB, 3), extra: true },
          ],
        })
        .expect(400);
      const message: string = res.body.error.message;
      expect(message).toMatch(/^Invalid body: /);
      expect(message).toContain('entityRef: must be an entity ref');
      expect(message).toContain('shifts.0.userRef: must be a user entity ref');
      expect(message).toContain('shifts.0.startsAt: must be an ISO 8601');
      expect(message).toContain('shifts.1.extra: unknown field');

      const backwards = await request(server)
        .post(`${API}/oncall-shifts`)
        .set(as(SRE))
        .send({
          entityRef: LEDGER,
          shifts: [{ ...shift(BOB, 3), endsAt: shift(BOB, 10).startsAt }],
        })
        .expect(400);
      expect(backwards.body.error.message).toContain(
        'shifts.0.endsAt: must be after startsAt',
      );

      const twice = await request(server)
        .post(`${API}/oncall-shifts`)
        .set(as(SRE))
        .send({ entityRef: LEDGER, shifts: [shift(BOB, 3), shift(BOB, 3)] })
        .expect(400);
      expect(twice.body.error.message).toContain(
        'shifts[1]: same userRef and startsAt as shifts[0]',
      );

      const tooMany = await request(server)
        .post(`${API}/oncall-shifts`)
        .set(as(SRE))
        .send({
          entityRef: LEDGER,
          shifts: Array.from({ length: 501 }, (_, i) => shift(BOB, i)),
        })
        .expect(400);
      expect(tooMany.body.error.message).toContain('shifts: ');
    });

    it('404s for an entity that is not in the catalog', async () => {
      const res = await request(server)
        .post(`${API}/oncall-shifts`)
        .set(as(SRE))
        .send({ entityRef: 'component:default/nope', shifts: [shift(BOB, 3)] })
        .expect(404);
      expect(res.body.error.message).toBe(
        'entityRef: component:default/nope is not in the catalog',
      );
    });

    it('lists shifts for signed-in users only, with a valid entity ref', async () => {
      await request(server)
        .get(`${API}/oncall-shifts`)
        .query({ entityRef: LEDGER })
        .expect(401);
      const res = await request(server)
        .get(`${API}/oncall-shifts`)
        .set(as(DEVELOPER))
        .expect(400);
      expect(res.body.error.message).toContain('entityRef');
    });
  });

  describe('truck factor and what-if', () => {
    it('lets SREs, the owning team (and services) analyse now, not others', async () => {
      const url = `${API}/knowledge/component/default/ledger-service/analyze`;
      await request(server).post(url).expect(401);
      await request(server).post(url).set(as(OUTSIDER)).expect(403);
      const res = await request(server).post(url).set(as(SRE)).expect(200);
      expect(res.body.truckFactor).toMatchObject({
        status: 'ok',
        truckFactor: 1,
        activeTruckFactor: 1,
        lostFiles: { count: 2 },
      });
      await request(server)
        .post(`${API}/knowledge/component/default/payments-api/analyze`)
        .set(asService)
        .expect(200);
    });

    it('puts truck factor and on-call into the tab’s single read, naming no author', async () => {
      await request(server)
        .post(`${API}/knowledge/component/default/ledger-service/analyze`)
        .set(as(SRE))
        .expect(200);
      const res = await request(server)
        .get(`${API}/entities/component/default/ledger-service/health`)
        .set(as(DEVELOPER))
        .expect(200);
      // one answer for every reader: who wrote what is the knowledge route's, by permission
      expect(res.body.knowledgeSilo).toMatchObject({
        servingCritical: true,
        risk: 'high',
        singlePersonDependency: true,
        truckFactor: {
          status: 'ok',
          truckFactor: 1,
          topAuthors: [],
          departedAuthors: [],
          activeTruckFactorAuthors: [],
          authorshipWithheld: { authors: 2, departed: 1 },
        },
      });
      expect(res.text).not.toContain('mallory');
      // pushed on-call shifts (previous tests) count as operators
      expect(
        res.body.knowledgeSilo.operators.map((o: any) => [o.userRef, o.source]),
      ).toEqual(
        expect.arrayContaining([
          [BOB, 'on-call'],
          [DAN, 'on-call'],
        ]),
      );
    });

    it('names the authors to SREs and the owning team, and counts them for others', async () => {
      const url = `${API}/knowledge/component/default/ledger-service`;
      for (const reader of [SRE, DEVELOPER]) {
        const res = await request(server).get(url).set(as(reader)).expect(200);
        expect(res.body.truckFactor).toMatchObject({
          truckFactor: 1,
          activeTruckFactorAuthors: [CAROL],
          topAuthors: [
            { author: CAROL, userRef: CAROL, files: 8, departed: false },
            {
              author: 'Mallory <mallory@example.com>',
              files: 2,
              departed: true,
            },
          ],
        });
        expect(res.body.truckFactor.authorshipWithheld).toBeUndefined();
        expect(res.body.keyPeople).toContain(CAROL);
      }
      const other = await request(server)
        .get(url)
        .set(as(OUTSIDER))
        .expect(200);
      expect(other.body.truckFactor).toMatchObject({
        truckFactor: 1,
        activeTruckFactor: 1,
        lostFiles: { count: 2 },
        topAuthors: [],
        departedAuthors: [],
        activeTruckFactorAuthors: [],
        authorshipWithheld: { authors: 2, departed: 1 },
      });
      expect(other.body).toMatchObject({
        risk: 'high',
        singlePersonDependency: true,
      });
      expect(other.body.keyPeople).not.toContain(CAROL);
      expect(other.text).not.toContain('mallory');
    });

    it('answers a what-if for a signed-in user', async () => {
      const url = `${API}/knowledge/component/default/ledger-service/what-if`;
      await request(server).get(url).query({ without: CAROL }).expect(401);
      const missing = await request(server)
        .get(url)
        .set(as(DEVELOPER))
        .expect(400);
      expect(missing.body.error.message).toContain('without');
      const unknown = await request(server)
        .get(url)
        .query({ without: CAROL, also: 'x' })
        .set(as(DEVELOPER))
        .expect(400);
      expect(unknown.body.error.message).toContain('also: unknown field');

      const res = await request(server)
        .get(
          `${url}?without=User:default/Carol&without=${encodeURIComponent(
            BOB,
          )}`,
        )
        .set(as(DEVELOPER))
        .expect(200);
      expect(res.body).toMatchObject({
        without: [CAROL, BOB],
        truckFactorStatus: 'ok',
        coverage: {
          before: { coveredFiles: 8 },
          coveredFiles: 0,
          totalFiles: 10,
          share: 0,
          orphanedFiles: { count: 8 },
        },
      });
      expect(res.body.operatorsLeft.map((o: any) => o.userRef)).toEqual([DAN]);
      expect(res.body.authorshipWithheld).toBeUndefined();

      // outside the owning team: who would be left to operate it, not whose files
      const other = await request(server)
        .get(url)
        .query({ without: [CAROL, BOB] })
        .set(as(OUTSIDER))
        .expect(200);
      expect(other.body).toMatchObject({
        without: [CAROL, BOB],
        truckFactorStatus: 'ok',
        coverage: null,
        authorshipWithheld: true,
      });
      expect(other.body.operatorsLeft.map((o: any) => o.userRef)).toEqual([
        DAN,
      ]);

      await request(server)
        .get(`${API}/knowledge/component/default/nope/what-if`)
        .query({ without: CAROL })
        .set(as(DEVELOPER))
        .expect(404);
    });

    it('rolls up a team', async () => {
      await request(server)
        .get(`${API}/knowledge/teams/default/payments-team`)
        .expect(401);
      const res = await request(server)
        .get(`${API}/knowledge/teams/default/payments-team`)
        .set(as(DEVELOPER))
        .expect(200);
      expect(res.body.teamRef).toBe(TEAM);
      expect(res.body.totals).toMatchObject({
        components: 3,
        servingCritical: 2,
      });
      expect(
        res.body.components.find((c: any) => c.entityRef === LEDGER),
      ).toMatchObject({
        truckFactor: 1,
        singlePersonDependency: true,
        keyPeople: [CAROL],
      });
      // outside the team: the same risk, without naming who holds the code
      const other = await request(server)
        .get(`${API}/knowledge/teams/default/payments-team`)
        .set(as(OUTSIDER))
        .expect(200);
      expect(
        other.body.components.find((c: any) => c.entityRef === LEDGER),
      ).toMatchObject({
        truckFactor: 1,
        singlePersonDependency: true,
        keyPeople: [],
      });
      await request(server)
        .get(`${API}/knowledge/teams/default/nobody`)
        .set(as(DEVELOPER))
        .expect(404);
    });

    it('reads one component’s knowledge', async () => {
      const res = await request(server)
        .get(`${API}/knowledge/component/default/payments-api`)
        .set(as(DEVELOPER))
        .expect(200);
      expect(res.body.truckFactor).toMatchObject({
        status: 'ok',
        truckFactor: 3,
      });
    });
  });
});

describe('the scheduled truck-factor run', () => {
  it('is scheduled every 30 minutes and analyses the configured repositories', async () => {
    const repo = buildSiloRepository();
    try {
      const scheduler = mockServices.scheduler.mock();
      const config = {
        sreHealth: {
          knowledge: { repositories: [{ entityRef: LEDGER, path: repo.dir }] },
        },
      };
      const { server } = await startTestBackend({
        features: features(config, [scheduler.factory]),
      });
      const call = scheduler.scheduleTask.mock.calls.find(
        ([task]) => task.id === TRUCK_FACTOR_TASK_ID,
      );
      expect(call?.[0]).toMatchObject({
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 5 },
      });
      const read = () =>
        request(server)
          .get(`${API}/knowledge/component/default/ledger-service`)
          .set(as(DEVELOPER))
          .expect(200);
      expect((await read()).body.truckFactor.status).toBe('pending');
      await call![0].fn(new AbortController().signal);
      expect((await read()).body.truckFactor).toMatchObject({
        status: 'ok',
        truckFactor: 1,
      });
    } finally {
      repo.cleanup();
    }
  });
});
