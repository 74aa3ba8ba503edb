/*
 * Scorecard benchmark: an organisation of 10,000 services (411 nested groups) loaded through
 * the real catalog (an entity provider), ~80,000 stressor flags and 90 days of daily
 * snapshots, in one backend (startTestBackend) with the catalog and SRE Health plugins, on
 * SQLite and on PostgreSQL. Measured over HTTP, in the same run: the scorecard's first page,
 * filtered/deep pages, the full export (JSON and CSV), team rows and trends, and the
 * catalog's own `GET /api/catalog/entities/by-query` listing the same 10,000 services as the
 * baseline. Run: bench/scorecard/run.sh [--services 10000] [--runs 30] [--db sqlite|postgres]
 */
import {
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import knexFactory from 'knex';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sreHealthPlugin from '../../plugins/sre-health-backend/src';
import {
  BenchProvider,
  organisation,
  resetRandom,
  seedSreHealth,
} from './seed';
import { progress, stats } from '../lib/measure';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SERVICES = Number(arg('services', '10000'));
const RUNS = Number(arg('runs', '30'));
const FULL_RUNS = Number(
  arg('full-runs', String(Math.max(5, Math.round(RUNS / 2)))),
);
const DBS = arg('db', 'sqlite,postgres').split(',') as Array<
  'sqlite' | 'postgres'
>;
const PG =
  process.env.SRE_HEALTH_BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const USER = {
  Authorization: mockCredentials.user.header('user:default/bench'),
};

// ---- measuring ----------------------------------------------------------------------------

async function time(label: string, runs: number, fn: () => Promise<unknown>) {
  await fn(); // warm-up
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    progress(label, i + 1, runs);
  }
  return stats(samples);
}

/**
 * Times `fns` in turns, `runs` rounds (after two warm-up rounds), each round in a rotated
 * order: per function the median,
 * p99 and body size; for every function but the first, the median of its per-round ratio
 * to the first (the baseline), taken in the same round.
 */
