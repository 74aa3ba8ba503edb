import { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { SreHealthStore } from '../store';
import { SloEventStore } from './SloEventStore';

jest.setTimeout(60_000);

const SERVICE = 'component:default/payments-api';
const MINUTE = 60_000;
const now = new Date('2026-11-25T12:30:00.000Z');
const minutesBefore = (n: number) => new Date(now.getTime() - n * MINUTE);

describe('SloEventStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let events: SloEventStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const store = await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
      events = store.sloEvents;
    });
    beforeEach(async () => {
      await knex('slo_events').delete();
      await knex('slo_events_hourly').delete();
    });
    afterAll(async () => knex.destroy());

    it('counts every window exactly from rollups plus minute edges', async () => {
      // 3 hours of minutes ending at `now`: 100 events a minute, the minute at index i has i % 3 bad.
      const buckets = Array.from({ length: 181 }, (_, i) => ({
        start: minutesBefore(180 - i),
        good: 100 - (i % 3),
        total: 100,
      }));
      await events.ingest(SERVICE, 'availability', buckets);
      const windows = [
        { key: '5m', from: minutesBefore(5) },
        { key: '1h', from: minutesBefore(60) },
        { key: '2h', from: minutesBefore(120) },
        { key: 'all', from: minutesBefore(24 * 60) },
      ];
      const counts = await events.windowCounts(
        SERVICE,
        'availability',
        now,
        windows,
      );
      for (const w of windows) {
        const inWindow = buckets.filter(
          b => b.start >= w.from && b.start <= now,
        );
        const expected = {
          good: inWindow.reduce((s, b) => s + b.good, 0),
          total: inWindow.reduce((s, b) => s + b.total, 0),
        };
        expect([w.key, counts.get(w.key)]).toEqual([w.key, expected]);
      }
      expect(counts.get('all')!.total).toBe(181 * 100);
    });

    it('replaces a re-sent bucket, so a retried push never double counts', async () => {
      const bucket = { start: minutesBefore(10), good: 90, total: 100 };
      await events.ingest(SERVICE, 'availability', [bucket]);
      await events.ingest(SERVICE, 'availability', [bucket]);
      await events.ingest(SERVICE, 'availability', [{ ...bucket, good: 95 }]);
      const counts = await events.windowCounts(SERVICE, 'availability', now, [
        { key: 'w', from: minutesBefore(60) },
      ]);
      expect(counts.get('w')).toEqual({ good: 95, total: 100 });
      const hourly = await knex('slo_events_hourly');
      expect(hourly).toHaveLength(1);
      expect(Number(hourly[0].total)).toBe(100);
    });

    it('keeps the rollup consistent when pushes to one SLO race', async () => {
      const pushes = Array.from({ length: 20 }, (_, p) =>
        events.ingest(
          SERVICE,
          'availability',
          Array.from({ length: 6 }, (__, i) => ({
            start: minutesBefore(p * 6 + i),
            good: 9,
            total: 10,
          })),
        ),
      );
      await Promise.all(pushes);
      const [{ total: rollup }] = await knex('slo_events_hourly').sum({
        total: 'total',
      });
      const [{ total: minutes }] = await knex('slo_events').sum({
        total: 'total',
      });
      expect(Number(rollup)).toBe(1200);
      expect(Number(minutes)).toBe(1200);
    });

    it('serves an hourly series and the latest bucket', async () => {
      await events.ingest(SERVICE, 'availability', [
        { start: new Date('2026-11-25T10:05:00Z'), good: 10, total: 10 },
        { start: new Date('2026-11-25T11:05:00Z'), good: 8, total: 10 },
        { start: new Date('2026-11-25T11:10:00Z'), good: 10, total: 10 },
      ]);
      expect(
        await events.hourlySeries(
          SERVICE,
          'availability',
          new Date('2026-11-25T10:30:00Z'),
          now,
        ),
      ).toEqual([
        { t: '2026-11-25T10:00:00.000Z', good: 10, total: 10 },
        { t: '2026-11-25T11:00:00.000Z', good: 18, total: 20 },
      ]);
      expect(await events.latestBucket(SERVICE, 'availability')).toEqual(
        new Date('2026-11-25T11:10:00Z'),
      );
    });

    it("reads an Occurrences SLO's counts and series in one statement", async () => {
      // 30 hours of minutes, every 7th bad, imported history before that
      await events.importHourly(SERVICE, 'availability', [
        { start: new Date('2026-11-20T00:00:00Z'), good: 50, total: 60 },
        { start: new Date('2026-11-23T05:00:00Z'), good: 70, total: 70 },
      ]);
      await events.ingest(
        SERVICE,
        'availability',
        Array.from({ length: 30 * 60 }, (_, i) => ({
          start: minutesBefore(i),
          good: i % 7 === 0 ? 9 : 10,
          total: 10,
        })),
      );
      const windows = [
        { key: '30d', from: minutesBefore(30 * 24 * 60) },
        { key: '5m', from: minutesBefore(5) },
        { key: '1h', from: minutesBefore(60) },
        { key: '1d', from: minutesBefore(24 * 60) },
      ];
      const seriesFrom = minutesBefore(3 * 24 * 60 + 17);
      let statements = 0;
      const count = () => statements++;
      knex.on('query', count);
      const read = await events
        .occurrences(SERVICE, 'availability', now, windows, seriesFrom)
        .finally(() => knex.off('query', count));
      expect(statements).toBe(1);
      expect(read.counts).toEqual(
        await events.windowCounts(SERVICE, 'availability', now, windows),
      );
      expect(
        read.series.map(h => ({ t: h.t, good: h.good, total: h.total })),
      ).toEqual(
        await events.hourlySeries(SERVICE, 'availability', seriesFrom, now),
      );
      expect(read.series[0].t).toBe('2026-11-23T05:00:00.000Z');
      expect(read.counts.get('1h')).toEqual({ good: 610 - 9, total: 610 });
    });

    it('counts good timeslices against the slice target', async () => {
      await events.ingest(SERVICE, 'latency', [
        { start: minutesBefore(3), good: 99, total: 100 },
        { start: minutesBefore(2), good: 94, total: 100 },
        { start: minutesBefore(1), good: 95, total: 100 },
        { start: minutesBefore(0), good: 0, total: 0 }, // no traffic: not a slice
      ]);
      const counts = await events.sliceCounts(
        SERVICE,
        'latency',
        now,
        [{ key: 'w', from: minutesBefore(60) }],
        0.95,
      );
      expect(counts.get('w')).toEqual({ good: 2, total: 3 });
    });
  });
});
