import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { parseOpenSlo } from '@sre-health/backstage-plugin-sre-health-common';
import http from 'node:http';
import { SreHealthStore } from '../store';
import {
  paymentsCounters,
  prometheusAvailable,
  startPrometheus,
  TestPrometheus,
} from '../__testUtils__/prometheus';
import { SloDefinitionLoader } from './SloDefinitionLoader';
import { SloService } from './SloService';

jest.setTimeout(120_000);

/*
 * SLO status computed from a real Prometheus server loaded with generated series, checked
 * against numbers worked out by hand from the same series.
 *
 * The series: 8 hours of one-minute samples of two counters. Requests grow by 1000 every
 * minute. Errors grow by 1 a minute, then by 30 a minute in the last two hours.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const lastSample = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
const firstSample = lastSample - 8 * HOUR;
// Half a minute after the last sample: no sample sits on a window boundary.
const now = new Date(lastSample + 30_000);
const errorsPerMinute = (t: number) => (lastSample - t < 2 * HOUR ? 30 : 1);

const { samples, series } = paymentsCounters(
  firstSample,
  lastSample,
  errorsPerMinute,
);

/**
 * By hand: `increase` over a window uses the first and last sample inside it and
 * extrapolates both counters by the same factor, so the error ratio is
 * Δerrors / Δrequests between those two samples.
 */
function expectedErrorRatio(windowMs: number): number {
  const inside = samples.filter(
    s => s.t > now.getTime() - windowMs && s.t <= now.getTime(),
  );
  const first = inside[0];
  const last = inside[inside.length - 1];
  return (last.errors - first.errors) / (last.requests - first.requests);
}

const sloDocument = (source: string) => ({
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name: 'payments-availability' },
  spec: {
    indicator: {
      spec: {
        ratioMetric: {
          counter: true,
          bad: {
            metricSource: {
              type: 'Prometheus',
              metricSourceRef: source,
              spec: { query: 'demo_errors_total{service="payments"}' },
            },
          },
          total: {
            metricSource: {
              type: 'Prometheus',
              metricSourceRef: source,
              spec: { query: 'demo_requests_total{service="payments"}' },
            },
          },
        },
      },
    },
    timeWindow: [{ duration: '7d', isRolling: true }],
    budgetingMethod: 'Occurrences',
    objectives: [{ target: 0.999 }],
  },
});

describe('SloService with a real Prometheus', () => {
  let prometheus: TestPrometheus | undefined;
  let store: SreHealthStore;
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let available = false;

  beforeAll(async () => {
    available = await prometheusAvailable();
    const knex = await databases.init('SQLITE_3');
    store = await SreHealthStore.create({
      database: { getClient: async () => knex } as DatabaseService,
    });
    if (available) {
      prometheus = await startPrometheus(series);
    }
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  const service = (url: string, timeoutMs = 5_000) =>
    new SloService({
      store,
      loader: {} as SloDefinitionLoader,
      dataSources: new Map([
        ['demo', { name: 'demo', url, headers: {}, timeoutMs }],
      ]),
      now: () => now,
    });
  const located = () => ({
    definition: parseOpenSlo([sloDocument('demo')]).slos[0],
    origin: 'file' as const,
    location: 'test',
  });

  it('computes SLI, budget, burn rates and the page alert as worked out by hand', async () => {
    if (!available) return;
    const summary = await service(prometheus!.url).summarize(
      'component:default/payments-api',
      located(),
    );
    expect(summary.unavailable).toBeUndefined();
    expect(summary.source).toBe('prometheus:demo');

    // The 7-day window holds all 8 hours of samples.
    const windowRatio = expectedErrorRatio(7 * 24 * HOUR);
    expect(summary.sli).toBeCloseTo(1 - windowRatio, 9);
    expect(summary.budgetRemaining).toBeCloseTo(1 - windowRatio / 0.001, 6);

    const burn = Object.fromEntries(
      summary.burnRates.map(b => [b.window, b.rate]),
    );
    expect(burn['5m']).toBeCloseTo(expectedErrorRatio(5 * MINUTE) / 0.001, 6); // 30 errors/1000 → 30×
    expect(burn['5m']).toBeCloseTo(30, 6);
    expect(burn['1h']).toBeCloseTo(30, 6);
    expect(burn['6h']).toBeCloseTo(expectedErrorRatio(6 * HOUR) / 0.001, 6);
    expect(burn['3d']).toBeCloseTo(
      expectedErrorRatio(3 * 24 * HOUR) / 0.001,
      6,
    );
    // 1h and 5m both burn 30× > 14.4: page. 3,960 errors in 480,000 requests is 8× the
    // 0.1% the SLO allows over the data there is, so the budget is overspent.
    expect(summary.alert.state).toBe('page');
    expect(summary.budgetRemaining).toBeLessThan(0);
    expect(summary.status).toBe('breached');
    expect(summary.burnDown.length).toBeGreaterThanOrEqual(6);
  });

  it('shows "source unavailable" with the last known status when Prometheus is down', async () => {
    if (!available) return;
    const live = await service(prometheus!.url).summarize(
      'component:default/down',
      located(),
    );
    // Nothing listens on this port once the server below is closed.
    const closed = http.createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as { port: number }).port;
    await new Promise(r => closed.close(r));

    const down = await service(`http://127.0.0.1:${port}`).summarize(
      'component:default/down',
      located(),
    );
    expect(down.unavailable?.reason).toMatch(
      /Prometheus "demo" is unreachable/,
    );
    expect(down.unavailable?.lastKnownAt).toBe(live.computedAt);
    expect(down.sli).toBe(live.sli);
  });

  it('times out on a Prometheus that hangs, and reports no data without a last status', async () => {
    const hanging = http.createServer(() => {
      // never answers
    });
    await new Promise<void>(r => hanging.listen(0, '127.0.0.1', () => r()));
    const port = (hanging.address() as { port: number }).port;
    try {
      const started = Date.now();
      const summary = await service(`http://127.0.0.1:${port}`, 300).summarize(
        'component:default/never',
        located(),
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(summary.unavailable).toEqual({
        reason: 'Prometheus "demo" did not answer within 300 ms',
        lastKnownAt: null,
      });
      expect(summary.status).toBe('no-data');
    } finally {
      hanging.closeAllConnections();
      await new Promise(r => hanging.close(r));
    }
  });

  it('names an unconfigured data source', async () => {
    const summary = await service('http://127.0.0.1:1').summarize(
      'component:default/x',
      {
        ...located(),
        definition: parseOpenSlo([sloDocument('elsewhere')]).slos[0],
      },
    );
    expect(summary.unavailable?.reason).toBe(
      'data source "elsewhere" is not configured (sreHealth.dataSources)',
    );
  });
});
