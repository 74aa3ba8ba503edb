import { createTestDatabases } from '../__testUtils__/databases';
import { demoStore } from '../__testUtils__/demoStore';
import {
  EngagementRecordStore,
  buildTimeline,
} from '@sre-health/backstage-plugin-sre-health-backend/seeding';
import { seedDemoData } from '../seedDemoData';
import { seedEngagementDemo } from './seedEngagementDemo';

jest.setTimeout(120_000);

describe('seedEngagementDemo', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'seeds a closed engagement with its frozen report and the record of the one in progress, once, on %p',
    async id => {
      const { knex, store, logger, now } = await demoStore(databases, id, [
        seedDemoData,
        seedEngagementDemo,
      ]);
      await seedEngagementDemo(
        store,
        logger,
        new Date(now.getTime() + 3_600_000),
      );

      const records = new EngagementRecordStore(store.db, store.audit);
      const [closed] = await records.listEngagements(
        'group:default/search-team',
      );
      expect(closed).toMatchObject({
        phase: 'closed',
        sreRef: 'user:default/bob',
        startDate: '2026-06-29',
        endDate: '2026-09-25',
      });
      const stored = (await records.getReport(closed.id))!;
      expect(stored.frozenLate).toBe(false);
      expect(stored.report.kindling.progress.label).toBe('3 of 3–4 cleared');
      expect(stored.report.problem.start!.ops.opsShare).toBeGreaterThan(0.5);
      expect(stored.report.problem.end.ops.opsShare).toBeLessThan(0.5);
      expect(
        stored.report.phases
          .filter(p => p.decisions.length > 0)
          .map(p => p.phase),
      ).toEqual(['learn', 'share-context', 'drive-change']);
      expect(
        stored.report.phases.find(p => p.phase === 'share-context')!.movedOn,
      ).toEqual([
        expect.objectContaining({
          to: 'drive-change',
          openItems: ['fires-shared'],
        }),
      ]);
      expect(stored.report.remains.kindling).toHaveLength(1);
      expect(stored.markdown).toContain('# After-action report: search-team');
      expect((await records.listTransitions(closed.id)).map(t => t.to)).toEqual(
        ['share-context', 'drive-change', 'report', 'closed'],
      );

      const active = (await store.activeEngagement(
        'group:default/payments-team',
      ))!;
      expect(active.phase).toBe('share-context');
      expect(await records.getProfile(active.id)).toMatchObject({
        situation: 'small-team-critical-service',
        startFigures: expect.objectContaining({ source: 'history' }),
      });
      expect(await records.kindling.list(knex, active.id)).toHaveLength(2);
      expect(await records.questions.list(knex, active.id)).toHaveLength(2);
      // The flags open when Alice arrived, replayed from their history: Payments' four.
      const startFigures = (await records.getProfile(active.id))!.startFigures!;
      expect(startFigures.services).toHaveLength(2);
      expect(startFigures.stressors.open).toBe(4);
      // Its timeline reads in date order, from the start date to the last entry, all past.
      const [transitions, ticks, decisions, kindling, questions] =
        await Promise.all([
          records.listTransitions(active.id),
          records.ticks.list(knex, active.id),
          records.decisions.list(knex, active.id),
          records.kindling.list(knex, active.id),
          records.questions.list(knex, active.id),
        ]);
      expect(transitions).toEqual([
        expect.objectContaining({
          to: 'share-context',
          at: '2026-10-27T09:00:00.000Z',
        }),
      ]);
      const timeline = buildTimeline({
        engagement: active,
        transitions,
        ticks,
        decisions,
        kindling,
        questions,
      });
      expect(timeline[0]).toMatchObject({
        kind: 'started',
        at: '2026-10-19T00:00:00.000Z',
      });
      const times = timeline.map(e => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times)).toBeLessThan(now.getTime());
      expect(Number((await knex('engagements').count({ n: '*' }))[0].n)).toBe(
        2,
      );
      await knex.destroy();
    },
  );
});
