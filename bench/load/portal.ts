/*
 * Starts the real portal backend (packages/backend/src/index.ts, every plugin the portal
 * runs) on 127.0.0.1 with the demo data, on a fresh SQLite directory or fresh PostgreSQL
 * databases, and signs in as the guest user (user:default/guest, a member of group:default/sre).
 *
 * The backend runs the way `backstage-cli package start` runs it (node with Backstage's
 * TypeScript transform) but without the CLI's file watcher: other people edit the repo while
 * the benchmark runs, and a watcher restart in the middle of a measurement would be a lie.
 * NODE_ENV is `production` (as deployed); the guest provider then needs
 * `dangerouslyAllowOutsideDevelopment`, which this throwaway instance sets.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { guestToken } from '../lib/backend';

export type Db = 'sqlite' | 'postgres';

const ROOT = path.resolve(__dirname, '../..');
const PG_PREFIX = 'sre_load_';
const PG_URL =
  process.env.SRE_HEALTH_BENCH_PG ??
  'postgresql://postgres@127.0.0.1:5432/postgres';

export interface Portal {
  db: Db;
  baseUrl: string;
  token: string;
  logFile: string;
  stop(): Promise<void>;
}

export function log(message: string) {
  process.stderr.write(`[load] ${message}\n`);
}

async function dropPgDatabases() {
  const knex = knexFactory({ client: 'pg', connection: PG_URL });
  try {
    const { rows } = await knex.raw(
      'SELECT datname FROM pg_database WHERE datname LIKE ?',
      [`${PG_PREFIX}%`],
    );
    for (const { datname } of rows as Array<{ datname: string }>) {
      await knex.raw('DROP DATABASE ?? WITH (FORCE)', [datname]);
    }
  } finally {
    await knex.destroy();
  }
}

function configYaml(db: Db, dir: string, port: number): string {
  const pg = new URL(PG_URL);
  const database =
    db === 'sqlite'
      ? {
          client: 'better-sqlite3',
          connection: { directory: path.join(dir, 'sqlite') },
        }
      : {
          client: 'pg',
          prefix: PG_PREFIX,
          connection: {
            host: pg.hostname,
            port: Number(pg.port || 5432),
            user: decodeURIComponent(pg.username || 'postgres'),
            password: decodeURIComponent(pg.password || ''),
          },
        };
  const repos = path.join(dir, 'repos');
  // JSON is YAML; arrays in a later config file replace the earlier ones.
  return JSON.stringify(
    {
      app: { baseUrl: `http://127.0.0.1:${port}` },
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { host: '127.0.0.1', port },
        database,
      },
      auth: {
        providers: {
          guest: {
            userEntityRef: 'user:default/guest',
            dangerouslyAllowOutsideDevelopment: true,
          },
        },
      },
      sreHealth: {
        demoData: true,
        knowledge: {
          repositories: [
            {
              entityRef: 'component:default/ledger-service',
              path: path.join(repos, 'ledger-service'),
            },
            {
              entityRef: 'component:default/payments-api',
              path: path.join(repos, 'payments-api'),
            },
          ],
          localRoots: [repos],
        },
      },
    },
    null,
    2,
  );
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
  child?: ChildProcess,
  signal?: AbortSignal,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    if (child && child.exitCode !== null) {
      throw new Error(
        `backend exited (${child.exitCode}) while waiting for ${what}`,
      );
    }
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

/** `signal` stops a start under way (the backend is stopped, startPortal rejects). */
export async function startPortal(
  db: Db,
  port: number,
  signal?: AbortSignal,
): Promise<Portal> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sre-load-${db}-`));
  const configFile = path.join(dir, 'app-config.load.yaml');
  fs.writeFileSync(configFile, configYaml(db, dir, port));
  if (db === 'postgres') await dropPgDatabases();
  const logFile = path.join(dir, 'backend.log');
  const out = fs.openSync(logFile, 'a');
  log(
    `${db}: starting the portal backend on 127.0.0.1:${port} (log: ${logFile}, kept as ${path.join(
      os.tmpdir(),
      `sre-load-${db}.log`,
    )})`,
  );
  const child = spawn(
    process.execPath,
    [
      // e.g. SRE_LOAD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the backend
      ...(process.env.SRE_LOAD_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      path.join(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: path.join(ROOT, 'packages/backend'),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        // the tab's read reports the SQL statements it issued (a header; bench.ts reads it)
        SRE_HEALTH_COUNT_STATEMENTS: '1',
        ESBK_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'),
      },
      stdio: ['ignore', out, out],
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.closeSync(out);
    if (db === 'postgres') await dropPgDatabases().catch(() => undefined);
    // The log outlives the run, for whoever reads a surprising table.
    fs.copyFileSync(logFile, path.join(os.tmpdir(), `sre-load-${db}.log`));
    if (!process.env.SRE_LOAD_KEEP) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    await waitFor(
      'the backend to listen',
      180_000,
      async () =>
        (await fetch(`${baseUrl}/api/sre-health/health`)).ok ? true : undefined,
      child,
      signal,
    );
    // Sign-in resolves the guest through the catalog (its groups go into the token), so
    // wait until the catalog has ingested the demo org and services first.
    const anyToken = await waitFor(
      'a guest token',
      60_000,
      () => guestToken(baseUrl),
      child,
      signal,
    );
    for (const ref of [
      'user/default/guest',
      'group/default/sre',
      'component/default/payments-api',
    ]) {
      await waitFor(
        `${ref} in the catalog`,
        180_000,
        async () => {
          const res = await fetch(
            `${baseUrl}/api/catalog/entities/by-name/${ref}`,
            { headers: { Authorization: `Bearer ${anyToken}` } },
          );
          return res.ok ? true : undefined;
        },
        child,
        signal,
      );
    }
    const token = await waitFor(
      'a guest token',
      60_000,
      () => guestToken(baseUrl),
      child,
      signal,
    );
    await waitForQuiet(db, child.pid!, signal);
    log(`${db}: ready, signed in as user:default/guest`);
    return { db, baseUrl, token, logFile, stop };
  } catch (error) {
    if (!signal?.aborted) {
      log(`${db}: backend failed; last log lines:\n${tail(logFile)}`);
      process.env.SRE_LOAD_KEEP = '1';
    }
    await stop();
    throw error;
  }
}

/**
 * Right after start the portal is busy on its own (catalog processing and stitching, search
 * indexing, the truck-factor analysis of the demo repositories, scheduled tasks). Measuring
 * then would charge that work to whichever endpoint runs first, so wait until the backend
 * uses under a fifth of a core for two consecutive 2-second windows (at most 3 minutes).
 */
async function waitForQuiet(db: Db, pid: number, signal?: AbortSignal) {
  const ticks = () => {
    const fields = fs
      .readFileSync(`/proc/${pid}/stat`, 'utf8')
      .split(') ')[1]
      .split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  };
  const hz = 100;
  const deadline = Date.now() + 180_000;
  let quiet = 0;
  let last = ticks();
  while (quiet < 2 && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 2_000));
    signal?.throwIfAborted();
    const now = ticks();
    const cores = (now - last) / hz / 2;
    last = now;
    quiet = cores < 0.2 ? quiet + 1 : 0;
  }
  log(
    `${db}: backend ${
      quiet >= 2 ? 'settled' : 'still busy after 3 minutes; measuring anyway'
    }`,
  );
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}
