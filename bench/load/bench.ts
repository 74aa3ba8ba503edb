/*
 * Load benchmark: the SRE Health tab's single read against the catalog's own read of the
 * same entity, and a mixed 90/10 read/write load, on the real portal backend (every plugin
 * it runs, demo data) over loopback, on SQLite and on PostgreSQL. Bounded: each load phase
 * runs for a fixed time with a fixed number of connections.
 *
 *   bench/load/run.sh [--db sqlite,postgres] [--connections 50] [--duration 20]
 *                     [--warmup 5] [--mixed-duration 60] [--entity component/default/payments-api]
 *                     [--port 7107]
 *
 * Progress goes to stderr, the markdown tables to stdout.
 */
import autocannon from 'autocannon';
import { Db, Portal, log, startPortal } from './portal';
import { MixedResult, runMixed } from './mixed';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const DBS = arg('db', 'sqlite,postgres').split(',') as Db[];
const CONNECTIONS = Number(arg('connections', '50'));
const DURATION = Number(arg('duration', '20'));
const WARMUP = Number(arg('warmup', '5'));
const MIXED_DURATION = Number(arg('mixed-duration', '60'));
const ENTITY = arg('entity', 'component/default/payments-api');
const PORT = Number(arg('port', '7107'));
const GOAL_P99_MS = 25;
const GOAL_RATIO = 1.5;

for (const db of DBS) {
  if (db !== 'sqlite' && db !== 'postgres') {
    throw new Error(
      `--db: unknown database ${db} (use sqlite and/or postgres)`,
    );
  }
}
if (!(PORT >= 7107 && PORT <= 7199)) {
  throw new Error('--port: must be within 7107-7199');
}

interface ReadRow {
  db: Db;
  endpoint: Endpoint;
  result: autocannon.Result;
}

type Endpoint = 'catalog' | 'floor' | 'tab' | 'tab-cold';
/** Measured in this order, each for --duration, in the same backend. */
const ENDPOINTS: Record<
  Endpoint,
  { label: string; path: string; headers: Record<string, string> }
> = {
  catalog: {
    label: 'catalog (baseline)',
    path: `/api/catalog/entities/by-name/${ENTITY}`,
    headers: {},
  },
  // What any route costs here: the plugin's liveness answer goes through the same HTTP stack
  // (helmet, compression, request log, lifecycle) without a token check or a query, so its
  // p99 is the floor the 50 connections and the shared cores leave for every other row.
  floor: {
    label: 'floor: SRE Health `GET /health` (no token, no query)',
    path: '/api/sre-health/health',
    headers: {},
  },
  tab: {
    label: 'SRE Health tab',
    path: `/api/sre-health/entities/${ENTITY}/health`,
    headers: {},
  },
  // The cache-miss path: every read asks the catalog for the entity and runs the tab's
  // queries, as a caller's first read of an entity written since does.
  'tab-cold': {
    label: 'SRE Health tab, `Cache-Control: no-cache`',
    path: `/api/sre-health/entities/${ENTITY}/health`,
    headers: { 'Cache-Control': 'no-cache' },
  },
};

/** One request to each endpoint first: a benchmark of error pages would prove nothing. */
async function checkEndpoints(portal: Portal) {
  const headers = { Authorization: `Bearer ${portal.token}` };
  const tab = await fetch(`${portal.baseUrl}${ENDPOINTS.tab.path}`, {
    headers,
  });
  const body = (await tab.json()) as { entityRef?: string };
  const ref = ENTITY.replace('/', ':').toLocaleLowerCase('en-US');
  if (!tab.ok || body.entityRef !== ref) {
    throw new Error(`tab read answered ${tab.status}: ${JSON.stringify(body)}`);
  }
  const catalog = await fetch(`${portal.baseUrl}${ENDPOINTS.catalog.path}`, {
    headers,
  });
  const entity = (await catalog.json()) as { metadata?: { name?: string } };
  if (!catalog.ok || entity.metadata?.name !== ENTITY.split('/')[2]) {
    throw new Error(
      `catalog read answered ${catalog.status}: ${JSON.stringify(entity)}`,
    );
  }
}

async function load(portal: Portal, endpoint: Endpoint, duration: number) {
  const { path, headers } = ENDPOINTS[endpoint];
  return autocannon({
    url: `${portal.baseUrl}${path}`,
    connections: CONNECTIONS,
    duration,
    timeout: 10,
    headers: { Authorization: `Bearer ${portal.token}`, ...headers },
  });
}

