import { execFile, spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A real Prometheus server (Debian's `prometheus` package) on a free loopback port. */
export interface TestPrometheus {
  url: string;
  stop(): Promise<void>;
}

export const PROMETHEUS_BINARY =
  process.env.SRE_HEALTH_PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const PROMTOOL_BINARY =
  process.env.SRE_HEALTH_PROMTOOL_BIN ?? '/usr/bin/promtool';

/** Whether the Prometheus tests can run; with SRE_HEALTH_REQUIRE_PROMETHEUS=1 they must. */
export async function prometheusAvailable(): Promise<boolean> {
  const present = await fs.access(PROMETHEUS_BINARY).then(
    () => true,
    () => false,
  );
  if (!present && process.env.SRE_HEALTH_REQUIRE_PROMETHEUS === '1') {
    throw new Error(
      `SRE_HEALTH_REQUIRE_PROMETHEUS=1 but ${PROMETHEUS_BINARY} is missing (apt-get install prometheus)`,
    );
  }
  return present;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** One OpenMetrics counter: a value per timestamp (ms). */
export interface CounterSeries {
  name: string;
  labels: Record<string, string>;
  samples: Array<{ t: number; value: number }>;
}

/** Backfills `series` with promtool and starts Prometheus on them. */
export async function startPrometheus(
  series: CounterSeries[],
): Promise<TestPrometheus> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sre-health-prom-'));
  const tsdb = path.join(dir, 'tsdb');
  const lines: string[] = [];
  for (const s of series) {
    const family = s.name.replace(/_total$/, '');
    lines.push(`# TYPE ${family} counter`);
    const labels = Object.entries(s.labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    for (const sample of s.samples) {
      lines.push(`${s.name}{${labels}} ${sample.value} ${sample.t / 1000}`);
    }
  }
  lines.push('# EOF');
  await fs.writeFile(path.join(dir, 'data.om'), `${lines.join('\n')}\n`);
  await run(PROMTOOL_BINARY, [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    path.join(dir, 'data.om'),
    tsdb,
  ]);
  await fs.writeFile(
    path.join(dir, 'prometheus.yml'),
    'global:\n  scrape_interval: 1m\nscrape_configs: []\n',
  );

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    PROMETHEUS_BINARY,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${tsdb}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=3650d',
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('Prometheus did not become ready within 30 s');
    }
    await new Promise(r => setTimeout(r, 200));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(r => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The SLO tests' two counters of the `payments` service, one sample a minute from `first`
 * to `last` (ms): `demo_requests_total` grows by 1000 a minute, `demo_errors_total` by
 * `errorsPerMinute(t)` in the minute ending at `t`. Returns the raw samples too, for figures
 * computed by hand.
 */
export function paymentsCounters(
  first: number,
  last: number,
  errorsPerMinute: (t: number) => number,
): {
  samples: Array<{ t: number; requests: number; errors: number }>;
  series: CounterSeries[];
} {
  const minute = 60_000;
  const samples: Array<{ t: number; requests: number; errors: number }> = [];
  for (let t = first, requests = 0, errors = 0; t <= last; t += minute) {
    samples.push({ t, requests, errors });
    requests += 1000;
    errors += errorsPerMinute(t + minute);
  }
  const labels = { service: 'payments' };
  return {
    samples,
    series: [
      {
        name: 'demo_requests_total',
        labels,
        samples: samples.map(s => ({ t: s.t, value: s.requests })),
      },
      {
        name: 'demo_errors_total',
        labels,
        samples: samples.map(s => ({ t: s.t, value: s.errors })),
      },
    ],
  };
}

/**
 * The backfill tests' history: 8 hours of `paymentsCounters` up to the last whole minute
 * (errors +1 a minute, +30 in the last two hours), the PromQL giving each minute's good and
 * total, and the minutes [first, last) worked out by hand from the series.
 */
export function backfillHistory() {
  const minute = 60_000;
  const lastSample = Math.floor(Date.now() / minute) * minute - minute;
  const firstSample = lastSample - 8 * 60 * minute;
  const errorsPerMinute = (t: number) =>
    lastSample - t < 2 * 60 * minute ? 30 : 1;
  const { series } = paymentsCounters(firstSample, lastSample, errorsPerMinute);
  const delta = (metric: string) =>
    `(sum(${metric}) - sum(${metric} offset 1m))`;
  const total = delta('demo_requests_total');
  let bad = 0;
  for (let t = firstSample; t < lastSample; t += minute) {
    bad += errorsPerMinute(t + minute);
  }
  return {
    firstSample,
    lastSample,
    series,
    queries: { good: `${total} - ${delta('demo_errors_total')}`, total },
    expected: { minutes: 480, good: 480 * 1000 - bad, total: 480 * 1000 },
  };
}

/** An OpenSLO SLO document over events pushed to SRE Health, as backfills take. */
export function pushedSloDocument(name: string) {
  const events = { metricSource: { type: 'sre-health', spec: {} } };
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name },
    spec: {
      indicator: { spec: { ratioMetric: { good: events, total: events } } },
      timeWindow: [{ duration: '7d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ target: 0.99 }],
    },
  };
}
