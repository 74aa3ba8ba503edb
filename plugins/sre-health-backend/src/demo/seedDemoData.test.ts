import {
  DatabaseService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { SreHealthStore } from '../database';
import { scheduleDemoTraffic, seedDemoData } from './seedDemoData';

jest.setTimeout(60_000);

describe('seedDemoData', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'seeds once and is safe to run again on %p',
    async id => {
      const knex = await databases.init(id);
      const store = await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
      const logger = mockServices.logger.mock();
      const now = new Date('2026-11-25T12:30:00Z');

      await seedDemoData(store, logger, now);
      const count = async (table: string) =>
        Number((await knex(table).count({ n: '*' }))[0].n);
      const first = {
        flags: await count('stressor_flags'),
        engagements: await count('engagements'),
        minutes: await count('slo_events'),
        hours: await count('slo_events_hourly'),
      };
      expect(first.flags).toBe(8);
      expect(first.engagements).toBe(1);

      await seedDemoData(store, logger, new Date(now.getTime() + 3_600_000));
      expect(await count('stressor_flags')).toBe(first.flags);
      expect(await count('engagements')).toBe(first.engagements);
      // A later start tops SLO traffic up to the current minute: 60 new minutes per SLO,
      // and one new hourly rollup row per SLO.
      expect(await count('slo_events')).toBe(first.minutes + 5 * 60);
      expect(await count('slo_events_hourly')).toBe(first.hours + 5);

      const engagement = await store.activeEngagement(
        'group:default/payments-team',
      );
      expect(engagement).toMatchObject({
        sreRef: 'user:default/alice',
        phase: 'share-context',
      });
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps pushing the demo traffic every minute, up to the current minute, on %p',
    async id => {
      const knex = await databases.init(id);
      const store = await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
      const scheduler = mockServices.scheduler.mock();
      await scheduleDemoTraffic(scheduler, store);
      const task = scheduler.scheduleTask.mock
        .calls[0][0] as SchedulerServiceTaskScheduleDefinition & {
        fn: () => Promise<void>;
      };
      expect(task.frequency).toEqual({ minutes: 1 });

      await task.fn();
      const minute = Math.floor(Date.now() / 60_000) * 60_000;
      const latest = await knex('slo_events')
        .select('entity_ref')
        .max({ last: 'bucket_start' })
        .count({ n: '*' })
        .groupBy('entity_ref');
      expect(latest).toHaveLength(5);
      for (const row of latest) {
        // the last quarter hour, ending at the current minute
        expect(Number(row.n)).toBe(16);
        expect(new Date(row.last).getTime()).toBeGreaterThanOrEqual(minute);
      }
      await task.fn(); // idempotent: the same minutes again
      expect(
        Number((await knex('slo_events').count({ n: '*' }))[0].n),
      ).toBeGreaterThanOrEqual(80);
      expect(
        Number((await knex('slo_events').count({ n: '*' }))[0].n),
      ).toBeLessThanOrEqual(85);
      await knex.destroy();
    },
  );
});
