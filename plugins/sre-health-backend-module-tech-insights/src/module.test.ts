import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import techInsightsPlugin from '@backstage-community/plugin-tech-insights-backend';
import sreHealthPlugin from '@sre-health/backstage-plugin-sre-health-backend';
import request from 'supertest';
import { techInsightsModuleSreHealthFacts } from './module';
import {
  SRE_HEALTH_FACT_RETRIEVER_ID,
  stressLevelFactName,
} from './factRetriever';

jest.setTimeout(60_000);

const service = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments-team' }],
});
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  service('payments-api', { 'sre-health.dev/slo-target': '99.9' }),
  service('ledger-service'),
];

describe('SRE Health facts in Tech Insights', () => {
  it('publishes per-service facts through the real tech-insights backend', async () => {
    const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
    const scheduler = mockServices.scheduler.mock({
      scheduleTask: async task => {
        tasks.set(task.id, task);
      },
    });
    const { server } = await startTestBackend({
      features: [
        techInsightsPlugin,
        techInsightsModuleSreHealthFacts,
        sreHealthPlugin,
        catalogServiceMock.factory({ entities }),
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: {
            techInsights: {
              factRetrievers: {
                sreHealthFactRetriever: { cadence: '*/30 * * * *' },
              },
            },
          },
        }),
      ],
    });
    const user = { Authorization: mockCredentials.user.header() };

    // what an SRE records on the SRE Health tab (the mock permissions allow it)
    const post = (path: string, body: object) =>
      request(server)
        .post(`/api/sre-health${path}`)
        .set(user)
        .send(body)
        .expect(201);
    const flag = (stressorKey: string, stressLevel: number, status = 'open') =>
      post('/stressor-flags', {
        entityRef: 'component:default/payments-api',
        stressorKey,
        stressLevel,
        status,
      });
    await flag('undiagnosed-alerts', 5);
    await flag('next-big-thing', 3, 'mitigating');
    await flag('knowledge-gap', 4, 'resolved');
    await post('/ops-load', {
      teamRef: 'group:default/payments-team',
      weekStart: '2026-11-16',
      opsHours: 30,
      projectHours: 10,
    });

    // the scorecard task syncs the catalog copy, then Tech Insights runs the retriever
    await tasks.get('sre-health-scorecard')!.fn(new AbortController().signal);
    expect(tasks.has(SRE_HEALTH_FACT_RETRIEVER_ID)).toBe(true);
    await tasks
      .get(SRE_HEALTH_FACT_RETRIEVER_ID)!
      .fn(new AbortController().signal);

    const schemas = await request(server)
      .get('/api/tech-insights/fact-schemas')
      .set(user)
      .expect(200);
    expect(schemas.body.map((s: { id: string }) => s.id)).toContain(
      SRE_HEALTH_FACT_RETRIEVER_ID,
    );

    const latest = (entity: string) =>
      request(server)
        .get('/api/tech-insights/facts/latest')
        .query({ entity, ids: [SRE_HEALTH_FACT_RETRIEVER_ID] })
        .set(user)
        .expect(200);
    const payments = (await latest('component:default/payments-api')).body[
      SRE_HEALTH_FACT_RETRIEVER_ID
    ].facts;
    expect(payments).toEqual({
      openStressors: { 'undiagnosed-alerts': 5, 'next-big-thing': 3 },
      openStressorCount: 2,
      maxStressLevel: 5,
      [stressLevelFactName('knowledge-gap')]: 0, // resolved
      sreServiceGrowingStressLevel: 0,
      nextBigThingStressLevel: 3,
      undiagnosedAlertsStressLevel: 5,
      complaintsWithoutSloStressLevel: 0,
      naiveCapacityPlanStressLevel: 0,
      rollbackOnlyPostmortemsStressLevel: 0,
      devsOwnItStressLevel: 0,
      sloStatus: 'no-data',
      opsShare: 0.75,
    });

    const ledger = (await latest('component:default/ledger-service')).body[
      SRE_HEALTH_FACT_RETRIEVER_ID
    ].facts;
    expect(ledger).toMatchObject({
      openStressors: {},
      openStressorCount: 0,
      maxStressLevel: 0,
      sloStatus: 'none',
      opsShare: 0.75,
    });
  });
});
