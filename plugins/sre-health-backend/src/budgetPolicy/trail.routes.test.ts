import type { Server } from 'node:http';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import request from 'supertest';
import { DEVELOPER, SERVICE, SRE, TEAM } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import { TEST_ENGAGEMENT_PLAN } from '../__testUtils__/engagementPlan';
import { startPluginBackend } from '../__testUtils__/pluginBackend';
import { SCORECARD_TASK_ID } from '../scorecard';

jest.setTimeout(120_000);

const API = '/api/sre-health';
const SERVICE_PATH = '/entities/component/default/payments-api';
const config = {
  sreHealth: {
    sreGroups: ['group:default/sre'],
    // the trail counts the budget policy's notifications: the paging SLO's are off here
    notifications: { 'slo-page': { enabled: false } },
    slo: {
      budgetPolicy: {
        steps: [
          { below: 0.25, action: 'reliability work first' },
          { exhausted: true, action: 'freeze feature releases' },
        ],
      },
    },
  },
};

const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

const minuteAgo = (minutes: number) =>
  new Date(
    Math.floor(Date.now() / 60_000) * 60_000 - minutes * 60_000,
  ).toISOString();

/**
 * The error-budget policy's whole trail through the running plugin, on each database:
 * pushed events spend payments-api's budget → the scheduled scorecard sync (run twice)
 * records the step and notifies the owning team once → an SRE records the team's decision
 * (the owner may not; a stale version or a second decision is refused, nothing written) →
 * it is in the engagement's decision log, the audit log and the after-action report; with
 * no engagement under way it goes to the service's own decision log.
 */
describe('error-budget policy trail through the plugin', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    const send = jest.fn(async (_options: unknown) => {});

    const post = (path: string, body: object, user = SRE) =>
      request(server).post(`${API}${path}`).set(as(user)).send(body);
    const get = (path: string, user = DEVELOPER) =>
      request(server).get(`${API}${path}`).set(as(user));
    let runScorecard: () => Promise<void>;
    const policy = async () =>
      (await get(`${SERVICE_PATH}/slo-policy`).expect(200)).body;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const backend = await startPluginBackend({ knex, config, send });
      server = backend.server;
      runScorecard = () => backend.run(SCORECARD_TASK_ID);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    it('enters the step, notifies once, and logs the decision in the engagement and its report', async () => {
      // 30 minutes at 2% errors against 99.9%: the budget is spent
      await post('/slo-events', {
        entityRef: SERVICE,
        slo: 'availability',
        buckets: Array.from({ length: 30 }, (_, i) => ({
          start: minuteAgo(i + 1),
          good: 98,
          total: 100,
        })),
      }).expect(202);
      const health = await get(`${SERVICE_PATH}/health`).expect(200);
      expect(health.body.slos[0].policyStep).toEqual({
        key: 'exhausted',
        action: 'freeze feature releases',
      });

      await runScorecard();
      await runScorecard();
      expect(send).toHaveBeenCalledTimes(1);
      expect(send.mock.calls[0][0]).toMatchObject({
        recipients: { type: 'entity', entityRef: TEAM },
        payload: {
          scope: `sre-health:budget-policy:${SERVICE}:availability:exhausted`,
          topic: 'sre-health-budget-policy',
        },
      });
      const [episode] = (await policy()).episodes;
      expect(episode).toMatchObject({
        sloName: 'availability',
        stepKey: 'exhausted',
        action: 'freeze feature releases',
        decision: null,
        version: 1,
      });

      const { body: started } = await post('/engagements/start', {
        teamRef: TEAM,
        sreRef: SRE,
        situation: 'other',
        ...TEST_ENGAGEMENT_PLAN,
      }).expect(201);
      const engagementId = started.engagement.id;
      const path = `/slo-policy-episodes/${episode.id}/decision`;
      const decision = {
        version: 1,
        decision: 'declined',
        reason: 'the release carries the fix for the errors',
      };

      // refused, nothing written: the owning team's developer, a bad body, a stale version
      const before = await knex('engagement_decisions').count({ n: '*' });
      await post(path, decision, DEVELOPER).expect(403);
      const bad = await post(path, { ...decision, decision: 'maybe' }).expect(
        400,
      );
      expect(bad.body.error.message).toMatch(/decision/);
      await post(path, { ...decision, reason: '  ' }).expect(400);
      await post(path, { ...decision, version: 7 }).expect(409);
      expect(await knex('engagement_decisions').count({ n: '*' })).toEqual(
        before,
      );
      expect((await policy()).episodes[0].decision).toBeNull();

      const decided = await post(path, decision).expect(200);
      expect(decided.body).toMatchObject({
        version: 2,
        decision: {
          decision: 'declined',
          reason: 'the release carries the fix for the errors',
          decidedBy: SRE,
          log: 'engagement',
        },
      });
      // decided once
      await post(path, { ...decision, version: 2 }).expect(409);

      const record = await get(
        `/engagements/${engagementId}/record`,
        SRE,
      ).expect(200);
      const logged = record.body.decisions.find(
        (d: { id: string }) => d.id === decided.body.decision.entryId,
      );
      expect(logged).toMatchObject({
        decision:
          'Error-budget policy for the SLO availability of payments-api: "freeze feature releases" declined',
        reason: 'the release carries the fix for the errors',
        author: SRE,
      });
      expect(logged.example).toMatch(
        /^payments-api's SLO availability entered the step exhausted on \d{4}-\d{2}-\d{2}, 0% of its error budget left$/,
      );

      const report = await get(
        `/engagements/${engagementId}/report`,
        SRE,
      ).expect(200);
      expect(JSON.stringify(report.body.report)).toContain(
        '\\"freeze feature releases\\" declined',
      );
      expect(report.body.markdown).toContain(
        'the release carries the fix for the errors',
      );

      const audit = await get(`${SERVICE_PATH}/audit`, SRE).expect(200);
      const entries = audit.body as Array<{
        resourceType: string;
        action: string;
        actor: string;
      }>;
      expect(
        entries.filter(e => e.resourceType === 'slo-policy-episode'),
      ).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'update', actor: SRE }),
          expect.objectContaining({
            action: 'create',
            actor: 'sre-health:budget-policy',
          }),
        ]),
      );
    });

    it("logs the decision in the service's own decision log when no engagement runs", async () => {
      await knex('engagements')
        .where({ team_ref: TEAM })
        .update({ phase: 'closed' });
      // the episode closes (as if the SLO had left its step); the next sync sees it entered again
      await knex('slo_policy_episodes')
        .whereNull('left_at')
        .update({ left_at: new Date() });
      send.mockClear();
      await runScorecard();
      expect(send).toHaveBeenCalledTimes(1);
      const open = (await policy()).episodes.find(
        (e: { leftAt: string | null }) => e.leftAt === null,
      );
      const decided = await post(`/slo-policy-episodes/${open.id}/decision`, {
        version: open.version,
        decision: 'accepted',
        reason: 'freeze until the budget recovers',
      }).expect(200);
      expect(decided.body.decision).toMatchObject({
        decision: 'accepted',
        log: 'service',
      });
      const { serviceDecisions } = await policy();
      expect(serviceDecisions).toEqual([
        expect.objectContaining({
          id: decided.body.decision.entryId,
          decision:
            'Error-budget policy for the SLO availability of payments-api: "freeze feature releases" accepted',
          reason: 'freeze until the budget recovers',
          author: SRE,
        }),
      ]);
    });
  });
});
