/*
 * The scorecard's SQL alone, without HTTP or the catalog: the same organisation as bench.ts
 * written straight into the local copy (scorecard_entities, groups, closure), then each
 * store query timed on SQLite and PostgreSQL. `--explain` prints PostgreSQL's plans.
 * Run: node --require @backstage/cli-node/config/nodeTransform.cjs bench/scorecard/queries.ts
 *      [--services 10000] [--runs 30] [--db sqlite,postgres] [--explain]
 */
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { servingTier } from '@sre-health/backstage-plugin-sre-health-common';
import knexFactory from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SreHealthStore } from '../../plugins/sre-health-backend/src/store';
import type {
  ScorecardView,
  SyncedEntity,
} from '../../plugins/sre-health-backend/src/scorecard';
import { ScorecardCatalogCopy } from '../../plugins/sre-health-backend/src/scorecard/ScorecardCatalogCopy';
import { ScorecardExportText } from '../../plugins/sre-health-backend/src/scorecard/ScorecardExportText';
import { ScorecardQuery } from '../../plugins/sre-health-backend/src/scorecard/ScorecardQuery';
import { ScorecardSnapshots } from '../../plugins/sre-health-backend/src/scorecard/ScorecardSnapshots';
import { ScorecardTeamRollup } from '../../plugins/sre-health-backend/src/scorecard/ScorecardTeamRollup';
import { organisation, resetRandom, seedSreHealth } from './seed';
import { stats } from '../lib/measure';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SERVICES = Number(arg('services', '10000'));
const RUNS = Number(arg('runs', '30'));
const DBS = arg('db', 'sqlite,postgres').split(',') as Array<
  'sqlite' | 'postgres'
>;
const EXPLAIN = args.includes('--explain');
const KEEP = args.includes('--keep'); // leave the PostgreSQL database for psql
const PG =
  process.env.SRE_HEALTH_BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';

async function time(runs: number, fn: () => Promise<unknown>) {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return stats(samples);
}

async function open(kind: 'sqlite' | 'postgres') {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sre-scorecard-q-'));
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'q.sqlite') },
      useNullAsDefault: true,
    });
    return {
      knex,
      drop: async () => {
        await knex.destroy();
        fs.rmSync(dir, { recursive: true });
      },
    };
  }
  const name = `sre_scorecard_q_${process.pid}`;
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
      if (KEEP) {
        process.stderr.write(`  kept database ${name}\n`);
        await admin.destroy();
        return;
      }
      await admin.raw(`DROP DATABASE ${name}`);
      await admin.destroy();
    },
  };
}

type Row = Record<string, string>;

