import type { Entity } from '@backstage/catalog-model';
import type {
  EntityHealth,
  SloSummary,
  StressorFlag,
} from '@internal/backstage-plugin-sre-health-common';
import type { SreHealthApi } from '../api';

export const serviceEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'Checkout', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

export const websiteEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'marketing-site' },
  spec: {
    type: 'website',
    owner: 'group:default/web',
    lifecycle: 'production',
  },
};

export const ENTITY_REF = 'component:default/Checkout';

export function makeFlag(overrides: Partial<StressorFlag> = {}): StressorFlag {
  return {
    id: 'flag-1',
    version: 1,
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
    entityRef: 'component:default/checkout',
    stressorKey: 'knowledge-gap',
    stressLevel: 4,
    evidence: 'Only jane can restart the ledger',
    status: 'open',
    source: 'sre',
    author: 'user:default/sam',
    resolvedAt: null,
    ...overrides,
  };
}

export function makeSlo(overrides: Partial<SloSummary> = {}): SloSummary {
  return {
    name: 'availability',
    displayName: 'Availability',
    description: 'Good/total events pushed to SRE Health.',
    origin: 'annotation',
    source: 'pushed events',
    target: 0.999,
    window: '30d',
    windowMs: 30 * 24 * 3600 * 1000,
    windowDays: 30,
    budgetingMethod: 'Occurrences',
    sli: 0.9995,
    totalEvents: 100000,
    badEvents: 50,
    budget: {
      unit: 'events',
      total: 100,
      consumed: 50,
      remaining: 50,
      remainingFraction: 0.5,
    },
    budgetRemaining: 0.5,
    burnRates: [
      { window: '5m', rate: 0.1 },
      { window: '30m', rate: 0.2 },
      { window: '1h', rate: 0.5 },
      { window: '2h', rate: 0.4 },
      { window: '6h', rate: 2 },
      { window: '1d', rate: 0.8 },
      { window: '3d', rate: null },
    ],
    alert: { state: 'none', rules: [] },
    status: 'healthy',
    burnDown: [],
    computedAt: '2026-01-10T00:00:00.000Z',
    ...overrides,
  };
}

export function makeHealth(
  overrides: Partial<EntityHealth> = {},
): EntityHealth {
  return {
    entityRef: 'component:default/checkout',
    ownerRef: 'group:default/payments',
    slos: [],
    sloProblems: [],
    stressors: [],
    knowledgeSilo: {
      tier: 'standard',
      servingCritical: false,
      busFactor: 0,
      risk: 'high',
      operators: [],
    },
    engagement: null,
    opsLoad: null,
    fires: [],
    postmortems: [],
    ...overrides,
  };
}

/** A fake API whose every method is a jest mock; pass the ones a test needs. */
export function fakeSreHealthApi(
  impl: Partial<SreHealthApi> = {},
): jest.Mocked<SreHealthApi> {
  const notMocked = (name: string) =>
    jest.fn(async () => {
      throw new Error(`${name} is not mocked`);
    });
  const methods: Array<keyof SreHealthApi> = [
    'getEntityHealth',
    'getAuditLog',
    'listStressorFlags',
    'createStressorFlag',
    'updateStressorFlag',
    'deleteStressorFlag',
    'createEngagement',
    'updateEngagement',
    'createPostmortem',
    'updatePostmortem',
    'deletePostmortem',
    'createFire',
    'updateFire',
    'deleteFire',
    'createOpsLoadSample',
    'updateOpsLoadSample',
    'deleteOpsLoadSample',
    'createExpertise',
    'updateExpertise',
    'deleteExpertise',
  ];
  return Object.fromEntries(
    methods.map(m => [m, impl[m] ? jest.fn(impl[m] as any) : notMocked(m)]),
  ) as unknown as jest.Mocked<SreHealthApi>;
}
