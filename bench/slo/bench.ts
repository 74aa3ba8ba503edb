/*
 * SLO benchmark: status of one SLO over a 30-day window of 1-minute pushed buckets, and
 * ingestion throughput with 100 SLOs pushing at once, on SQLite and PostgreSQL; with, in
 * the same run, the same status computed by Prometheus itself over the same series as the
 * baseline. Run: bench/slo/run.sh [--runs 200]
 */
import { DatabaseService } from '@backstage/backend-plugin-api';
import { annotationSlo } from '@sre-health/backstage-plugin-sre-health-common';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SreHealthStore } from '../../plugins/sre-health-backend/src/store';
import { SloService } from '../../plugins/sre-health-backend/src/slo/SloService';
import { SloDefinitionLoader } from '../../plugins/sre-health-backend/src/slo/SloDefinitionLoader';
import { startPrometheus } from '../../plugins/sre-health-backend/src/__testUtils__/prometheus';
import { progress, stats } from '../lib/measure';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = arg('runs', 200);
const INGEST_SLOS = arg('slos', 100);
const INGEST_ROUNDS = arg('rounds', 10);
const PG =
  process.env.SRE_HEALTH_BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';

const MINUTE = 60_000;
const DAY = 86_400_000;
const now = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
const ENTITY = 'component:default/bench';

async function time(label: string, runs: number, fn: () => Promise<unknown>) {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (i % 20 === 19 || i === runs - 1) progress(label, i + 1, runs, 34);
  }
  return stats(samples);
}

/** 30 days of minutes: 1000 requests a minute, 1 error a minute (two in every tenth). */
const minuteCounts = (t: number) => ({
  total: 1000,
  bad: (t / MINUTE) % 10 === 0 ? 2 : 1,
});

async function openDatabase(
  kind: 'sqlite' | 'postgres',
): Promise<{ knex: Knex; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'sre-health-bench-')),
      'bench.sqlite',
    );
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: file },
      useNullAsDefault: true,
    });
    return {
      knex,
      drop: async () => {
        await knex.destroy();
        fs.rmSync(path.dirname(file), { recursive: true });
      },
    };
  }
  const name = `sre_health_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: PG });
  await admin.raw(`CREATE DATABASE ${name}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${PG}/${name}`,
    pool: { min: 0, max: 10 },
  });
  return {
    knex,
    drop: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${name}`);
      await admin.destroy();
    },
  };
}

type Row = Record<string, string>;

