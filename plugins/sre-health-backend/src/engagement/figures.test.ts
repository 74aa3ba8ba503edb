import type { Entity } from '@backstage/catalog-model';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  OpsLoadSample,
  StressorFlag,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthStore } from '../store';
import { EngagementFiguresReader } from './figures';

const TEAM = 'group:default/payments-team';
const SUBTEAM = 'group:default/settlement-team';

const owned = (
  kind: string,
  name: string,
  owner: string,
  spec: Record<string, unknown> = {},
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: { owner, ...spec },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

/** Payments as the demo catalog has it (a system, an API, two services), plus a sub-team. */
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: ['settlement-team'] },
    relations: [{ type: 'parentOf', targetRef: SUBTEAM }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'settlement-team', namespace: 'default' },
    spec: { type: 'team', parent: 'payments-team', children: [] },
    relations: [{ type: 'childOf', targetRef: TEAM }],
  },
  owned('System', 'payments', TEAM),
  owned('API', 'payments-rest', TEAM, { type: 'openapi' }),
  owned('Component', 'payments-api', TEAM, { type: 'service' }),
  owned('Component', 'ledger-service', TEAM, { type: 'service' }),
  owned('Component', 'payments-docs', TEAM, { type: 'website' }),
  owned(
    'Component',
    'payments-batch',
    TEAM,
    { type: 'library' },
    { 'sre-health.dev/enabled': 'true' },
  ),
  owned('Component', 'settlement-batch', SUBTEAM, { type: 'service' }),
  owned('Component', 'search-api', 'group:default/search-team', {
    type: 'service',
  }),
];

const flag = (entityRef: string): StressorFlag =>
  ({
    id: entityRef,
    entityRef,
    stressorKey: 'knowledge-gap',
    stressLevel: 4,
    levelOverride: null,
    status: 'open',
    evidence: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    resolvedAt: null,
  } as unknown as StressorFlag);

describe('EngagementFiguresReader', () => {
  const store = {
    opsLoad: { list: jest.fn(async (): Promise<OpsLoadSample[]> => []) },
    flags: {
      listWhere: jest.fn(async () => [
        flag('component:default/payments-api'),
        flag('api:default/payments-rest'),
      ]),
    },
  } as unknown as SreHealthStore;
  const reader = new EngagementFiguresReader({
    store,
    catalog: catalogServiceMock({ entities }),
    now: () => new Date('2026-02-01T00:00:00Z'),
  });

  it("counts the team's services as the scorecard does: services of the team and its sub-teams, not its system, API or website", async () => {
    const services = await reader.services(TEAM, mockCredentials.none());
    expect(services.map(e => e.metadata.name)).toEqual([
      'ledger-service',
      'payments-api',
      'payments-batch',
      'settlement-batch',
    ]);
  });

  it('reads figures of those services only', async () => {
    const figures = await reader.current(
      TEAM,
      mockCredentials.none(),
      '2026-02-01',
      'until',
    );
    expect(figures.services).toEqual([
      'component:default/ledger-service',
      'component:default/payments-api',
      'component:default/payments-batch',
      'component:default/settlement-batch',
    ]);
    expect(figures.stressors.open).toBe(1);
  });
});
