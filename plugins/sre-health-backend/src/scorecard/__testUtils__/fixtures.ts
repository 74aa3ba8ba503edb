import { randomUUID } from 'node:crypto';
import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import { teamOpsWeeks } from '@sre-health/backstage-plugin-sre-health-common';
import { fromTeamOpsWeek } from '../../opsTime/mapping';

/*
 * A small nested organisation for the scorecard tests:
 *
 *   acme (organisation)
 *   ├── engineering (department)
 *   │   ├── payments-team ── payments-ledger (sub-team)
 *   │   └── search-team
 *   └── marketing (department, no services)
 *
 * and services owned across it, one by a user, with two entities the scorecard must
 * leave out (a service that opted out, a website).
 */

const group = (
  name: string,
  type: string,
  parent?: string,
  title?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: { type, children: [], ...(parent ? { parent } : {}) },
  relations: parent
    ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
    : [],
});

const component = (
  name: string,
  options: {
    type?: string;
    owner: string;
    system?: string;
    lifecycle?: string;
    tier?: string;
    title?: string;
    annotations?: Record<string, string>;
  },
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    ...(options.title ? { title: options.title } : {}),
    annotations: {
      ...(options.tier ? { 'sre-health.dev/tier': options.tier } : {}),
      ...options.annotations,
    },
  },
  spec: {
    type: options.type ?? 'service',
    lifecycle: options.lifecycle ?? 'production',
    owner: options.owner,
    ...(options.system ? { system: options.system } : {}),
  },
  relations: [
    {
      type: 'ownedBy',
      targetRef: options.owner.includes(':')
        ? options.owner
        : `group:default/${options.owner}`,
    },
    ...(options.system
      ? [{ type: 'partOf', targetRef: `system:default/${options.system}` }]
      : []),
  ],
});

/** @internal */
export const ref = (name: string) => `component:default/${name}`;
/** @internal */
export const grp = (name: string) => `group:default/${name}`;

/** @internal */
export const scorecardEntities: Entity[] = [
  group('acme', 'organisation', undefined, 'ACME'),
  group('engineering', 'department', 'acme', 'Engineering'),
  group('marketing', 'department', 'acme', 'Marketing'),
  group('payments-team', 'team', 'engineering', 'Payments'),
  group('payments-ledger', 'team', 'payments-team', 'Ledger'),
  group('search-team', 'team', 'engineering', 'Search'),
  component('payments-api', {
    owner: 'payments-team',
    system: 'payments',
    tier: 'critical',
    annotations: { 'sre-health.dev/slo-target': '99.9' },
  }),
  component('ledger-service', {
    owner: 'payments-ledger',
    system: 'payments',
    tier: 'critical',
  }),
  component('search-api', {
    owner: 'search-team',
    system: 'search',
    tier: 'high',
    annotations: { 'sre-health.dev/slo-target': '99' },
  }),
  component('search-indexer', {
    owner: 'search-team',
    system: 'search',
    lifecycle: 'experimental',
  }),
  component('billing-batch', {
    owner: 'user:default/carol',
    // text a CSV must quote, and a formula a spreadsheet must not run
    title: '-Billing, "batch"',
  }),
  component('data-pipeline', {
    type: 'pipeline',
    owner: 'search-team',
    tier: 'high',
    title: 'Data Pipeline',
    annotations: { 'sre-health.dev/enabled': 'true' },
  }),
  component('legacy-thing', {
    owner: 'search-team',
    annotations: { 'sre-health.dev/enabled': 'false' },
  }),
  component('docs-site', { type: 'website', owner: 'search-team' }),
];

const NOW = new Date('2026-11-20T12:00:00.000Z');

/**
 * A flag raised at `proposedLevel`. A person's flag is rated: at `ratedLevel`, by default
 * the level it was raised with; `ratedLevel: null` makes it a detector's flag nobody rated.
 * @internal
 */
