import {
  EngagementFigures,
  StressorFigure,
  StressorFlag,
  computeEngagementFigures,
  opsFigureAt,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthStore } from '@sre-health/backstage-plugin-sre-health-backend/seeding';
import { backdate } from '../backdate';
import { BOB, DAY, at, component, monday } from '../story';

export const SEARCH = 'group:default/search-team';

/**
 * Search before, during and after Bob's engagement of last spring: its weekly ops load,
 * the flags he raised and resolved, its stale-index postmortem, and the figures its
 * after-action report compares.
 */
export async function seedSearchHistory(store: SreHealthStore, now: Date) {
  const start = monday(now, 21);
  const end = new Date(Date.parse(`${monday(now, 9)}T00:00:00Z`) + 4 * DAY)
    .toISOString()
    .slice(0, 10);

  // Search before, during and after: over the cap before, back under it by the end.
  const shares: Array<[number, number]> = [
    [24, 0.58],
    [23, 0.62],
    [22, 0.64],
    [21, 0.63],
    [20, 0.66],
    [19, 0.6],
    [18, 0.57],
    [17, 0.55],
    [16, 0.52],
    [15, 0.5],
    [14, 0.47],
    [13, 0.45],
    [12, 0.42],
    [11, 0.4],
    [10, 0.38],
    [9, 0.36],
    [8, 0.35],
  ];
  for (const [weeksAgo, share] of shares) {
    const hours = 2 * 40; // a team of two
    const sample = await store.opsLoad.create(
      {
        teamRef: SEARCH,
        weekStart: monday(now, weeksAgo),
        opsHours: Math.round(hours * share),
        projectHours: hours - Math.round(hours * share),
      },
      BOB,
    );
    await backdate(
      store.db,
      'ops_load_samples',
      sample.id,
      at(monday(now, weeksAgo), 4, 17),
    );
  }

  // What Bob flagged while the team asked for help (before he embedded), and fixed for good.
  const alerts = await store.flags.create(
    {
      entityRef: component('search-api'),
      stressorKey: 'undiagnosed-alerts',
      stressLevel: 5,
      status: 'open',
      evidence:
        'SearchLatencyHigh fired 160 times in 30 days; nobody knew whether it mattered. On-call acked and waited.',
    },
    BOB,
  );
  const rollbacks = await store.flags.create(
    {
      entityRef: component('search-api'),
      stressorKey: 'rollback-only-postmortems',
      stressLevel: 3,
      status: 'open',
      evidence:
        'The last four postmortems: every action item is "roll back the index build".',
    },
    BOB,
  );
  for (const [flag, resolvedWeeksAgo] of [
    [alerts, 12],
    [rollbacks, 11],
  ] as const) {
    const resolvedAt = at(monday(now, resolvedWeeksAgo), 3);
    await backdate(store.db, 'stressor_flags', flag.id, at(start, -10), {
      status: 'resolved',
      resolved_at: resolvedAt,
      updated_at: resolvedAt,
    });
  }
  const postmortem = await store.postmortems.create(
    {
      entityRef: component('search-api'),
      title: 'Search served stale results for 3 hours after an index swap',
      occurredAt: at(monday(now, 19), 1, 14).toISOString(),
      impact:
        '3h05m of results up to a day old; 9% of searches returned sold-out products; 212 support tickets.',
      actionItems: [
        {
          text: 'Find out why the swap succeeded with an index that had not finished warming',
        },
        { text: 'Alert on index age, not on query latency alone' },
      ],
    },
    BOB,
  );
  // written up the day after the outage
  await backdate(
    store.db,
    'postmortems',
    postmortem.id,
    at(monday(now, 19), 2, 16),
  );
  const capacityFlag = (
    await store.flags.list(component('search-indexer'))
  ).find(
    f => f.stressorKey === 'naive-capacity-plan' && f.status !== 'resolved',
  );

  const flagFigure = (
    f: Pick<
      StressorFlag,
      'entityRef' | 'stressorKey' | 'stressLevel' | 'evidence'
    >,
  ): StressorFigure => ({
    entityRef: f.entityRef,
    stressorKey: f.stressorKey,
    stressLevel: f.stressLevel,
    evidence: f.evidence,
  });
  const indexerFlags: StressorFigure[] = [
    {
      entityRef: component('search-indexer'),
      stressorKey: 'naive-capacity-plan',
      stressLevel: 4,
      evidence: 'Capacity plan is "add workers when the queue backs up".',
    },
    {
      entityRef: component('search-indexer'),
      stressorKey: 'complaints-without-slo',
      stressLevel: 3,
      evidence:
        'Customers complain about stale search results; no freshness SLO.',
    },
  ];
  const samples = await store.opsLoad.list(SEARCH);
  const services = [component('search-api'), component('search-indexer')];
  const startFigures: EngagementFigures = {
    at: at(start).toISOString(),
    source: 'snapshot',
    services,
    ops: opsFigureAt(samples, start, 'before'),
    stressors: {
      open: 4,
      flags: [
        flagFigure(alerts),
        indexerFlags[0],
        flagFigure(rollbacks),
        indexerFlags[1],
      ],
    },
    slos: [],
  };
  const endFigures: EngagementFigures = {
    ...computeEngagementFigures({
      at: at(end, 0, 16).toISOString(),
      source: 'snapshot',
      opsDate: end,
      ops: 'until',
      services,
      samples,
      flags: [],
      slos: [
        {
          entityRef: component('search-api'),
          name: 'search-availability',
          displayName: 'Search availability',
          target: 0.995,
          sli: 0.9987,
          budgetRemaining: 0.74,
          status: 'healthy',
        },
      ],
    }),
    stressors: { open: 2, flags: indexerFlags },
  };

  return {
    start,
    end,
    samples,
    startFigures,
    endFigures,
    alerts,
    rollbacks,
    postmortem,
    capacityFlag,
  };
}