async function readComparison(portal: Portal): Promise<ReadRow[]> {
  await checkEndpoints(portal);
  const endpoints = Object.keys(ENDPOINTS) as Endpoint[];
  log(`${portal.db}: warm-up ${WARMUP}s per endpoint`);
  for (const endpoint of endpoints) await load(portal, endpoint, WARMUP);
  const rows: ReadRow[] = [];
  for (const endpoint of endpoints) {
    log(
      `${portal.db}: ${endpoint} read, ${CONNECTIONS} connections, ${DURATION}s`,
    );
    rows.push({
      db: portal.db,
      endpoint,
      result: await load(portal, endpoint, DURATION),
    });
  }
  return rows;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

function readTable(rows: ReadRow[]): string {
  const lines = [
    `### Tab read vs catalog read of ${ENTITY} (${CONNECTIONS} connections, ${DURATION}s each)`,
    '',
    '| db | endpoint | req/s | p50 | p99 | errors | non-2xx | ratio p50 | ratio req/s | goal |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const db of DBS) {
    const catalog = rows.find(r => r.db === db && r.endpoint === 'catalog');
    if (!catalog) continue;
    for (const row of rows.filter(r => r.db === db)) {
      const r = row.result;
      const isBaseline = row === catalog;
      const latencyRatio = r.latency.p50 / catalog.result.latency.p50;
      const throughputRatio =
        catalog.result.requests.average / r.requests.average;
      const clean = r.errors + r.non2xx === 0;
      const p99Met = r.latency.p99 <= GOAL_P99_MS;
      const met =
        p99Met &&
        clean &&
        (isBaseline || Math.max(latencyRatio, throughputRatio) <= GOAL_RATIO);
      let verdict = met ? 'met' : 'NOT met';
      if (isBaseline || row.endpoint === 'floor') {
        verdict = p99Met ? 'p99 met' : 'p99 not met';
      }
      lines.push(
        `| ${db} | ${
          ENDPOINTS[row.endpoint].label
        } | ${r.requests.average.toFixed(0)} | ${ms(r.latency.p50)} | ${ms(
          r.latency.p99,
        )} | ${r.errors} | ${r.non2xx} | ${
          isBaseline ? '1' : latencyRatio.toFixed(2)
        } | ${isBaseline ? '1' : throughputRatio.toFixed(2)} | ${verdict} |`,
      );
    }
  }
  lines.push(
    '',
    `Paths: catalog \`GET ${ENDPOINTS.catalog.path}\`, tab \`GET ${ENDPOINTS.tab.path}\`, ` +
      `floor \`GET ${ENDPOINTS.floor.path}\` (the plugin's liveness answer: the HTTP stack alone). ` +
      `Ratio p50 = the row's p50 / the catalog's p50; ratio req/s = the catalog's req/s / the row's; ` +
      `both measured in this run. Goal: p99 ≤ ${GOAL_P99_MS} ms, both ratios ≤ ${GOAL_RATIO}, ` +
      'no errors (connection errors, timeouts included) and no non-2xx.',
  );
  return lines.join('\n');
}

function mixedTable(results: MixedResult[]): string {
  const lines = [
    `### Mixed load, 90% tab reads / 10% writes (${CONNECTIONS} connections, ${MIXED_DURATION}s)`,
    '',
    '| db | requests | reads | writes: create / update | 409 (stale version) | 5xx | other non-2xx | errors | p50 (all) | p99 (all) | acknowledged writes (fires) | fires read back | lost | verdict |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const m of results) {
    const ok =
      m.status5xx === 0 &&
      m.lost === 0 &&
      m.otherNon2xx === 0 &&
      m.errors === 0;
    lines.push(
      `| ${m.db} | ${m.requests} | ${m.reads} | ${m.creates} / ${m.updates} | ${
        m.conflicts
      } | ${m.status5xx} | ${m.otherNon2xx} | ${m.errors} | ${ms(
        m.latency.p50,
      )} | ${ms(m.latency.p99)} | ${m.acknowledged} (${m.fires}) | ${
        m.readBack
      } | ${m.lost} | ${ok ? 'ok' : 'FAILED'} |`,
    );
  }
  lines.push(
    '',
    'Writes create fires and update them with the version last acknowledged (a concurrent ' +
      'update of the same fire loses with 409, counted, not an error). Read back: every ' +
      'acknowledged fire by id (its latest acknowledged version and title) and in the tab ' +
      'read of its entity; lost = acknowledged writes missing or not at their acknowledged state.',
  );
  return lines.join('\n');
}

async function main() {
  const reads: ReadRow[] = [];
  const mixed: MixedResult[] = [];
  for (const db of DBS) {
    const portal = await startPortal(db, PORT);
    try {
      reads.push(...(await readComparison(portal)));
      if (MIXED_DURATION > 0) {
        log(
          `${db}: mixed 90/10 load, ${CONNECTIONS} connections, ${MIXED_DURATION}s`,
        );
        mixed.push(
          await runMixed(portal, {
            connections: CONNECTIONS,
            duration: MIXED_DURATION,
          }),
        );
      }
    } finally {
      await portal.stop();
    }
  }
  process.stdout.write(
    `${readTable(reads)}\n\n${mixed.length ? `${mixedTable(mixed)}\n` : ''}`,
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