async function benchDatabase(kind: 'sqlite' | 'postgres'): Promise<Row[]> {
  process.stderr.write(`${kind}:\n`);
  resetRandom();
  const { groups, services, owners } = organisation(SERVICES);
  const { knex, drop } = await open(kind);
  const rows: Row[] = [];
  try {
    const store = await SreHealthStore.create({
      database: { getClient: async () => knex } as DatabaseService,
    });
    // the scorecard's parts, each on the plugin's database
    const db = store.db;
    const copy = new ScorecardCatalogCopy(db);
    const query = new ScorecardQuery(db);
    const exportText = new ScorecardExportText(db);
    const rollup = new ScorecardTeamRollup(db);
    const snapshots = new ScorecardSnapshots(db);
    const scorecard = {
      replaceGroups: copy.replaceGroups.bind(copy),
      replaceEntities: copy.replaceEntities.bind(copy),
      copyTruckFactors: copy.copyTruckFactors.bind(copy),
      page: query.page.bind(query),
      rows: query.rows.bind(query),
      rowsText: exportText.rowsText.bind(exportText),
      streamRowsText: exportText.streamRowsText.bind(exportText),
      teams: rollup.teams.bind(rollup),
      takeSnapshot: snapshots.takeSnapshot.bind(snapshots),
      trendSeries: snapshots.trendSeries.bind(snapshots),
    };
    await scorecard.replaceGroups(
      groups.map(g => ({
        groupRef: `group:default/${g.metadata.name}`,
        name: g.metadata.name,
        title: g.metadata.title ?? null,
        type: (g.spec as any).type,
        parentRef: (g.spec as any).parent
          ? `group:default/${(g.spec as any).parent}`
          : null,
      })),
    );
    const synced: SyncedEntity[] = services.map(s => ({
      entityRef: `component:default/${s.metadata.name}`,
      name: s.metadata.name,
      title: s.metadata.title ?? null,
      ownerRef: `group:default/${(s.spec as any).owner}`,
      systemRef: `system:default/${(s.spec as any).system}`,
      lifecycle: (s.spec as any).lifecycle,
      tier: servingTier(s),
      slo: null,
    }));
    await scorecard.replaceEntities(synced, new Date());
    const seeded = await seedSreHealth(knex, services, owners, groups);
    await scorecard.copyTruckFactors();
    await scorecard.takeSnapshot(
      new Date().toISOString().slice(0, 10),
      new Date(),
    );
    if (kind === 'postgres') await knex.raw('VACUUM ANALYZE'); // as autovacuum would

    const views: Array<[string, ScorecardView, number]> = [
      ['first page (stress rank)', {}, 0],
      ['first page, sorted by a stressor', { sort: 'knowledge-gap' }, 0],
      [
        'department + tier filter',
        { owner: ['group:default/dept-3'], tier: ['critical', 'high'] },
        0,
      ],
      ['last page', {}, SERVICES - 50],
    ];
    for (const [label, view, offset] of views) {
      const s = await time(RUNS, () => scorecard.page(view, offset, 50));
      rows.push({
        db: kind,
        query: `page: ${label}`,
        median: `${s.median.toFixed(1)} ms`,
        p99: `${s.p99.toFixed(1)} ms`,
      });
    }
    const all = await time(Math.max(5, RUNS / 3), () => scorecard.rows({}));
    rows.push({
      db: kind,
      query: `all ${SERVICES} rows (export)`,
      median: `${all.median.toFixed(1)} ms`,
      p99: `${all.p99.toFixed(1)} ms`,
    });
    const allJson = await time(Math.max(5, RUNS / 3), async () =>
      (await scorecard.rowsText({}, 'json')).join(','),
    );
    rows.push({
      db: kind,
      query: `all ${SERVICES} rows as JSON text from the database (export)`,
      median: `${allJson.median.toFixed(1)} ms`,
      p99: `${allJson.p99.toFixed(1)} ms`,
    });
    // what the export route does: lines handed over as the database sends them
    const streamed = await time(Math.max(5, RUNS / 3), async () => {
      let bytes = 0;
      await scorecard.streamRowsText({}, 'json', line => {
        bytes += line.length;
      });
      return bytes;
    });
    rows.push({
      db: kind,
      query: `all ${SERVICES} rows as JSON text, streamed (the export route)`,
      median: `${streamed.median.toFixed(1)} ms`,
      p99: `${streamed.p99.toFixed(1)} ms`,
    });
    const csv = await time(Math.max(5, RUNS / 3), async () =>
      (await scorecard.rowsText({}, 'csv')).join('\r\n'),
    );
    rows.push({
      db: kind,
      query: `all ${SERVICES} rows as CSV text from the database (export)`,
      median: `${csv.median.toFixed(1)} ms`,
      p99: `${csv.p99.toFixed(1)} ms`,
    });
    const viaObjects = await time(Math.max(5, RUNS / 3), async () =>
      JSON.stringify(await scorecard.rows({})),
    );
    rows.push({
      db: kind,
      query: `all ${SERVICES} rows as objects, then JSON.stringify`,
      median: `${viaObjects.median.toFixed(1)} ms`,
      p99: `${viaObjects.p99.toFixed(1)} ms`,
    });
    const teams = await time(RUNS, () => scorecard.teams({}));
    rows.push({
      db: kind,
      query: 'team rows',
      median: `${teams.median.toFixed(1)} ms`,
      p99: `${teams.p99.toFixed(1)} ms`,
    });
    const since = new Date(Date.now() - 89 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const trends = await time(RUNS, () =>
      scorecard.trendSeries(since, undefined),
    );
    rows.push({
      db: kind,
      query: 'trend series (90 days)',
      median: `${trends.median.toFixed(1)} ms`,
      p99: `${trends.p99.toFixed(1)} ms`,
    });
    // a direct listing of the catalog copy: the floor of any export
    const floor = await time(Math.max(5, RUNS / 3), () =>
      knex('scorecard_entities').select(),
    );
    rows.push({
      db: kind,
      query: `floor: SELECT * of ${SERVICES} copied services`,
      median: `${floor.median.toFixed(1)} ms`,
      p99: `${floor.p99.toFixed(1)} ms`,
    });
    process.stderr.write(`  ${seeded.flags} flags\n`);

    if (EXPLAIN && kind === 'postgres') {
      // the export's query (ScorecardExportText.rowsText), then the first page's
      const e = (scorecard as any).textQuery({}, 'json').toSQL();
      const ep: any = await knex.transaction(async trx => {
        await trx.raw(`SET LOCAL work_mem = '64MB'`);
        return trx.raw(`EXPLAIN (ANALYZE, BUFFERS) ${e.sql}`, e.bindings);
      });
      process.stderr.write(
        `${ep.rows.map((r: any) => r['QUERY PLAN']).join('\n')}\n`,
      );
      const q = (scorecard as any).pageQuery({}, 0, 50).toSQL();
      const plan = await knex.raw(
        `EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`,
        q.bindings,
      );
      process.stderr.write(
        `${plan.rows.map((r: any) => r['QUERY PLAN']).join('\n')}\n`,
      );
    }
    if (EXPLAIN && kind === 'sqlite') {
      const q = (scorecard as any).pageQuery({}, 0, 50).toSQL();
      const plan = await knex.raw(`EXPLAIN QUERY PLAN ${q.sql}`, q.bindings);
      process.stderr.write(`${plan.map((r: any) => r.detail).join('\n')}\n`);
    }
  } finally {
    await drop();
  }
  return rows;
}

async function main() {
  const all: Row[] = [];
  for (const db of DBS) all.push(...(await benchDatabase(db)));
  const cols = ['db', 'query', 'median', 'p99'];
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
    process.stderr.write(`\n${String(e.stack ?? e).slice(0, 3000)}\n`);
    process.exit(1);
  },
);
