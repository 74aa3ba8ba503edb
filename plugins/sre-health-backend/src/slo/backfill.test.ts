import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { parseOpenSlo } from '@sre-health/backstage-plugin-sre-health-common';
import { SreHealthStore } from '../store';
import {
  paymentsCounters,
  prometheusAvailable,
  startPrometheus,
  TestPrometheus,
} from '../__testUtils__/prometheus';
import { PrometheusClient } from './PrometheusClient';
import { SloBackfill, checkBackfillRows, readBackfillRows } from './backfill';
import type { SloDefinitionLoader } from './SloDefinitionLoader';
import { SloService } from './SloService';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('backfill rows', () => {
  it('reads CSV with the columns in any order, and JSON Lines', () => {
    const csv = readBackfillRows(
      'total,start,good\r\n100,2026-11-01T10:00:00Z,99\n\n100,2026-11-01T10:01:00+01:00,100\n',
      'csv',
    );
    expect(csv.problems).toEqual([]);
    expect(checkBackfillRows(csv.rows, NOW)).toEqual({
      problems: [],
      buckets: [
        { start: new Date('2026-11-01T10:00:00Z'), good: 99, total: 100 },
        { start: new Date('2026-11-01T09:01:00Z'), good: 100, total: 100 },
      ],
    });
    const ndjson = readBackfillRows(
      '{"start":"2026-11-01T10:00:00Z","good":5,"total":7}\n',
      'ndjson',
    );
    expect(checkBackfillRows(ndjson.rows, NOW).buckets).toEqual([
      { start: new Date('2026-11-01T10:00:00Z'), good: 5, total: 7 },
    ]);
  });

  it('names the line of every bad row', () => {
    const csv = [
      'start,good,total',
      '2026-11-01T10:00:00Z,99,100',
      '2026-11-01T10:00:30Z,1,1',
      '2026-11-01 10:02,1,1',
      '2026-11-01T10:03:00Z,101,100',
      '2026-11-01T10:04:00Z,-1,1.5',
      '2026-11-01T10:00:00Z,1,1',
      '2026-11-01T10:05:00Z,1',
      '2027-01-01T00:00:00Z,1,1',
    ].join('\n');
    const read = readBackfillRows(csv, 'csv');
    const { problems } = checkBackfillRows(read.rows, NOW);
    expect([...read.problems, ...problems]).toEqual([
      'line 8: has 2 fields, the header 3',
      'line 3: start 2026-11-01T10:00:30Z is not on a whole minute',
      'line 4: start "2026-11-01 10:02" is not a date-time with a time zone (e.g. 2026-11-01T10:00:00Z)',
      'line 5: good (101) exceeds total (100)',
      'line 6: good and total must be whole numbers ≥ 0',
      'line 7: start 2026-11-01T10:00:00Z appears on line 2 too',
      'line 9: start 2027-01-01T00:00:00Z is in the future',
    ]);
    expect(readBackfillRows('when,good,total\n', 'csv').problems).toEqual([
      'line 1: the header must name start, good and total (missing start)',
    ]);
    expect(
      readBackfillRows('{"start": 1}\nnot json\n[1]', 'ndjson').problems,
    ).toEqual([
      'line 2: is not JSON',
      'line 3: must be an object with start, good and total',
    ]);
  });
});

/*
 * Backfill from a real Prometheus: 8 hours of one-minute counter samples; requests grow by
 * 1000 a minute, errors by 1 a minute and by 30 in the last two hours.
 */
const lastSample = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
const firstSample = lastSample - 8 * 60 * MINUTE;
const errorsPerMinute = (t: number) =>
  lastSample - t < 2 * 60 * MINUTE ? 30 : 1;
const { series } = paymentsCounters(firstSample, lastSample, errorsPerMinute);
const delta = (metric: string) => `(sum(${metric}) - sum(${metric} offset 1m))`;
const TOTAL = delta('demo_requests_total');
const GOOD = `${TOTAL} - ${delta('demo_errors_total')}`;