export async function insertFlag(
  db: Knex,
  entityRef: string,
  stressorKey: string,
  proposedLevel: number,
  status: 'open' | 'mitigating' | 'resolved' | 'dismissed' = 'open',
  ratedLevel: number | null = proposedLevel,
): Promise<void> {
  const detected = ratedLevel === null;
  await db('stressor_flags').insert({
    id: randomUUID(),
    entity_ref: entityRef,
    stressor_key: stressorKey,
    proposed_level: proposedLevel,
    rated_level: ratedLevel,
    rated_by: detected ? null : 'user:default/alice',
    rated_at: detected ? null : NOW,
    evidence: 'test',
    status,
    source: detected ? 'detected' : 'sre',
    author: detected ? 'sre-health:detector' : 'user:default/alice',
    resolved_at: status === 'resolved' ? NOW : null,
    version: 1,
    created_at: NOW,
    updated_at: NOW,
  });
}

/**
 * The flags, engagements, ops load and truck factors of the test organisation:
 * payments-api 5, 4 (rated over a proposed 3) and 3 (mitigating); ledger-service 5 and 2
 * (custom); search-api 2; data-pipeline 1; the others none. Every flag here is rated.
 * @internal
 */
export async function seedScorecardInputs(db: Knex): Promise<void> {
  await insertFlag(db, ref('payments-api'), 'undiagnosed-alerts', 5);
  await insertFlag(
    db,
    ref('payments-api'),
    'rollback-only-postmortems',
    3,
    'open',
    4,
  );
  await insertFlag(db, ref('payments-api'), 'next-big-thing', 3, 'mitigating');
  await insertFlag(db, ref('payments-api'), 'devs-own-it', 2, 'dismissed');
  await insertFlag(db, ref('payments-api'), 'knowledge-gap', 5, 'resolved');
  await insertFlag(db, ref('ledger-service'), 'knowledge-gap', 5);
  await insertFlag(db, ref('ledger-service'), 'custom:batch-window', 2);
  await insertFlag(db, ref('search-api'), 'complaints-without-slo', 2);
  await insertFlag(db, ref('data-pipeline'), 'naive-capacity-plan', 1);

  const versioned = { version: 1, created_at: NOW, updated_at: NOW };
  await db('engagements').insert([
    {
      id: randomUUID(),
      team_ref: grp('payments-team'),
      sre_ref: 'user:default/alice',
      phase: 'learn',
      start_date: '2026-11-01',
      goals: '',
      created_by: 'user:default/alice',
      ...versioned,
    },
    {
      id: randomUUID(),
      team_ref: grp('search-team'),
      sre_ref: 'user:default/bob',
      phase: 'closed',
      start_date: '2026-01-01',
      end_date: '2026-03-01',
      goals: '',
      created_by: 'user:default/bob',
      ...versioned,
    },
  ]);
  const week = (
    team: string,
    weekStart: string,
    ops: number,
    project: number,
  ) => ({
    id: randomUUID(),
    team_ref: grp(team),
    week_start: weekStart,
    ops_hours: ops,
    project_hours: project,
    author: 'user:default/alice',
    ...versioned,
  });
  const samples = [
    week('payments-team', '2026-11-02', 60, 40),
    week('payments-team', '2026-11-09', 70, 30),
    week('search-team', '2026-11-09', 20, 70), // 0.222222
  ];
  await db('ops_load_samples').insert(samples);
  // the weeks OpsTimeRecorder keeps for the scorecard: typed only here
  for (const team of ['payments-team', 'search-team']) {
    const typed = samples
      .filter(r => r.team_ref === grp(team))
      .map(r => ({
        weekStart: r.week_start,
        opsHours: r.ops_hours,
        projectHours: r.project_hours,
      }));
    await db('ops_time_weeks').insert(
      teamOpsWeeks(typed).map(w => fromTeamOpsWeek(grp(team), w, NOW)),
    );
  }
}

/** Truck-factor analyses as the knowledge engine stores them. @internal */
export async function seedTruckFactors(db: Knex): Promise<void> {
  const row = (name: string, truckFactor: number | null) => ({
    entity_ref: ref(name),
    repository: `/repos/${name}`,
    status: truckFactor === null ? 'unavailable' : 'ok',
    reason: truckFactor === null ? 'no repository' : null,
    result:
      truckFactor === null
        ? null
        : JSON.stringify({ truckFactor, topAuthors: [{ name: 'x' }] }),
    analyzed_at: NOW,
    duration_ms: 5,
  });
  await db('truck_factor_analyses').insert([
    row('payments-api', 1),
    row('search-api', 3),
    row('ledger-service', null),
  ]);
}