async function timeInTurns(
  label: string,
  runs: number,
  fns: Array<() => Promise<number>>,
) {
  for (let w = 0; w < 2; w++) for (const fn of fns) await fn();
  const samples = fns.map(() => [] as number[]);
  const bytes = fns.map(() => 0);
  for (let i = 0; i < runs; i++) {
    // each round starts one further along, so none always follows the same one (and its
    // garbage, collected during the next request)
    for (let j = 0; j < fns.length; j++) {
      const f = (i + j) % fns.length;
      const t = process.hrtime.bigint();
      bytes[f] = await fns[f]();
      samples[f].push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    progress(label, i + 1, runs);
  }
  return samples.map((s, f) => ({
    ...stats(s),
    bytes: bytes[f],
    ratios: f === 0 ? undefined : stats(s.map((v, i) => v / samples[0][i])),
  }));
}

// ---- one database ---------------------------------------------------------------------------

type Row = Record<string, string>;

async function benchDatabase(kind: 'sqlite' | 'postgres'): Promise<Row[]> {
  process.stderr.write(`${kind}:\n`);
  resetRandom();
  const { groups, services, owners } = organisation(SERVICES);
  const prefix = `scbench_${process.pid}_`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sre-scorecard-bench-'));
  const database =
    kind === 'sqlite'
      ? { client: 'better-sqlite3', connection: { directory: dir } }
      : { client: 'pg', connection: PG, prefix };

  // Scheduled tasks are only recorded: the bench runs the scorecard task itself.
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const scheduler: SchedulerService = {
    scheduleTask: async task => {
      tasks.set(task.id, task);
    },
    createScheduledTaskRunner: () => ({
      run: async task => {
        tasks.set(task.id, task as SchedulerServiceTaskInvocationDefinition);
      },
    }),
    triggerTask: async () => {},
    cancelTask: async () => {},
    getScheduledTasks: async () => [],
  };
  const provider = new BenchProvider([...groups, ...services]);
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      createBackendModule({
        pluginId: 'catalog',
        moduleId: 'scorecard-bench-provider',
        register(reg) {
          reg.registerInit({
            deps: { catalog: catalogProcessingExtensionPoint },
            async init({ catalog }) {
              catalog.addEntityProvider(provider);
            },
          });
        },
      }),
      sreHealthPlugin,
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      mockServices.database.factory(),
      mockServices.rootConfig.factory({
        data: {
          backend: { database },
          catalog: { processingInterval: { hours: 24 } },
        },
      }),
    ],
  });
  const port = (backend.server.address() as AddressInfo).port;
  const base = `http://localhost:${port}/api`;
  const get = async (p: string) => {
    const res = await fetch(`${base}${p}`, { headers: USER });
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return res;
  };
  const sreDb =
    kind === 'sqlite'
      ? knexFactory({
          client: 'better-sqlite3',
          connection: { filename: path.join(dir, 'sre-health.sqlite') },
          useNullAsDefault: true,
        })
      : knexFactory({ client: 'pg', connection: `${PG}/${prefix}sre-health` });

  const rows: Row[] = [];
  try {
    // The catalog processes and stitches every entity; wait for all of them.
    const expected = groups.length + services.length;
    const ingestStart = Date.now();
    for (;;) {
      const body = (await (
        await get(
          '/catalog/entities/by-query?limit=1&filter=kind=component&filter=kind=group',
        )
      ).json()) as { totalItems: number };
      progress(
        'catalog ingestion (provider → final entities)',
        body.totalItems,
        expected,
      );
      if (body.totalItems >= expected) break;
      await new Promise(r => setTimeout(r, 2000));
    }
    const ingestSeconds = (Date.now() - ingestStart) / 1000;

    const seeded = await seedSreHealth(sreDb, services, owners, groups);
    if (kind === 'postgres') {
      // what autovacuum does within a minute of a bulk load: statistics for the planner
      // and the visibility map for index-only scans
      await sreDb.raw('VACUUM ANALYZE');
    }
    const syncStart = Date.now();
    await tasks.get('sre-health-scorecard')!.fn(new AbortController().signal);
    const syncMs = Date.now() - syncStart;
    progress('scorecard task (catalog sync + SLOs + snapshot)', 1, 1);

    // sanity: the same 10,000 services on both sides
    const exported = (await (
      await get('/sre-health/scorecard/export?format=json')
    ).json()) as {
      total: number;
    };
    const listed = (await (
      await get(
        `/catalog/entities/by-query?filter=kind=component,spec.type=service&limit=${SERVICES}`,
      )
    ).json()) as { items: unknown[]; totalItems: number };
    if (exported.total !== SERVICES || listed.items.length !== SERVICES) {
      throw new Error(
        `expected ${SERVICES} services, scorecard has ${exported.total}, catalog listed ${listed.items.length}`,
      );
    }

    const note = (ms: number, goal: number) =>
      `goal ≤ ${goal} ms median: ${ms <= goal ? 'met' : 'NOT met'}`;
    const measure = async (
      label: string,
      runs: number,
      p: string,
      extra?: (m: number) => string,
    ) => {
      const s = await time(label, runs, async () => {
        const res = await get(p);
        await res.arrayBuffer();
      });
      rows.push({
        db: kind,
        measure: label,
        median: `${s.median.toFixed(1)} ms`,
        p99: `${s.p99.toFixed(1)} ms`,
        note: extra ? extra(s.median) : '',
      });
      return s;
    };

    await measure(
      'scorecard first page (50 rows, stress rank)',
      RUNS,
      '/sre-health/scorecard?limit=50',
      m => note(m, 150),
    );
    await measure(
      'scorecard page: department + tier filter, stressor sort',
      RUNS,
      '/sre-health/scorecard?limit=50&owner=dept-3&tier=critical,high&sort=knowledge-gap',
    );
    await measure(
      `scorecard last page (offset ${SERVICES - 50})`,
      RUNS,
      `/sre-health/scorecard?limit=50&offset=${SERVICES - 50}`,
    );
    await measure(
      `team rows (${groups.length} groups, nested rollup)`,
      RUNS,
      '/sre-health/scorecard/teams',
    );
    await measure(
      'trends (90 days, per team and stressor)',
      RUNS,
      '/sre-health/scorecard/trends',
    );
    // The baseline and the exports are timed in turns (catalog, JSON, CSV, catalog, ...),
    // so that each ratio compares requests made under the same load on a shared machine.
    const fullPaths = [
      {
        label: `baseline: catalog by-query, ${SERVICES} services`,
        path: `/catalog/entities/by-query?filter=kind=component,spec.type=service&limit=${SERVICES}`,
      },
      {
        label: `full export JSON, ${SERVICES} rows`,
        path: '/sre-health/scorecard/export?format=json',
      },
      {
        label: `full export CSV, ${SERVICES} rows`,
        path: '/sre-health/scorecard/export?format=csv',
      },
    ];
    const full = await timeInTurns(
      'baseline, JSON and CSV export, in turns',
      FULL_RUNS,
      fullPaths.map(({ path: p }) => async () => {
        const res = await get(p);
        return (await res.arrayBuffer()).byteLength;
      }),
    );
    const catalog = full[0];
    fullPaths.forEach(({ label }, i) => {
      const s = full[i];
      const ratio = s.ratios
        ? `; ratio to catalog ${(s.median / catalog.median).toFixed(
            2,
          )} (goal ≤ 1.0: ${
            s.median <= catalog.median ? 'met' : 'NOT met'
          }), per turn median ${s.ratios.median.toFixed(2)}`
        : '';
      rows.push({
        db: kind,
        measure: label,
        median: `${s.median.toFixed(1)} ms`,
        p99: `${s.p99.toFixed(1)} ms`,
        note: `${(s.bytes / 1e6).toFixed(1)} MB${ratio}`,
      });
    });
    rows.push({
      db: kind,
      measure: 'setup: catalog ingestion / scorecard task',
      median: `${ingestSeconds.toFixed(0)} s`,
      p99: `${syncMs} ms`,
      note: `${services.length} services + ${groups.length} groups; ${
        seeded.flags
      } flags; truck factors ${seeded.hasTruckFactors ? 'present' : 'absent'}`,
    });
    return rows;
  } finally {
    await sreDb.destroy();
    await backend.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    if (kind === 'postgres') {
      const admin = knexFactory({ client: 'pg', connection: PG });
      const { rows: dbs } = await admin.raw(
        `SELECT datname FROM pg_database WHERE datname LIKE ?`,
        [`${prefix}%`],
      );
      for (const { datname } of dbs) {
        await admin.raw(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
      await admin.destroy();
    }
  }
}

async function main() {
  const all: Row[] = [];
  for (const db of DBS) {
    all.push(...(await benchDatabase(db)));
  }
  const cols = ['db', 'measure', 'median', 'p99', 'note'];
  const width = cols.map(c =>
    Math.max(c.length, ...all.map(r => (r[c] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
  process.stdout.write(
    [
      line(cols),
      line(width.map(w => '-'.repeat(w))),
      ...all.map(r => line(cols.map(c => r[c] ?? ''))),
    ].join('\n') + '\n',
  );
}

main().then(
  () => process.exit(0),
  e => {
    // errors of knex carry the whole SQL: keep the start
    process.stderr.write(`\n${String(e.stack ?? e).slice(0, 3000)}\n`);
    process.exit(1);
  },
);
