import type { SchedulerService } from '@backstage/backend-plugin-api';
import type { SreHealthStore } from '@sre-health/backstage-plugin-sre-health-backend/seeding';
import { component } from './story';

/**
 * Demo SLO traffic per minute. payments-api burns fast in the last two hours (enough to
 * page), user-profile has spent most of its budget, the others are healthy.
 */
const SLO_TRAFFIC: Array<{
  entity: string;
  slo: string;
  perMinute: number;
  errorRate: number;
  recentErrorRate?: number;
}> = [
  {
    entity: 'payments-api',
    slo: 'availability',
    perMinute: 200,
    errorRate: 0.0004,
    recentErrorRate: 0.02,
  },
  {
    entity: 'ledger-service',
    slo: 'availability',
    perMinute: 130,
    errorRate: 0.0002,
  },
  {
    entity: 'search-api',
    slo: 'search-availability',
    perMinute: 500,
    errorRate: 0.001,
  },
  {
    entity: 'auth-service',
    slo: 'availability',
    perMinute: 800,
    errorRate: 0.00003,
  },
  {
    entity: 'user-profile',
    slo: 'availability',
    perMinute: 100,
    errorRate: 0.0046,
  },
];

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Deterministic per-minute counts, so a re-run writes the same numbers. */
function minuteCounts(t: number, perMinute: number, errorRate: number) {
  const total = Math.round(perMinute * (0.8 + ((t / MINUTE) % 7) / 15));
  const bad = Math.floor(total * errorRate + ((t / MINUTE) % 10) / 10);
  return { good: total - Math.min(bad, total), total };
}

/**
 * Keeps the demo SLOs' pushed traffic flowing, as a real pipeline would: the minutes of
 * the last quarter hour, every minute (ingestion is idempotent per minute, and the counts
 * are deterministic, so overlapping runs write the same numbers). Without it the 5-minute
 * burn window reads "no data" a few minutes after the portal starts.
 * @internal
 */
export async function scheduleDemoTraffic(
  scheduler: SchedulerService,
  store: SreHealthStore,
): Promise<void> {
  await scheduler.scheduleTask({
    id: 'sre-health-demo-slo-traffic',
    frequency: { minutes: 1 },
    timeout: { minutes: 1 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      const end = Math.floor(Date.now() / MINUTE) * MINUTE;
      for (const traffic of SLO_TRAFFIC) {
        await store.sloEvents.ingest(
          component(traffic.entity),
          traffic.slo,
          minutesOf(traffic, end - 15 * MINUTE, end),
        );
      }
    },
  });
}

/** A service's error rate at minute `t`: its recent rate in the two hours up to `end`. */
function errorRateAt(
  traffic: (typeof SLO_TRAFFIC)[number],
  t: number,
  end: number,
) {
  return traffic.recentErrorRate !== undefined && end - t < 2 * HOUR
    ? traffic.recentErrorRate
    : traffic.errorRate;
}

/** The demo's minute buckets of one SLO from `from` to `end`, both included. */
function minutesOf(
  traffic: (typeof SLO_TRAFFIC)[number],
  from: number,
  end: number,
) {
  const minutes = [];
  for (let t = from; t <= end; t += MINUTE) {
    minutes.push({
      start: new Date(t),
      ...minuteCounts(t, traffic.perMinute, errorRateAt(traffic, t, end)),
    });
  }
  return minutes;
}

/** Tops the demo SLO traffic up to `now`: 30 days, the last one as minutes. */
export async function topUpSloTraffic(store: SreHealthStore, now: Date) {
  const end = Math.floor(now.getTime() / MINUTE) * MINUTE;
  const lastDay = end - 24 * HOUR;
  for (const traffic of SLO_TRAFFIC) {
    const entityRef = component(traffic.entity);
    const rateAt = (t: number) => errorRateAt(traffic, t, end);
    // History older than a day is imported as hourly rollups; the last day as minutes.
    const hours = [];
    for (
      let h = Math.floor((end - 30 * 24 * HOUR) / HOUR) * HOUR;
      h < Math.floor(lastDay / HOUR) * HOUR;
      h += HOUR
    ) {
      let good = 0;
      let total = 0;
      for (let t = h; t < h + HOUR; t += MINUTE) {
        const c = minuteCounts(t, traffic.perMinute, rateAt(t));
        good += c.good;
        total += c.total;
      }
      hours.push({ start: new Date(h), good, total });
    }
    await store.sloEvents.importHourly(entityRef, traffic.slo, hours);
    await store.sloEvents.ingest(
      entityRef,
      traffic.slo,
      minutesOf(traffic, Math.floor(lastDay / HOUR) * HOUR, end),
    );
  }
}
