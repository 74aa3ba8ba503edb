import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from './__testUtils__/databases';
import { demoStore } from './__testUtils__/demoStore';
import { annotationSlo } from '@sre-health/backstage-plugin-sre-health-common';
import {
  SloService,
  type SloDefinitionLoader,
} from '@sre-health/backstage-plugin-sre-health-backend/seeding';
import { seedDemoData } from './seedDemoData';
import { scheduleDemoTraffic } from './sloTraffic';

jest.setTimeout(60_000);

describe('seedDemoData', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'seeds once and is safe to run again on %p',
    async id => {
      const { knex, store, logger, now } = await demoStore(databases, id);

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
      // one flag exempted for a time, with who and why
      const exempt = await knex('stressor_flags').where({ status: 'exempt' });
      expect(
        exempt.map(f => [
          f.entity_ref,
          f.stressor_key,
          f.exempt_until,
          f.exempt_by,
        ]),
      ).toEqual([
        [
          'component:default/alert-router',
          'sre-service-growing',
          '2026-12-30',
          'user:default/bob',
        ],
      ]);

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

      // Every record is dated in the story, not at the first start: the engagement was
      // recorded on its start date, Payments' flags were open before it began, and no
      // demo record is younger than a day (a week for flags).
      expect(engagement!.startDate).toBe('2026-10-19');
      expect(engagement!.createdAt).toBe('2026-10-19T09:00:00.000Z');
      const DAY = 86_400_000;
      const ageOf = (iso: string) => (now.getTime() - Date.parse(iso)) / DAY;
      const flags = await store.flags.listWhere(q => q);
      for (const flag of flags) {
        expect(ageOf(flag.createdAt)).toBeGreaterThan(7);
        expect(Date.parse(flag.updatedAt)).toBeGreaterThanOrEqual(
          Date.parse(flag.createdAt),
        );
      }
      for (const flag of flags.filter(f =>
        /payments-api|ledger-service/.test(f.entityRef),
      )) {
        expect(flag.createdAt < engagement!.createdAt).toBe(true);
      }
      const payments = 'component:default/payments-api';
      for (const record of [
        ...(await store.fires.list(payments)),
        ...(await store.postmortems.list(payments)),
        ...(await store.deferredProblems.list(payments)),
        ...(await store.complaints.list('component:default/search-indexer')),
      ]) {
        expect(ageOf(record.createdAt)).toBeGreaterThan(1);
      }
      for (const sample of await store.opsLoad.list(
        'group:default/payments-team',
      )) {
        expect(ageOf(sample.createdAt)).toBeGreaterThanOrEqual(0);
        expect(sample.createdAt.slice(0, 10) >= sample.weekStart).toBe(true);
      }
      // the phase change is a recorded transition on its own date, not "now"
      const audit = await knex('audit_log').where({
        resource_id: engagement!.id,
      });
      expect(audit.length).toBeGreaterThan(0);
      for (const entry of audit) {
        expect(new Date(entry.at).getTime()).toBeLessThan(
          now.getTime() - 7 * DAY,
        );
      }
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    "pages on payments-api's Availability SLO (1h burn about 19.7×) on %p",
    async id => {
      const { knex, store, now } = await demoStore(databases, id, [
        seedDemoData,
      ]);
      const slos = new SloService({
        store,
        loader: {} as SloDefinitionLoader,
        dataSources: new Map(),
        now: () => now,
      });
      // the slo-target shorthand of payments-api in examples/entities.yaml
      const definition = annotationSlo('99.9', '30d')!;
      const summary = await slos.summarize('component:default/payments-api', {
        definition,
        origin: 'annotation',
        location: 'sre-health.dev/slo-target',
      });
      expect(summary.displayName).toBe('Availability');
      expect(summary.alert.state).toBe('page');
      const hour = summary.burnRates.find(r => r.window === '1h')!.rate!;
      expect(hour).toBeGreaterThan(19);
      expect(hour).toBeLessThan(20.5);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps pushing the demo traffic every minute, up to the current minute, on %p',
    async id => {
      const { knex, store } = await demoStore(databases, id);
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
