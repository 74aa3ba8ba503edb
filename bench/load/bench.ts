/*
 * Load benchmark: the SRE Health tab's single read against the catalog's own read of the
 * same entity, and a mixed 90/10 read/write load, on the real portal backend (every plugin
 * it runs, demo data) over loopback, on SQLite and on PostgreSQL. Bounded: each load phase
 * runs for a fixed time with a fixed number of connections.
 *
 *   bench/load/run.sh [--db sqlite,postgres] [--connections 50] [--duration 20] [--rounds 4]
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
/** Each endpoint's --duration is measured in this many slices, the endpoints taking turns. */
const ROUNDS = Math.max(1, Number(arg('rounds', '4')));
const WARMUP = Number(arg('warmup', '5'));
const MIXED_DURATION = Number(arg('mixed-duration', '60'));
const ENTITY = arg('entity', 'component/default/payments-api');
const PORT = Number(arg('port', '7107'));
/** Issue #14: a cold read (`no-cache`) serves at least the catalog's by-name req/s... */
const GOAL_COLD_VS_CATALOG = 1.0;
/** ...and a cached read's p99 is within 1.5× the floor route's p99, in the same run. */
const GOAL_CACHED_VS_FLOOR = 1.5;
/** The response header the backend sets with SRE_HEALTH_COUNT_STATEMENTS=1 (portal.ts). */
const STATEMENTS_HEADER = 'sre-health-statements';

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

/** One endpoint's measurement, over all its slices. */
interface Measured {
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts included. */
  errors: number;
  non2xx: number;
}