describe('backfill from a real Prometheus', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let prometheus: TestPrometheus | undefined;
  let store: SreHealthStore;
  let available = false;
  const entity = { metadata: { name: 'payments' } } as Entity;
  const entityRef = 'component:default/payments';

  beforeAll(async () => {
    available = await prometheusAvailable();
    const knex = await databases.init('SQLITE_3');
    store = await SreHealthStore.create({
      database: { getClient: async () => knex } as DatabaseService,
    });
    if (available) prometheus = await startPrometheus(series);
  });
  afterAll(async () => prometheus?.stop());

  const pushed = (name: string) =>
    parseOpenSlo([
      {
        apiVersion: 'openslo/v1',
        kind: 'SLO',
        metadata: { name },
        spec: {
          indicator: {
            spec: {
              ratioMetric: {
                good: { metricSource: { type: 'sre-health', spec: {} } },
                total: { metricSource: { type: 'sre-health', spec: {} } },
              },
            },
          },
          timeWindow: [{ duration: '7d', isRolling: true }],
          budgetingMethod: 'Occurrences',
          objectives: [{ target: 0.99 }],
        },
      },
    ]).slos[0];

  const backfill = (url: string) => {
    const loader = {
      load: async () => ({
        slos: ['history', 'refused'].map(n => ({
          definition: pushed(n),
          origin: 'api' as const,
          location: 'api:1',
        })),
        problems: [],
        notComputable: [],
      }),
    } as unknown as SloDefinitionLoader;
    const dataSources = new Map([
      ['demo', { name: 'demo', url, headers: {}, timeoutMs: 5_000 }],
    ]);
    return new SloBackfill({
      slos: new SloService({ store, loader, dataSources }),
      events: store.sloEvents,
      clients: new Map([
        ['demo', new PrometheusClient(dataSources.get('demo')!)],
      ]),
    });
  };

  const counts = async (slo: string) =>
    (
      await store.sloEvents.windowCounts(
        entityRef,
        slo,
        new Date(lastSample + MINUTE),
        [{ key: 'all', from: new Date(firstSample - 60 * MINUTE) }],
      )
    ).get('all');

  it('imports every minute once, however often it runs', async () => {
    if (!available) return;
    const query = {
      source: 'demo',
      good: GOOD,
      total: TOTAL,
      from: new Date(firstSample).toISOString(),
      to: new Date(lastSample).toISOString(),
    };
    // the minutes [first, last): their bad events worked out from the series
    let bad = 0;
    for (let t = firstSample; t < lastSample; t += MINUTE)
      bad += errorsPerMinute(t + MINUTE);
    const expected = { good: 480 * 1000 - bad, total: 480 * 1000 };

    const first = await backfill(prometheus!.url).fromPrometheus(
      entity,
      entityRef,
      'history',
      query,
    );
    expect(first).toEqual({
      accepted: 480,
      from: new Date(firstSample).toISOString(),
      to: new Date(lastSample - MINUTE).toISOString(),
    });
    expect(await counts('history')).toEqual(expected);
    await backfill(prometheus!.url).fromPrometheus(
      entity,
      entityRef,
      'history',
      query,
    );
    expect(await counts('history')).toEqual(expected);
  });

  it('refuses minutes whose good exceeds total, naming them, and writes nothing', async () => {
    if (!available) return;
    const from = lastSample - 3 * MINUTE;
    await expect(
      backfill(prometheus!.url).fromPrometheus(entity, entityRef, 'refused', {
        source: 'demo',
        good: `${TOTAL} * 2`,
        total: TOTAL,
        from: new Date(from).toISOString(),
        to: new Date(lastSample).toISOString(),
      }),
    ).rejects.toThrow(
      `Invalid backfill, nothing written: minute ${new Date(
        from,
      ).toISOString()}: good (2000) exceeds total (1000); minute ${new Date(
        from + MINUTE,
      ).toISOString()}: good (2000) exceeds total (1000)`,
    );
    expect(await counts('refused')).toEqual({ good: 0, total: 0 });
  });
});
