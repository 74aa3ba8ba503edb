import type {
  AuditorService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  EntityHealth,
  computeVerdict,
  createEngagementDecisionSchema,
  createFireSchema,
  createStressorFlagSchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import Ajv from 'ajv';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { z as zod } from 'zod';
import { DEVELOPER, SRE, SERVICE, TEAM } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import { TEST_ENGAGEMENT_PLAN } from '../__testUtils__/engagementPlan';
import { sreGroupPermissions } from '../__testUtils__/permissions';
import {
  Caller,
  OTHER_SERVICE,
  headersOf,
  routeCatalogEntities,
  rowCounts,
} from '../__testUtils__/routes';
import { sreHealthPlugin } from '../plugin';
import { SCORECARD_TASK_ID } from '../scorecard';

jest.setTimeout(120_000);

const API = '/api/sre-health';
const ACTIONS = `${API}/.backstage/actions/v1/actions`;
const CONFIG = {
  backend: { actions: { pluginSources: ['sre-health'] } },
  sreHealth: { sreGroups: ['group:default/sre'] },
};
const READS = [
  'get-service-health',
  'query-scorecard',
  'explain-slo-alert',
  'what-if-person-leaves',
];
const WRITES = ['flag-stressor', 'record-fire', 'record-engagement-decision'];

/** Good/total events of the last `minutes` minutes: 2% errors, a page-worthy burn. */
function burningBuckets(minutes: number) {
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  return Array.from({ length: minutes }, (_, i) => ({
    start: new Date(now - (i + 2) * 60_000).toISOString(),
    good: 980,
    total: 1000,
  }));
}

describe('SRE Health actions, through the registry', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
    const auditEvents: Array<{ eventId: string; meta?: unknown }> = [];
    const auditor: Partial<AuditorService> = {
      createEvent: async options => {
        auditEvents.push({ eventId: options.eventId, meta: options.meta });
        return { success: async () => {}, fail: async () => {} };
      },
    };
    let listed: Array<{
      id: string;
      name: string;
      attributes: Record<string, boolean>;
      schema: { input: any; output: any };
    }>;
    let engagementId: string;

    const rest = (caller: Caller) => ({
      get: (path: string, query: Record<string, string> = {}) =>
        request(server)
          .get(`${API}${path}`)
          .query(query)
          .set(headersOf(caller)),
      post: (path: string, body: object) =>
        request(server).post(`${API}${path}`).set(headersOf(caller)).send(body),
    });

    const invoke = (caller: Caller, name: string, input: object) =>
      request(server)
        .post(`${ACTIONS}/${encodeURIComponent(`sre-health:${name}`)}/invoke`)
        .set(headersOf(caller))
        .send(input);

    /** The output of a successful call, checked against the output schema the registry lists. */
    const outputOf = async (caller: Caller, name: string, input: object) => {
      const res = await invoke(caller, name, input);
      expect({ status: res.status, body: res.body }).toMatchObject({
        status: 200,
      });
      const action = listed.find(a => a.name === name)!;
      const validate = new Ajv({ strict: false }).compile(action.schema.output);
      validate(res.body.output);
      expect(validate.errors ?? []).toEqual([]);
      return res.body.output;
    };

    const tab = async (ref = SERVICE): Promise<EntityHealth> => {
      const res = await rest('developer')
        .get(`/entities/${ref.replace(/[:/]/g, '/')}/health`)
        .set('Cache-Control', 'no-cache')
        .expect(200);
      return res.body;
    };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          sreHealthPlugin,
          catalogServiceMock.factory({ entities: routeCatalogEntities }),
          mockServices.database.factory({ knex }),
          sreGroupPermissions(CONFIG).factory,
          mockServices.scheduler.mock({
            scheduleTask: async task => {
              tasks.set(task.id, task);
            },
          }).factory,
          mockServices.rootConfig.factory({ data: CONFIG }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          mockServices.auditor.mock(auditor).factory,
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
        ],
      }));
      // what the tab shows, written as an SRE through the routes
      const sre = rest('sre');
      await sre
        .post('/stressor-flags', {
          entityRef: SERVICE,
          stressorKey: 'knowledge-gap',
          stressLevel: 4,
          evidence: 'only carol can restart the ledger sync',
        })
        .expect(201);
      await sre
        .post('/stressor-flags', {
          entityRef: SERVICE,
          stressorKey: 'naive-capacity-plan',
          stressLevel: 2,
          evidence: '"add servers"',
          status: 'resolved',
        })
        .expect(201);
      await sre
        .post('/slo-events', {
          entityRef: SERVICE,
          slo: 'availability',
          buckets: burningBuckets(55),
        })
        .expect(202);
      const started = await sre
        .post('/engagements/start', {
          teamRef: TEAM,
          sreRef: SRE,
          situation: 'small-team-critical-service',
          ...TEST_ENGAGEMENT_PLAN,
        })
        .expect(201);
      engagementId = started.body.engagement.id;
      // carol carries payments-api's pager: both recorded shifts
      const hoursAgo = (h: number) =>
        new Date(Date.now() - h * 3_600_000).toISOString();
      await sre
        .post('/oncall-shifts', {
          entityRef: SERVICE,
          shifts: [48, 24].map(h => ({
            userRef: DEVELOPER,
            startsAt: hoursAgo(h + 8),
            endsAt: hoursAgo(h),
          })),
        })
        .expect(202);
      await tasks.get(SCORECARD_TASK_ID)!.fn(new AbortController().signal);
      listed = (
        await request(server)
          .get(ACTIONS)
          .set(headersOf('developer'))
          .expect(200)
      ).body.actions;
    });

    afterAll(async () => {
      await knex.destroy();
    });

    it('lists the read and write actions with their attributes and schemas', () => {
      expect(listed.map(a => a.name).sort()).toEqual(
        [...READS, ...WRITES].sort(),
      );
      for (const action of listed) {
        expect(action.id).toBe(`sre-health:${action.name}`);
        const read = READS.includes(action.name);
        expect(action.attributes).toEqual({
          readOnly: read,
          idempotent: read,
          destructive: false,
        });
        expect(action.schema.input.type).toBe('object');
        expect(action.schema.output.type).toBe('object');
      }
      // the write actions take the routes' request bodies: the same fields, required the same
      const body = (name: string) =>
        listed.find(a => a.name === name)!.schema.input;
      for (const [name, schema, extra] of [
        ['flag-stressor', createStressorFlagSchema, []],
        ['record-fire', createFireSchema, []],
        [
          'record-engagement-decision',
          createEngagementDecisionSchema,
          ['teamRef'],
        ],
      ] as const) {
        const route = zod.toJSONSchema(schema, { io: 'input' }) as any;
        expect(Object.keys(body(name).properties).sort()).toEqual(
          [...Object.keys(route.properties), ...extra].sort(),
        );
        expect([...body(name).required].sort()).toEqual(
          [...route.required, ...extra].sort(),
        );
        expect(body(name).additionalProperties).toBe(false);
      }
    });

    it('answers get-service-health from the tab read', async () => {
      const output = await outputOf('developer', 'get-service-health', {
        entityRef: 'payments-api',
      });
      const health = await tab();
      const verdict = computeVerdict(health);
      expect(output.entityRef).toBe(SERVICE);
      expect(output.verdict).toMatchObject({
        state: verdict.state,
        headline: verdict.headline,
        knowledgeRisk: verdict.knowledgeRisk,
      });
      expect(output.verdict.actions.map((a: any) => a.text)).toEqual(
        verdict.actions.map(a => a.text),
      );
      expect(output.verdict.state).toBe('paging');
      expect(
        output.slos.map((s: any) => [
          s.name,
          s.status,
          s.budgetRemaining,
          s.burnRates,
        ]),
      ).toEqual(
        health.slos.map(s => [
          s.name,
          s.status,
          s.budgetRemaining,
          s.burnRates,
        ]),
      );
      expect(output.slos[0].alert).toBe('page');
      expect(output.slos[0].timeToExhaustion).toEqual({ ms: 0, text: 'now' });
      const open = health.stressors.filter(
        f => f.status === 'open' || f.status === 'mitigating',
      );
      expect(
        output.openStressors.map((f: any) => [f.id, f.level, f.evidence]),
      ).toEqual(open.map(f => [f.id, f.stressLevel, f.evidence]));
      expect(output.openStressors.map((f: any) => f.key)).toEqual([
        'knowledge-gap',
      ]);
      expect(output.knowledgeSilo).toMatchObject({
        risk: health.knowledgeSilo.risk,
        busFactor: health.knowledgeSilo.busFactor,
        keyPeople: health.knowledgeSilo.keyPeople,
      });
      expect(output.engagement).toMatchObject({
        id: engagementId,
        phase: health.engagement!.phase,
        teamRef: TEAM,
      });
      // automations read with their service token; nobody reads without one
      const asService = await outputOf('service', 'get-service-health', {
        entityRef: SERVICE,
      });
      expect(asService.verdict.state).toBe(output.verdict.state);
      expect(
        (await invoke('none', 'get-service-health', { entityRef: SERVICE }))
          .status,
      ).toBe(401);
    });

    it('explains the SLO alert that pages', async () => {
      const output = await outputOf('developer', 'explain-slo-alert', {
        entityRef: SERVICE,
      });
      const [slo] = (await tab()).slos;
      expect(output.slo.name).toBe('availability');
      expect(output.alert).toBe('page');
      expect(output.firingRule).toMatchObject({
        severity: 'page',
        long: '1h',
        short: '5m',
        firing: true,
      });
      expect(output.firingRule.longRate).toBe(
        slo.burnRates.find(b => b.window === '1h')!.rate,
      );
      expect(
        output.rules.map((r: any) => [
          r.severity,
          r.long,
          r.threshold,
          r.firing,
        ]),
      ).toEqual(
        slo.alert.rules.map(r => [r.severity, r.long, r.threshold, r.firing]),
      );
      expect(output.explanation).toMatch(/page alert fires/);
      const unknown = await invoke('developer', 'explain-slo-alert', {
        entityRef: SERVICE,
        slo: 'latency',
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toContain('availability');
    });

    it('pages the scorecard with the page’s filters', async () => {
      const output = await outputOf('developer', 'query-scorecard', {
        owner: ['payments-team'],
        stressor: ['knowledge-gap'],
        limit: 5,
      });
      const page = (
        await rest('developer')
          .get('/scorecard', {
            owner: 'payments-team',
            stressor: 'knowledge-gap',
            limit: '5',
          })
          .expect(200)
      ).body;
      expect(output.total).toBe(page.total);
      expect(output.rows.map((r: any) => [r.entityRef, r.maxLevel])).toEqual(
        page.rows.map((r: any) => [r.entityRef, r.maxLevel]),
      );
      expect(output.rows.map((r: any) => r.entityRef)).toEqual([SERVICE]);
      expect(output.rows[0].stressors).toEqual([
        { key: 'knowledge-gap', status: 'open', level: 4 },
      ]);
      const bad = await invoke('developer', 'query-scorecard', {
        stressor: ['boredom'],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('stressor');
      expect(output.rows[0].compoundRisks).toEqual(page.rows[0].compoundRisks);
      const badRisk = await invoke('developer', 'query-scorecard', {
        compoundRisk: ['boredom'],
      });
      expect(badRisk.status).toBe(400);
      expect(badRisk.body.error.message).toContain('compoundRisk');
    });

    it('tells what a person leaving would take', async () => {
      const output = await outputOf('developer', 'what-if-person-leaves', {
        person: 'User:default/Carol',
        alsoKnownAs: ['Carol <carol@example.com>'],
        teamRef: 'payments-team',
      });
      // the route's rule for people: user refs normalised, git identities as written
      expect(output.without).toEqual([
        'user:default/carol',
        'Carol <carol@example.com>',
      ]);
      expect(output.servicesChecked).toBe(2);
      expect(output.losesLastOperator).toEqual([SERVICE]);
      // the knowledge card's rule for the pager, over the tab's shifts and SLOs
      expect(output.losesPagerHolder).toEqual([SERVICE]);
      const pager = output.components.find(
        (c: any) => c.entityRef === SERVICE,
      ).pager;
      expect(pager).toMatchObject({
        shifts: 2,
        totalShifts: 2,
        share: 1,
        othersOnRota: [],
        reason: 'pager',
      });
      expect(pager.slosLeft).toEqual(['Availability']);
      const route = (
        await rest('developer')
          .get('/knowledge/component/default/payments-api/what-if', {
            without: 'user:default/carol',
          })
          .expect(200)
      ).body;
      expect(
        output.components.find((c: any) => c.entityRef === SERVICE),
      ).toMatchObject({
        busFactorBefore: route.busFactorBefore,
        busFactorLeft: route.busFactorLeft,
        riskLeft: route.riskLeft,
      });
      const neither = await invoke('developer', 'what-if-person-leaves', {
        person: 'user:default/carol',
      });
      expect(neither.status).toBe(400);
    });

    const writes: Array<[string, () => object]> = [
      [
        'flag-stressor',
        () => ({
          entityRef: OTHER_SERVICE,
          stressorKey: 'undiagnosed-alerts',
          stressLevel: 3,
          evidence: 'DiskFull fires nightly',
        }),
      ],
      [
        'record-fire',
        () => ({
          entityRef: OTHER_SERVICE,
          title: 'Restarted the ledger sync by hand',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          kind: 'toil',
          rationale: 'a cron job could do it',
        }),
      ],
      [
        'record-engagement-decision',
        () => ({
          teamRef: TEAM,
          decision: 'Page only on symptoms',
          reason: 'cause alerts woke people 40 times a week',
          example: 'the DiskFull alert',
        }),
      ],
    ];

    it.each(writes)(
      'refuses %s to a non-SRE and to a service, writing nothing',
      async (name, input) => {
        for (const caller of ['developer', 'service'] as const) {
          const before = await rowCounts(knex);
          const res = await invoke(caller, name, input());
          expect(res.status).toBe(403);
          expect(await rowCounts(knex)).toEqual(before);
        }
        expect((await invoke('none', name, input())).status).toBe(401);
      },
    );

    it('flags a stressor as an SRE: on the tab, in the audit log and the auditor', async () => {
      const output = await outputOf('sre', 'flag-stressor', writes[0][1]());
      expect(output.flag).toMatchObject({
        key: 'undiagnosed-alerts',
        level: 3,
        flaggedBy: SRE,
        version: 1,
      });
      const health = await tab(OTHER_SERVICE);
      expect(health.stressors.map(f => f.id)).toContain(output.flag.id);
      const audit = (
        await rest('developer')
          .get('/entities/component/default/ledger-service/audit')
          .expect(200)
      ).body;
      expect(audit).toContainEqual(
        expect.objectContaining({
          actor: SRE,
          action: 'create',
          resourceType: 'stressor-flag',
          resourceId: output.flag.id,
        }),
      );
      expect(auditEvents).toContainEqual({
        eventId: 'stressor-flag-create',
        meta: {
          entityRef: OTHER_SERVICE,
          actor: SRE,
          action: 'sre-health:flag-stressor',
        },
      });
      // the same rules as the route: a second unresolved flag of the key conflicts
      expect(
        (await invoke('sre', 'flag-stressor', writes[0][1]())).status,
      ).toBe(409);
    });

    it('records a fire as an SRE: on the tab and in the audit log', async () => {
      const output = await outputOf('sre', 'record-fire', writes[1][1]());
      expect(output.fire).toMatchObject({ kind: 'toil', recordedBy: SRE });
      const health = await tab(OTHER_SERVICE);
      expect(health.fires.map(f => f.id)).toContain(output.fire.id);
      expect(health.fireCounts.toil).toBe(1);
      const audit = (
        await rest('developer')
          .get('/entities/component/default/ledger-service/audit')
          .expect(200)
      ).body;
      expect(audit).toContainEqual(
        expect.objectContaining({
          actor: SRE,
          resourceType: 'fire',
          resourceId: output.fire.id,
        }),
      );
    });

    it('records an engagement decision as an SRE: in the record and the audit log', async () => {
      const output = await outputOf(
        'sre',
        'record-engagement-decision',
        writes[2][1](),
      );
      expect(output.decision).toMatchObject({
        engagementId,
        teamRef: TEAM,
        decidedBy: SRE,
        phase: 'learn',
      });
      const record = (
        await rest('developer')
          .get(`/engagements/${engagementId}/record`)
          .expect(200)
      ).body;
      expect(JSON.stringify(record)).toContain(output.decision.id);
      const audit = (
        await rest('developer')
          .get('/entities/group/default/payments-team/audit')
          .expect(200)
      ).body;
      expect(audit).toContainEqual(
        expect.objectContaining({
          actor: SRE,
          resourceType: 'engagement-decision',
        }),
      );
      const none = await invoke('sre', 'record-engagement-decision', {
        ...writes[2][1](),
        teamRef: 'group:default/spare-team-0',
      });
      expect(none.status).toBe(404);
    });

    it('checks input with the route’s schema, with the route’s message', async () => {
      const body = {
        entityRef: SERVICE,
        stressorKey: 'boredom',
        stressLevel: 3,
      };
      const action = await invoke('sre', 'flag-stressor', body);
      const route = await rest('sre').post('/stressor-flags', body);
      expect(action.status).toBe(400);
      expect(route.status).toBe(400);
      expect(action.body.error.message).toBe(route.body.error.message);
      // what JSON Schema already says is refused by the registry before the action runs
      expect(
        (await invoke('sre', 'flag-stressor', { ...body, stressLevel: 9 }))
          .status,
      ).toBe(400);
      expect(
        (await invoke('sre', 'flag-stressor', { ...body, colour: 'red' }))
          .status,
      ).toBe(400);
    });
  });
});
