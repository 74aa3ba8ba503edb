/*
 * The benchmark's organisation (deterministic): 10 departments of 20 teams, each with a
 * core sub-team (411 groups), services spread over the teams, and SRE Health's own data
 * for them: ~8 flags per service (a third unresolved), engagements, 12 weeks of ops load,
 * truck factors, and 90 days of daily snapshots.
 */
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  ENGAGEMENT_PHASES,
  STRESSOR_KEYS,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { progress } from '../lib/measure';

const DAY = 86_400_000;

// ---- a deterministic organisation --------------------------------------------------------

let seed = 42;
/** Restarts the generator, so every database gets the same organisation. */
export function resetRandom() {
  seed = 42;
}
const random = () => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: readonly T[]) =>
  items[Math.floor(random() * items.length)];

const DEPARTMENTS = 10;
const TEAMS_PER_DEPARTMENT = 20;
const managed = {
  'backstage.io/managed-by-location': 'url:https://bench.example/org.yaml',
  'backstage.io/managed-by-origin-location':
    'url:https://bench.example/org.yaml',
};

function group(name: string, type: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      namespace: 'default',
      title: name.toUpperCase(),
      annotations: managed,
    },
    spec: { type, children: [], ...(parent ? { parent } : {}) },
  };
}

export function organisation(count: number) {
  const groups: Entity[] = [group('acme', 'organisation')];
  const owners: string[] = [];
  for (let d = 0; d < DEPARTMENTS; d++) {
    groups.push(group(`dept-${d}`, 'department', 'acme'));
    for (let t = 0; t < TEAMS_PER_DEPARTMENT; t++) {
      const team = `team-${d}-${t}`;
      groups.push(group(team, 'team', `dept-${d}`));
      groups.push(group(`${team}-core`, 'team', team));
      owners.push(team, `${team}-core`);
    }
  }
  const services: Entity[] = [];
  for (let i = 0; i < count; i++) {
    const owner = owners[i % owners.length];
    const r = random();
    const tier = r < 0.1 ? 'critical' : r < 0.4 ? 'high' : 'standard';
    const l = random();
    services.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${String(i).padStart(5, '0')}`,
        namespace: 'default',
        title: `Service ${i}`,
        annotations: {
          ...managed,
          'sre-health.dev/tier': tier,
          ...(random() < 0.2 ? { 'sre-health.dev/slo-target': '99.9' } : {}),
        },
      },
      spec: {
        type: 'service',
        lifecycle:
          l < 0.8 ? 'production' : l < 0.95 ? 'experimental' : 'deprecated',
        owner,
        system: `sys-${i % 500}`,
      },
    });
  }
  return { groups, services, owners };
}

/** Hands the organisation to the catalog in one full mutation. */
export class BenchProvider implements EntityProvider {
  constructor(private readonly entities: Entity[]) {}
  getProviderName() {
    return 'scorecard-bench';
  }
  async connect(connection: EntityProviderConnection) {
    await connection.applyMutation({
      type: 'full',
      entities: this.entities.map(entity => ({
        entity,
        locationKey: 'scorecard-bench',
      })),
    });
  }
}

// ---- seeding SRE Health's own tables -------------------------------------------------------

async function insertAll(db: Knex, table: string, rows: object[], chunk = 500) {
  for (let i = 0; i < rows.length; i += chunk) {
    await db(table).insert(rows.slice(i, i + chunk));
  }
}

export async function seedSreHealth(
  db: Knex,
  services: Entity[],
  owners: string[],
  groups: Entity[],
) {
  const now = new Date();
  const versioned = { version: 1, created_at: now, updated_at: now };
  const flags: object[] = [];
  for (const s of services) {
    const entityRef = `component:default/${s.metadata.name}`;
    for (const key of STRESSOR_KEYS) {
      // history: resolved flags of this stressor
      const resolved = random() < 0.43 ? 1 + Math.floor(random() * 2) : 0;
      for (let k = 0; k < resolved; k++) {
        flags.push({
          id: randomUUID(),
          entity_ref: entityRef,
          stressor_key: key,
          proposed_level: 1 + Math.floor(random() * 5),
          evidence: 'bench',
          status: 'resolved',
          source: 'detected',
          author: 'sre-health:detector',
          resolved_at: now,
          ...versioned,
        });
      }
      if (random() < 0.35) {
        const r = random();
        const level = 1 + Math.floor(random() * 5);
        flags.push({
          id: randomUUID(),
          entity_ref: entityRef,
          stressor_key: key,
          proposed_level: level,
          // the team rated most of them; one in ten waits for a rating
          rated_level: random() < 0.1 ? null : level,
          evidence: 'bench',
          status: r < 0.7 ? 'open' : r < 0.85 ? 'mitigating' : 'dismissed',
          source: 'sre',
          author: 'user:default/alice',
          ...versioned,
        });
      }
    }
  }
  await insertAll(db, 'stressor_flags', flags, 400);
  progress('flags', flags.length, flags.length);

  const phases = ENGAGEMENT_PHASES.filter(p => p !== 'closed');
  await insertAll(
    db,
    'engagements',
    owners
      .filter(() => random() < 0.1)
      .map(team => ({
        id: randomUUID(),
        team_ref: `group:default/${team}`,
        sre_ref: 'user:default/alice',
        phase: pick(phases),
        start_date: '2026-10-01',
        planned_end_date: '2027-03-31',
        // One SRE across the generated org: the schema allows it only with a reason.
        concurrent_reason: 'benchmark: one SRE embedded in every sampled team',
        goals: '',
        created_by: 'user:default/alice',
        ...versioned,
      })),
  );
  const monday = (weeksAgo: number) => {
    const d = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
    );
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 7 * weeksAgo);
    return d.toISOString().slice(0, 10);
  };
  const ops: object[] = [];
  for (const team of owners) {
    for (let w = 0; w < 12; w++) {
      const opsHours = Math.round(random() * 120);
      ops.push({
        id: randomUUID(),
        team_ref: `group:default/${team}`,
        week_start: monday(w),
        ops_hours: opsHours,
        project_hours: 200 - opsHours,
        author: 'user:default/alice',
        ...versioned,
      });
    }
  }
  await insertAll(db, 'ops_load_samples', ops);
  const hasTruckFactors = await db.schema.hasTable('truck_factor_analyses');
  if (hasTruckFactors) {
    await insertAll(
      db,
      'truck_factor_analyses',
      services.map(s => ({
        entity_ref: `component:default/${s.metadata.name}`,
        repository: `/repos/${s.metadata.name}`,
        status: 'ok',
        result: JSON.stringify({
          truckFactor: 1 + Math.floor(random() * 4),
          topAuthors: Array.from({ length: 10 }, (_, i) => ({
            name: `author-${i}`,
            files: 10 - i,
          })),
          analyzedAt: now.toISOString(),
        }),
        analyzed_at: now,
        duration_ms: 10,
      })),
      200,
    );
  }
  progress('engagements, ops load, truck factors', 1, 1);

  // 90 days of snapshots before today (today's is taken by the scorecard task)
  const groupRefs = [
    '*',
    ...groups.map(g => `group:default/${g.metadata.name}`),
  ];
  const level = new Map(groupRefs.map(g => [g, 1 + Math.floor(random() * 10)]));
  for (let ago = 90; ago >= 1; ago--) {
    const day = new Date(now.getTime() - ago * DAY).toISOString().slice(0, 10);
    const rows: object[] = [];
    let total = 0;
    for (const g of groupRefs) {
      const base = Math.max(
        0,
        level.get(g)! + Math.round((random() - 0.5) * 3),
      );
      level.set(g, base);
      for (const key of STRESSOR_KEYS) {
        const open = Math.max(0, base + Math.round((random() - 0.5) * 4));
        if (open === 0) continue;
        rows.push({
          day,
          group_ref: g,
          stressor_key: key,
          open_flags: open,
        });
        if (g === '*') total += open;
      }
    }
    await db('scorecard_snapshot_days').insert({
      day,
      taken_at: now,
      services: services.length,
      open_flags: total,
    });
    await insertAll(db, 'scorecard_snapshots', rows, 400); // SQLite: ≤ 500 SELECTs in a UNION
    progress('90 days of snapshots', 91 - ago, 90);
  }
  return { flags: flags.length, hasTruckFactors };
}