interface ReadRow {
  db: Db;
  endpoint: Endpoint;
  result: Measured;
  /** SQL statements one read issues on SRE Health's database (tab rows only). */
  statements?: number;
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

/**
 * SQL statements one tab read issues on SRE Health's database, cold and cached: the backend
 * counts them per read when started with SRE_HEALTH_COUNT_STATEMENTS=1 (a running total of
 * knex `query` events, see plugins/sre-health-backend/src/health/statementCount.ts), which
 * is exact for reads that do not overlap. So: one read at a time, five of each, the least
 * (a scheduled task of the backend may write during one of them).
 */
async function probeStatements(
  portal: Portal,
): Promise<Record<'tab' | 'tab-cold', number>> {
  const statementsOf = async (endpoint: 'tab' | 'tab-cold') => {
    let least = Infinity;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${portal.baseUrl}${ENDPOINTS[endpoint].path}`, {
        headers: {
          Authorization: `Bearer ${portal.token}`,
          ...ENDPOINTS[endpoint].headers,
        },
      });
      await res.arrayBuffer();
      const header = res.headers.get(STATEMENTS_HEADER);
      if (!res.ok || header === null) {
        throw new Error(
          `${endpoint} read answered ${res.status} without ${STATEMENTS_HEADER}`,
        );
      }
      least = Math.min(least, Number(header));
    }
    return least;
  };
  return {
    'tab-cold': await statementsOf('tab-cold'),
    tab: await statementsOf('tab'),
  };
}

function load(
  portal: Portal,
  endpoint: Endpoint,
  duration: number,
  onLatency?: (ms: number) => void,
) {
  const { path, headers } = ENDPOINTS[endpoint];
  const run = autocannon({
    url: `${portal.baseUrl}${path}`,
    connections: CONNECTIONS,
    duration,
    timeout: 10,
    headers: { Authorization: `Bearer ${portal.token}`, ...headers },
  });
  if (onLatency) run.on('response', (_c, _s, _b, ms) => onLatency(ms));
  return run;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[
        Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
      ];

/**
 * Every endpoint for --duration, in --rounds slices taking turns (catalog, floor, tab, cold,
 * catalog, ...), so a change in what else the machine runs weighs on all rows alike rather
 * than on whichever endpoint it coincides with. Latencies are those of every response of
 * every slice; req/s = completed requests / time measured.
 */
async function measure(portal: Portal, endpoints: Endpoint[]) {
  const slice = DURATION / ROUNDS;
  const acc = new Map(
    endpoints.map(e => [
      e,
      {
        latencies: [] as number[],
        requests: 0,
        seconds: 0,
        errors: 0,
        non2xx: 0,
      },
    ]),
  );
  for (let round = 1; round <= ROUNDS; round++) {
    for (const endpoint of endpoints) {
      log(
        `${portal.db}: ${endpoint} read, ${CONNECTIONS} connections, ${slice}s (round ${round}/${ROUNDS})`,
      );
      const a = acc.get(endpoint)!;
      const r = await load(portal, endpoint, slice, ms => a.latencies.push(ms));
      a.requests += r.requests.total;
      a.seconds += r.duration;
      a.errors += r.errors; // timeouts included
      a.non2xx += r.non2xx;
    }
  }
  return new Map(
    [...acc].map(([endpoint, a]) => {
      const sorted = a.latencies.sort((x, y) => x - y);
      const measured: Measured = {
        rps: a.requests / a.seconds,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        errors: a.errors,
        non2xx: a.non2xx,
      };
      return [endpoint, measured];
    }),
  );
}

async function readComparison(portal: Portal): Promise<ReadRow[]> {
  await checkEndpoints(portal);
  const statements = await probeStatements(portal);
  log(
    `${portal.db}: SQL statements per read: cold ${statements['tab-cold']}, cached ${statements.tab}`,
  );
  const endpoints = Object.keys(ENDPOINTS) as Endpoint[];
  log(`${portal.db}: warm-up ${WARMUP}s per endpoint`);
  for (const endpoint of endpoints) await load(portal, endpoint, WARMUP);
  const measured = await measure(portal, endpoints);
  return endpoints.map(endpoint => ({
    db: portal.db,
    endpoint,
    result: measured.get(endpoint)!,
    statements:
      endpoint === 'tab' || endpoint === 'tab-cold'
        ? statements[endpoint]
        : undefined,
  }));
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

/** The goal of a row: what it is compared with, and whether it is met in this run. */
function goalOf(
  row: ReadRow,
  catalog: Measured,
  floor: Measured | undefined,
): { goal: string; met: string } {
  const r = row.result;
  const clean = r.errors + r.non2xx === 0;
  const verdict = (ok: boolean) => (ok && clean ? 'met' : 'NOT met');
  if (row.endpoint === 'tab-cold') {
    const ratio = r.rps / catalog.rps;
    return {
      goal: `req/s ≥ ${GOAL_COLD_VS_CATALOG.toFixed(1)}× catalog`,
      met: verdict(ratio >= GOAL_COLD_VS_CATALOG),
    };
  }
  if (row.endpoint === 'tab' && floor) {
    const ratio = r.p99 / floor.p99;
    return {
      goal: `p99 ≤ ${GOAL_CACHED_VS_FLOOR}× floor`,
      met: verdict(ratio <= GOAL_CACHED_VS_FLOOR),
    };
  }
  return { goal: 'reference', met: '' };
}

function readTable(rows: ReadRow[]): string {
  const lines = [
    `### Tab read vs catalog read of ${ENTITY} (${CONNECTIONS} connections, ${DURATION}s each in ${ROUNDS} turns)`,
    '',
    '| db | endpoint | req/s | p50 | p99 | errors | non-2xx | SQL statements / read | req/s ÷ catalog | p99 ÷ floor | goal | |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const db of DBS) {
    const catalog = rows.find(r => r.db === db && r.endpoint === 'catalog');
    const floor = rows.find(r => r.db === db && r.endpoint === 'floor');
    if (!catalog) continue;
    for (const row of rows.filter(r => r.db === db)) {
      const r = row.result;
      const vsCatalog = r.rps / catalog.result.rps;
      const vsFloor = floor ? r.p99 / floor.result.p99 : NaN;
      const { goal, met } = goalOf(row, catalog.result, floor?.result);
      let statements = '—';
      if (row.endpoint === 'floor') statements = '0';
      if (row.statements !== undefined) statements = String(row.statements);
      lines.push(
        `| ${db} | ${ENDPOINTS[row.endpoint].label} | ${r.rps.toFixed(
          0,
        )} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.errors} | ${
          r.non2xx
        } | ${statements} | ${vsCatalog.toFixed(2)} | ${
          Number.isFinite(vsFloor) ? vsFloor.toFixed(2) : '—'
        } | ${goal} | ${met} |`,
      );
    }
  }
  lines.push(
    '',
    `Paths: catalog \`GET ${ENDPOINTS.catalog.path}\`, tab \`GET ${ENDPOINTS.tab.path}\`, ` +
      `floor \`GET ${ENDPOINTS.floor.path}\` (the plugin's liveness answer: the HTTP stack alone). ` +
      "req/s ÷ catalog = the row's req/s / the catalog's; p99 ÷ floor = the row's p99 / the floor's; " +
      "both measured in this run. SQL statements / read: on SRE Health's database, counted by the " +
      "backend for one read at a time (the least of five); the catalog's own query is in the " +
      `catalog's database. Goals (issue #14): a cold read serves ≥ ${GOAL_COLD_VS_CATALOG.toFixed(
        1,
      )}× the catalog's req/s, a cached read's p99 ≤ ${GOAL_CACHED_VS_FLOOR}× the floor's; ` +
      'both with no errors (connection errors, timeouts included) and no non-2xx.',
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
