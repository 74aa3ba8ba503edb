import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { parseOpenSlo } from '@sre-health/backstage-plugin-sre-health-common';
import { SreHealthStore } from '../store';
import {
  backfillHistory,
  prometheusAvailable,
  pushedSloDocument,
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
    const json = readBackfillRows(
      ' [{"total":7,"start":"2026-11-01T10:00:00Z","good":5}]\n',
      'json',
    );
    expect(checkBackfillRows(json.rows, NOW).buckets).toEqual([
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
    const json = readBackfillRows(
      '[{"start":"2026-11-01T10:00:00Z","good":1,"total":1}, [1], null,\n {"start":"2026-11-01T10:00:00Z","good":2,"total":1}]',
      'json',
    );
    expect([
      ...json.problems,
      ...checkBackfillRows(json.rows, NOW).problems,
    ]).toEqual([
      'index 1: must be an object with start, good and total',
      'index 2: must be an object with start, good and total',
      'index 3: start 2026-11-01T10:00:00Z appears on index 0 too',
      'index 3: good (2) exceeds total (1)',
    ]);
    expect(readBackfillRows('[{"start": 1},', 'json').problems).toEqual([
      expect.stringMatching(/^is not JSON: /),
    ]);
    expect(readBackfillRows('{"start": 1}', 'json').problems).toEqual([
      'must be a JSON array of {start, good, total} objects',
    ]);
  });
});

/* Backfill from a real Prometheus: the history of `backfillHistory`. */
const { firstSample, lastSample, series, queries, expected } =
  backfillHistory();

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
    parseOpenSlo([pushedSloDocument(name)]).slos[0];

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
      ...queries,
      from: new Date(firstSample).toISOString(),
      to: new Date(lastSample).toISOString(),
    };

    const first = await backfill(prometheus!.url).fromPrometheus(
      entity,
      entityRef,
      'history',
      query,
    );
    expect(first).toEqual({
      accepted: 480,
      unchanged: 0,
      replaced: 0,
      from: new Date(firstSample).toISOString(),
      to: new Date(lastSample - MINUTE).toISOString(),
    });
    expect(await counts('history')).toEqual({
      good: expected.good,
      total: expected.total,
    });
    await backfill(prometheus!.url).fromPrometheus(
      entity,
      entityRef,
      'history',
      query,
    );
    expect(await counts('history')).toEqual({
      good: expected.good,
      total: expected.total,
    });
  });

  it('refuses minutes whose good exceeds total, naming them, and writes nothing', async () => {
    if (!available) return;
    const from = lastSample - 3 * MINUTE;
    await expect(
      backfill(prometheus!.url).fromPrometheus(entity, entityRef, 'refused', {
        source: 'demo',
        good: `${queries.total} * 2`,
        total: queries.total,
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
