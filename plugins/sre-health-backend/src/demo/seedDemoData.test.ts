import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { SreHealthStore } from '../database';
import { seedDemoData } from './seedDemoData';

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
});
