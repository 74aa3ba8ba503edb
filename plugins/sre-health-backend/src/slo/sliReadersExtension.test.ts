import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { sreHealthSliReadersExtensionPoint } from '@sre-health/backstage-plugin-sre-health-node';
import request from 'supertest';
import { sreHealthPlugin } from '../plugin';
import { SERVICE, SRE, catalogEntities } from '../__testUtils__/catalog';
import { sreGroupPermissions } from '../__testUtils__/permissions';

jest.setTimeout(60_000);

const config = { sreHealth: { sreGroups: ['group:default/sre'] } };
const API = '/api/sre-health';
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

/** An adopter's module, as the sre-health-node README shows it. */
const datadogModule = createBackendModule({
  pluginId: 'sre-health',
  moduleId: 'datadog-sli',
  register(reg) {
    reg.registerInit({
      deps: { readers: sreHealthSliReadersExtensionPoint },
      async init({ readers }) {
        readers.addReader({
          sourceTypes: ['Datadog'],
          check: (_slo, source) =>
            source.query ? undefined : 'a Datadog source needs spec.query',
          create: ({ source }) => ({
            label: `datadog:${source.query}`,
            external: false,
            counts: async windows =>
              new Map(windows.map(w => [w.key, { good: 990, total: 1000 }])),
            series: async () => [],
          }),
        });
      },
    });
  },
});

const datadogSlo = (name: string, spec: Record<string, unknown>) => {
  const metric = { metricSource: { type: 'Datadog', spec } };
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name },
    spec: {
      indicator: { spec: { ratioMetric: { good: metric, total: metric } } },
      timeWindow: [{ duration: '28d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ target: 0.995 }],
    },
  };
};

describe('sreHealthSliReadersExtensionPoint', () => {
  it("computes SLOs through an adopter's reader, and says why it cannot read one", async () => {
    const permissions = sreGroupPermissions(config);
    const { server } = await startTestBackend({
      features: [
        sreHealthPlugin,
        datadogModule,
        catalogServiceMock.factory({ entities: catalogEntities }),
        permissions.factory,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    for (const document of [
      datadogSlo('checkout-datadog', { query: 'sum:hits{*}.as_count()' }),
      datadogSlo('checkout-no-query', {}),
    ]) {
      await request(server)
        .post(`${API}/slo-definitions`)
        .set(as(SRE))
        .send({ entityRef: SERVICE, document })
        .expect(201);
    }
    const health = await request(server)
      .get(`${API}/entities/component/default/payments-api/health`)
      .set(as(SRE))
      .expect(200);
    const slo = health.body.slos.find(
      (s: { name: string }) => s.name === 'checkout-datadog',
    );
    expect(slo).toMatchObject({
      source: 'datadog:sum:hits{*}.as_count()',
      sli: 0.99,
      totalEvents: 1000,
      badEvents: 10,
    });
    expect(health.body.sloNotComputable).toEqual([
      expect.objectContaining({
        name: 'checkout-no-query',
        reason: 'a Datadog source needs spec.query',
      }),
    ]);
  });
});
