import type { Entity } from '@backstage/catalog-model';
import type {
  AuditEntry,
  EntityHealth,
  Fire,
  OpsLoadSample,
  Postmortem,
  SloSummary,
  StressorFlag,
} from '@sre-health/backstage-plugin-sre-health-common';
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

/**
 * A flag nobody rated unless `ratedLevel` is given; `stressLevel` alone sets the
 * proposal, and with `ratedLevel` the level that counts is the rating.
 */
export function makeFlag(overrides: Partial<StressorFlag> = {}): StressorFlag {
  const proposedLevel = overrides.proposedLevel ?? overrides.stressLevel ?? 4;
  const ratedLevel = overrides.ratedLevel ?? null;
  return {
    id: 'flag-1',
    version: 1,
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
    entityRef: 'component:default/checkout',
    stressorKey: 'knowledge-gap',
    evidence: 'Only jane can restart the ledger',
    status: 'open',
    source: 'sre',
    author: 'user:default/sam',
    confirmedBy: null,
    dismissedReason: null,
    exemptUntil: null,
    exemptReason: null,
    exemptBy: null,
    facts: null,
    detectedAt: null,
    resolvedAt: null,
    ratedBy: null,
    ratedAt: null,
    ...overrides,
    stressLevel: ratedLevel ?? proposedLevel,
    proposedLevel,
    ratedLevel,
  };
}

export function makeFire(overrides: Partial<Fire> = {}): Fire {
  return {
    id: 'fire-1',
    version: 1,
    createdAt: '2026-01-06T10:00:00.000Z',
    updatedAt: '2026-01-06T10:00:00.000Z',
    entityRef: 'component:default/checkout',
    title: 'Disk full on ledger-db',
    occurredAt: '2026-01-06T08:00:00.000Z',
    kind: 'unsorted',
    rationale: '',
    author: 'user:default/sam',
    ...overrides,
  };
}

export function makePostmortem(
  overrides: Partial<Postmortem> = {},
): Postmortem {
  return {
    id: 'pm-1',
    version: 1,
    createdAt: '2026-01-07T10:00:00.000Z',
    updatedAt: '2026-01-07T10:00:00.000Z',
    entityRef: 'component:default/checkout',
    title: 'Checkout down after the streaming change',
    occurredAt: '2026-01-07T00:00:00.000Z',
    impact: '40 minutes of failed checkouts',
    contributingFactors: [],
    actionItems: [{ text: 'Revert the streaming timeout to 60 s' }],
    author: 'user:default/sam',
    ...overrides,
  };
}

/** A week of a team's time; `weekStart` is the Monday. */
export function makeOpsSample(
  weekStart: string,
  opsHours: number,
  projectHours: number,
): OpsLoadSample {
  return {
    id: `ops-${weekStart}`,
    version: 1,
    createdAt: `${weekStart}T00:00:00.000Z`,
    updatedAt: `${weekStart}T00:00:00.000Z`,
    teamRef: 'group:default/payments',
    weekStart,
    opsHours,
    projectHours,
    author: 'user:default/sam',
  };
}

export function makeAuditEntry(
  overrides: Partial<AuditEntry> = {},
): AuditEntry {
  return {
    id: 'audit-1',
    entityRef: 'component:default/checkout',
    actor: 'user:default/sam',
    action: 'update',
    resourceType: 'stressor-flag',
    resourceId: 'flag-1',
    before: null,
    after: null,
    at: '2026-01-06T12:00:00.000Z',
    ...overrides,
  };
}

export function makeSlo(overrides: Partial<SloSummary> = {}): SloSummary {
  return {
    name: 'availability',
    displayName: 'Availability',
    description: 'Good/total events pushed to SRE Health.',
    origin: 'annotation',
    location: 'sre-health.dev/slo-target',
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
  // Counts consistent with the lists given, unless a test sets them (a longer history).
  const fires = overrides.fires ?? [];
  const count = (kind: Fire['kind']) =>
    fires.filter(f => f.kind === kind).length;
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
    fires,
    fireCounts: {
      toil: count('toil'),
      overhead: count('overhead'),
      unsorted: count('unsorted'),
    },
    postmortems: [],
    postmortemCount: overrides.postmortems?.length ?? 0,
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
    'rateStressorFlag',
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
    'getStressorFlagHistory',
    'runStressorDetection',
    'importPostmortem',
    'getFiresMarkdown',
    'getSloDefinition',
    'createSloDefinition',
    'updateSloDefinition',
    'backfillSlo',
    'getSloPolicy',
    'decideSloPolicyEpisode',
    'listDeferredProblems',
    'createDeferredProblem',
    'updateDeferredProblem',
    'listComplaints',
    'createComplaint',
    'listAlerts',
    'createAlertDiagnosis',
    'updateAlertDiagnosis',
  ];
  // Every tab render lists the stressor inputs; nothing recorded unless a test says so.
  const empty: Partial<SreHealthApi> = {
    listAlerts: async () => [],
    listDeferredProblems: async () => [],
    listComplaints: async () => [],
  };
  return Object.fromEntries(
    methods.map(m => {
      const fn = impl[m] ?? empty[m];
      return [m, fn ? jest.fn(fn as any) : notMocked(m)];
    }),
  ) as unknown as jest.Mocked<SreHealthApi>;
}

/**
 * An hourly burn-down ending just before `end` (makeSlo's computedAt): `remaining(i)` is
 * the share of the budget left after hour i, oldest first.
 */
export function makeBurnDown(
  hours: number,
  remaining: (hour: number) => number,
  end = '2026-01-10T00:00:00.000Z',
): SloSummary['burnDown'] {
  const last = Date.parse(end) - 3600 * 1000;
  return Array.from({ length: hours }, (_, i) => ({
    t: new Date(last - (hours - 1 - i) * 3600 * 1000).toISOString(),
    budgetRemaining: remaining(i),
  }));
}

/**
 * jsdom has no layout and no ResizeObserver, so recharts' ResponsiveContainer would see a
 * 0×0 parent. This installs a ResizeObserver that reports a fixed-size container; call the
 * returned function (e.g. in afterEach) to remove it.
 */
export function mockResizeObserver(width = 600, height = 160): () => void {
  const original = (globalThis as any).ResizeObserver;
  class FixedSizeResizeObserver {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.callback(
        [{ target, contentRect: { width, height } } as ResizeObserverEntry],
        this as unknown as ResizeObserver,
      );
    }
    unobserve() {}
    disconnect() {}
  }
  (globalThis as any).ResizeObserver = FixedSizeResizeObserver;
  return () => {
    (globalThis as any).ResizeObserver = original;
  };
}