async function benchDatabase(kind: 'sqlite' | 'postgres'): Promise<Row[]> {
  process.stderr.write(`${kind}:\n`);
  const { knex, drop } = await openDatabase(kind);
  try {
    const store = await SreHealthStore.create({
      database: { getClient: async () => knex } as DatabaseService,
    });
    const days = 30;
    for (let d = 0; d < days; d++) {
      const dayStart = now.getTime() - (days - d) * DAY;
      const buckets = [];
      for (let t = dayStart; t < dayStart + DAY; t += MINUTE) {
        const c = minuteCounts(t);
        buckets.push({
          start: new Date(t),
          good: c.total - c.bad,
          total: c.total,
        });
      }
      await store.sloEvents.ingest(ENTITY, 'availability', buckets);
      progress('loading 43,200 minute buckets', d + 1, days, 34);
    }
    const slos = new SloService({
      store,
      loader: {} as SloDefinitionLoader,
      dataSources: new Map(),
      now: () => now,
    });
    const located = {
      definition: annotationSlo('99.9', '30d')!,
      origin: 'annotation' as const,
      location: 'bench',
    };
    const status = await time('status from rollups', RUNS, () =>
      slos.summarize(ENTITY, located),
    );

    // What the rollup saves: summing the 43,200 minute rows for the window each time.
    const scan = await time(
      'naive scan of minute buckets',
      Math.min(RUNS, 50),
      () =>
        knex('slo_events')
          .where({ entity_ref: ENTITY, slo_name: 'availability' })
          .andWhere('bucket_start', '>=', new Date(now.getTime() - 30 * DAY))
          .sum({ good: 'good', total: 'total' }),
    );

    // Ingestion: 100 SLOs push one hour of minutes each, concurrently, for several rounds.
    const started = process.hrtime.bigint();
    let pushed = 0;
    for (let round = 0; round < INGEST_ROUNDS; round++) {
      const hourStart = now.getTime() + round * 3_600_000;
      await Promise.all(
        Array.from({ length: INGEST_SLOS }, (_, s) =>
          store.sloEvents.ingest(
            ENTITY,
            `ingest-${s}`,
            Array.from({ length: 60 }, (__, m) => ({
              start: new Date(hourStart + m * MINUTE),
              good: 999,
              total: 1000,
            })),
          ),
        ),
      );
      pushed += INGEST_SLOS * 60;
      progress(
        `ingesting (${INGEST_SLOS} SLOs at once)`,
        round + 1,
        INGEST_ROUNDS,
        34,
      );
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const s = await slos.summarize(ENTITY, located);
    return [
      {
        db: kind,
        measure: 'SLO status, 30d of 1-min buckets (rollups)',
        median: `${status.median.toFixed(2)} ms`,
        p99: `${status.p99.toFixed(2)} ms`,
        note: `goal ≤ 10 ms median: ${
          status.median <= 10 ? 'met' : 'NOT met'
        }; SLI ${s.sli?.toFixed(6)}`,
      },
      {
        db: kind,
        measure: 'same window, naive scan of 43,200 minute rows',
        median: `${scan.median.toFixed(2)} ms`,
        p99: `${scan.p99.toFixed(2)} ms`,
        note: `rollups are ${(scan.median / status.median).toFixed(
          1,
        )}× faster than scanning`,
      },
      {
        db: kind,
        measure: `ingestion, ${INGEST_SLOS} SLOs pushing concurrently`,
        median: `${Math.round(pushed / seconds)} buckets/s`,
        p99: '',
        note: `${pushed} buckets in ${seconds.toFixed(2)} s`,
      },
    ];
  } finally {
    await drop();
  }
}

async function benchPrometheus(): Promise<Row[]> {
  process.stderr.write('prometheus:\n');
  const samples: Array<{ t: number; requests: number; errors: number }> = [];
  let requests = 0;
  let errors = 0;
  for (
    let t = now.getTime() - 30 * DAY;
    t <= now.getTime() - MINUTE;
    t += MINUTE
  ) {
    const c = minuteCounts(t);
    requests += c.total;
    errors += c.bad;
    samples.push({ t, requests, errors });
  }
  const prometheus = await startPrometheus([
    {
      name: 'bench_requests_total',
      labels: { service: 'bench' },
      samples: samples.map(s => ({ t: s.t, value: s.requests })),
    },
    {
      name: 'bench_errors_total',
      labels: { service: 'bench' },
      samples: samples.map(s => ({ t: s.t, value: s.errors })),
    },
  ]);
  try {
    const query =
      'sum(increase(bench_errors_total[30d])) / sum(increase(bench_requests_total[30d]))';
    const form = new URLSearchParams({
      query,
      time: String(now.getTime() / 1000),
    });
    let ratio = 0;
    const prom = await time(
      'Prometheus: ratio over 30d',
      Math.min(RUNS, 100),
      async () => {
        const res = await fetch(`${prometheus.url}/api/v1/query`, {
          method: 'POST',
          body: form,
        });
        const body = (await res.json()) as any;
        ratio = Number(body.data.result[0]?.value[1]);
      },
    );
    return [
      {
        db: 'prometheus 2',
        measure: 'baseline: Prometheus computes the 30d error ratio itself',
        median: `${prom.median.toFixed(2)} ms`,
        p99: `${prom.p99.toFixed(2)} ms`,
        note: `SLI ${(1 - ratio).toFixed(6)} (same series)`,
      },
    ];
  } finally {
    await prometheus.stop();
  }
}

function printTable(rows: Row[]) {
  const cols = ['db', 'measure', 'median', 'p99', 'note'];
  const width = cols.map(c =>
    Math.max(c.length, ...rows.map(r => (r[c] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
  console.log(line(cols));
  console.log(`|${width.map(w => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(cols.map(c => r[c] ?? '')));
}

async function main() {
  const rows: Row[] = [];
  rows.push(...(await benchDatabase('sqlite')));
  rows.push(...(await benchDatabase('postgres')));
  rows.push(...(await benchPrometheus()));
  console.log(
    `\nSLO benchmark — ${os.cpus().length} cores, Node ${
      process.version
    }, ${RUNS} runs\n`,
  );
  printTable(rows);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
