/* Throwaway infrastructure for the fault scripts: a PostgreSQL 15 cluster of our own (never
 * the shared server at 5432), portal backends on it, servers that hang, a repository that hangs. */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  createWriteStream,
  mkdirSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { guestToken } from '../lib/backend';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const ROOT = resolve(__dirname, '../..');

export const log = (message: string) =>
  process.stderr.write(
    `[faults ${new Date().toISOString().slice(11, 19)}] ${message}\n`,
  );

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** A PostgreSQL cluster in `dir`, owned by the postgres OS user, trust auth, on `port`. */
export class Cluster {
  constructor(readonly dir: string, readonly port: number) {}

  private pgCtl(...args: string[]) {
    execFileSync(
      'runuser',
      [
        '-u',
        'postgres',
        '--',
        `${PG_BIN}/pg_ctl`,
        '-D',
        join(this.dir, 'data'),
        ...args,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }

  init(): void {
    mkdirSync(this.dir, { recursive: true });
    chmodSync(this.dir, 0o777);
    execFileSync(
      'runuser',
      [
        '-u',
        'postgres',
        '--',
        `${PG_BIN}/initdb`,
        '-D',
        join(this.dir, 'data'),
        '-A',
        'trust',
        '-U',
        'postgres',
      ],
      { stdio: 'ignore' },
    );
  }

  start(): void {
    this.pgCtl(
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
      '-l',
      join(this.dir, 'postgres.log'),
      '-w',
      'start',
    );
  }

  /** Fast shutdown: open sessions are terminated (57P01), as in a restart or failover. */
  stop(): void {
    this.pgCtl('-m', 'fast', '-w', 'stop');
  }

  running(): boolean {
    try {
      this.pgCtl('status');
      return true;
    } catch {
      return false;
    }
  }

  connection(database = 'postgres') {
    return { host: '127.0.0.1', port: this.port, user: 'postgres', database };
  }
}

/** A TCP server that accepts connections and never answers: a hung Prometheus/Alertmanager. */
export async function hangingServer(
  port: number,
): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer(s => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', r);
  });
  return {
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise(r => server.close(r));
    },
  };
}

/**
 * Makes git block on the repository at `dir` (like a clone on a hung network mount): its HEAD
 * becomes a named pipe nobody writes. Returns a function that restores it.
 */
export function hangRepository(dir: string): () => void {
  const head = join(dir, '.git', 'HEAD');
  const content = readFileSync(head, 'utf8');
  unlinkSync(head);
  execFileSync('mkfifo', [head]);
  return () => {
    unlinkSync(head);
    writeFileSync(head, content);
  };
}

/** One portal backend (packages/backend) started with extra config. */
export class Replica {
  private child?: ChildProcess;
  readonly logFile: string;
  token = '';

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly configFile: string,
    dir: string,
  ) {
    this.logFile = join(dir, `${name}.log`);
  }

  get url() {
    return `http://localhost:${this.port}`;
  }

  start(): void {
    const out = createWriteStream(this.logFile);
    this.child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        'src/index.ts',
        '--config',
        join(ROOT, 'app-config.yaml'),
        '--config',
        // search-api with its Prometheus latency SLO (scenario e1 reads it)
        join(ROOT, 'app-config.prometheus.yaml'),
        '--config',
        this.configFile,
      ],
      {
        cwd: join(ROOT, 'packages/backend'),
        env: { ...process.env, NODE_ENV: 'development', FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true, // own process group, so stop() ends its children too
      },
    );
    this.child.stdout!.pipe(out);
    this.child.stderr!.pipe(out);
  }

  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) {
        throw new Error(
          `${this.name} exited (${this.child.exitCode}); see ${this.logFile}`,
        );
      }
      const ok = await fetch(`${this.url}/api/sre-health/health`, {
        signal: AbortSignal.timeout(2000),
      })
        .then(r => r.ok)
        .catch(() => false);
      if (ok) return;
      await sleep(1000);
    }
    throw new Error(
      `${this.name} not ready after ${timeoutMs} ms; see ${this.logFile}`,
    );
  }

  /** A user token of the guest (user:default/guest, an SRE in the demo org). */
  async signIn(): Promise<void> {
    this.token = await guestToken(this.url);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise(r => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}

export interface Answer {
  status: number; // 0: no HTTP answer (connection error or client timeout)
  body: any;
  ms: number;
}

/** One API call; never throws. */
export async function call(
  replica: Replica,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(`${replica.url}/api/sre-health${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${replica.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return {
      status: res.status,
      body: parsed,
      ms: performance.now() - started,
    };
  } catch (error) {
    return { status: 0, body: String(error), ms: performance.now() - started };
  }
}
