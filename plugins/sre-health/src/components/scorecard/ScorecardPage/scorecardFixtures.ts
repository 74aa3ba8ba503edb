import {
  STRESSOR_KEYS,
  ScorecardCell,
  ScorecardPage,
  ScorecardRow,
  ScorecardTeamRow,
  ScorecardTrends,
  StressorKey,
} from '@sre-health/backstage-plugin-sre-health-common';

/** Test data of the scorecard components. */

const noStressors = () =>
  Object.fromEntries(STRESSOR_KEYS.map(k => [k, null])) as Record<
    StressorKey,
    ScorecardCell | null
  >;

export function makeRow(
  name: string,
  overrides: Partial<ScorecardRow> & {
    cells?: Record<string, ScorecardCell | null>;
  } = {},
): ScorecardRow {
  const { cells, ...rest } = overrides;
  return {
    entityRef: `component:default/${name}`,
    name,
    title: null,
    ownerRef: 'group:default/payments-team',
    systemRef: 'system:default/payments',
    lifecycle: 'production',
    tier: 'standard',
    maxLevel: 0,
    atMaxLevel: 0,
    maxProposedLevel: 0,
    unratedStressors: 0,
    openStressors: 0,
    compoundRisks: [],
    stressors: { ...noStressors(), ...cells },
    slo: null,
    truckFactor: null,
    opsShare: null,
    engagement: null,
    ...rest,
  };
}

export const paymentsApi = makeRow('payments-api', {
  title: 'Payments API',
  tier: 'critical',
  maxLevel: 5,
  atMaxLevel: 1,
  openStressors: 3,
  compoundRisks: ['pager-silo', 'complaints-unmeasured'],
  cells: {
    'undiagnosed-alerts': { status: 'open', level: 5 },
    'rollback-only-postmortems': { status: 'open', level: 4 },
    'next-big-thing': { status: 'mitigating', level: 3 },
    'devs-own-it': { status: 'dismissed', level: 0 },
    'custom:batch-window': { status: 'open', level: 2 },
  },
  slo: { status: 'breached', budgetRemaining: -0.5, count: 1 },
  truckFactor: 1,
  opsShare: 0.68,
  engagement: {
    id: 'e1',
    phase: 'share-context',
    sreRef: 'user:default/alice',
  },
});

export const searchApi = makeRow('search-api', {
  ownerRef: 'group:default/search-team',
  systemRef: 'system:default/search',
  tier: 'high',
  maxLevel: 2,
  atMaxLevel: 1,
  openStressors: 1,
  cells: {
    'complaints-without-slo': { status: 'open', level: 2 },
    'custom:batch-window': null,
  },
  slo: { status: 'healthy', budgetRemaining: 0.9, count: 1 },
  opsShare: 0.35,
});

export function makePage(
  rows: ScorecardRow[],
  overrides: Partial<ScorecardPage> = {},
): ScorecardPage {
  return {
    rows,
    total: rows.length,
    offset: 0,
    limit: 50,
    syncedAt: '2026-11-20T12:00:00.000Z',
    highStress: rows.filter(r => r.maxLevel >= 4).length,
    customStressors: [
      ...new Set(
        rows.flatMap(r =>
          Object.keys(r.stressors).filter(k => k.startsWith('custom:')),
        ),
      ),
    ].sort(),
    ...overrides,
  };
}

const open = (counts: Record<string, number> = {}) =>
  ({
    ...Object.fromEntries(STRESSOR_KEYS.map(k => [k, 0])),
    ...counts,
  } as ScorecardTeamRow['open']);

export const teamRows: ScorecardTeamRow[] = [
  {
    groupRef: 'group:default/engineering',
    name: 'engineering',
    title: 'Engineering',
    type: 'department',
    parentRef: null,
    depth: 0,
    services: 7,
    maxLevel: 5,
    highStress: 3,
    openStressors: 8,
    unratedStressors: 0,
    open: open({
      'knowledge-gap': 1,
      'undiagnosed-alerts': 1,
      'custom:batch-window': 1,
    }),
    opsShare: null,
    engagement: null,
  },
  {
    groupRef: 'group:default/payments-team',
    name: 'payments-team',
    title: 'Payments',
    type: 'team',
    parentRef: 'group:default/engineering',
    depth: 1,
    services: 2,
    maxLevel: 5,
    highStress: 2,
    openStressors: 4,
    unratedStressors: 0,
    open: open({
      'knowledge-gap': 1,
      'undiagnosed-alerts': 1,
      'custom:batch-window': 1,
    }),
    opsShare: 0.68,
    engagement: {
      id: 'e1',
      phase: 'share-context',
      sreRef: 'user:default/alice',
    },
  },
];

export const trends: ScorecardTrends = {
  days: ['2026-10-21', '2026-11-05', '2026-11-20'],
  teams: [
    {
      groupRef: 'group:default/payments-team',
      label: 'Payments',
      series: [7, 5, 4],
    },
    {
      groupRef: 'group:default/search-team',
      label: 'Search',
      series: [0, 1, 2],
    },
  ],
  stressors: [
    { key: 'devs-own-it', label: '"The developers own it"', series: [2, 1, 1] },
    {
      key: 'naive-capacity-plan',
      label: 'Naive capacity plan',
      series: [1, 1, 1],
    },
  ],
  total: [7, 6, 6],
  changes: {
    windowDays: 30,
    from: '2026-10-21',
    to: '2026-11-20',
    teams: {
      improved: [
        {
          key: 'group:default/payments-team',
          label: 'Payments',
          from: 7,
          to: 4,
          delta: -3,
        },
      ],
      worsened: [
        {
          key: 'group:default/search-team',
          label: 'Search',
          from: 0,
          to: 2,
          delta: 2,
        },
      ],
    },
    stressors: {
      improved: [
        {
          key: 'devs-own-it',
          label: '"The developers own it"',
          from: 2,
          to: 1,
          delta: -1,
        },
      ],
      worsened: [],
    },
  },
};
