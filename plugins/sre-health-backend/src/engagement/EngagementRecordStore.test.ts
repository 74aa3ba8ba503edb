import { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { SreHealthStore } from '../store';
import { EngagementRecordStore } from './EngagementRecordStore';

jest.setTimeout(60_000);

const SRE = 'user:default/alice';
const TEAM = 'group:default/payments-team';
const OTHER_TEAM = 'group:default/search-team';
const BOB = 'user:default/bob';

describe('EngagementRecordStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: SreHealthStore;
    let records: EngagementRecordStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
      records = new EngagementRecordStore(store.db, store.audit);
    });

    beforeEach(async () => {
      for (const table of [
        'engagement_seats',
        'engagement_reports',
        'engagement_transitions',
        'engagement_questions',
        'engagement_kindling',
        'engagement_decisions',
        'engagement_checklist',
        'engagement_profiles',
        'engagements',
        'audit_log',
      ]) {
        await knex(table).delete();
      }
    });

    afterAll(async () => {
      await knex.destroy();
    });

    const start = (
      teamRef = TEAM,
      more: Partial<
        Parameters<EngagementRecordStore['startEngagement']>[0]
      > = {},
    ) =>
      records.startEngagement(
        {
          teamRef,
          sreRef: SRE,
          startDate: '2026-11-02',
          plannedEndDate: '2027-01-29',
          goals: 'under the cap',
          situation: 'small-team-critical-service',
          situationNotes: 'two people, checkout',
          startFigures: null,
          ...more,
        },
        SRE,
      );

    it('starts an engagement with its profile in one transaction, one per team', async () => {
      const engagement = await start();
      expect(engagement).toMatchObject({
        teamRef: TEAM,
        phase: 'learn',
        version: 1,
      });
      expect(await records.getProfile(engagement.id)).toMatchObject({
        engagementId: engagement.id,
        situation: 'small-team-critical-service',
        situationNotes: 'two people, checkout',
        principles: [],
        version: 1,
      });

      await expect(start()).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining(
          `${TEAM} already has an embedded SRE: ${SRE} (engagement ${engagement.id}`,
        ),
      });
      // The refused start left no orphan profile behind.
      expect(
        Number((await knex('engagement_profiles').count({ n: '*' }))[0].n),
      ).toBe(1);
      await expect(start(OTHER_TEAM, { sreRef: BOB })).resolves.toMatchObject({
        teamRef: OTHER_TEAM,
      });

      const audit = await store.audit.listForEntity(TEAM);
      expect(audit.map(e => `${e.action} ${e.resourceType}`)).toEqual([
        'create engagement-profile',
        'create engagement',
      ]);
    });

    it('writes entries with versions: a stale version is a 409 and changes nothing', async () => {
      const engagement = await start();
      const decision = await records.inEngagement(engagement.id, (trx, e) =>
        records.decisions.create(
          trx,
          e,
          {
            phase: 'learn',
            decision: 'Alerts first',
            reason: 'most of the pages',
            example: '14 of 19 pages',
            author: SRE,
          },
          SRE,
          new Date(),
        ),
      );
      expect(decision).toMatchObject({
        version: 1,
        teamRef: TEAM,
        engagementId: engagement.id,
      });

      const updated = await records.inEngagement(engagement.id, (trx, e) =>
        records.decisions.update(
          trx,
          e,
          decision.id,
          1,
          () => ({ reason: 'the pages' }),
          SRE,
          new Date(),
        ),
      );
      expect(updated).toMatchObject({ version: 2, reason: 'the pages' });

      await expect(
        records.inEngagement(engagement.id, (trx, e) =>
          records.decisions.update(
            trx,
            e,
            decision.id,
            1,
            () => ({ reason: 'stale' }),
            SRE,
            new Date(),
          ),
        ),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining(
          'you sent version 1 (current version 2)',
        ),
      });
      await expect(
        records.inEngagement(engagement.id, (trx, e) =>
          records.decisions.delete(trx, e, decision.id, 1, SRE, new Date()),
        ),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect(
        (await records.decisions.list(knex, engagement.id))[0].reason,
      ).toBe('the pages');

      await records.inEngagement(engagement.id, (trx, e) =>
        records.decisions.delete(trx, e, decision.id, 2, SRE, new Date()),
      );
      expect(await records.decisions.list(knex, engagement.id)).toEqual([]);
      const audit = await store.audit.listForEntity(TEAM);
      expect(
        audit
          .filter(e => e.resourceType === 'engagement-decision')
          .map(e => e.action),
      ).toEqual(['delete', 'update', 'create']);
    });

    it('creates a profile once, then updates it only with its current version', async () => {
      const engagement = await records.startEngagement(
        {
          teamRef: TEAM,
          sreRef: SRE,
          startDate: '2026-11-02',
          goals: '',
          situation: 'other',
          situationNotes: '',
          startFigures: null,
        },
        SRE,
      );
      await expect(
        records.inEngagement(engagement.id, (trx, e) =>
          records.writeProfile(
            trx,
            e,
            undefined,
            { summary: 'x' },
            SRE,
            new Date(),
          ),
        ),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      const profile = await records.inEngagement(engagement.id, (trx, e) =>
        records.writeProfile(
          trx,
          e,
          1,
          { principles: ['Alert on what users see'] },
          SRE,
          new Date(),
        ),
      );
      expect(profile).toMatchObject({
        version: 2,
        principles: ['Alert on what users see'],
        situation: 'other',
      });
    });

    it('changes phase with the version, records the transition and freezes the report once', async () => {
      const engagement = await start();
      await expect(
        records.inEngagement(engagement.id, (trx, e) =>
          records.changePhase(
            trx,
            e,
            7,
            { to: 'share-context', reason: null, openItems: [] },
            SRE,
            new Date(),
          ),
        ),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('you sent version 7'),
      });

      const { engagement: moved, transition } = await records.inEngagement(
        engagement.id,
        (trx, e) =>
          records.changePhase(
            trx,
            e,
            1,
            {
              to: 'share-context',
              reason: 'on-call shadowing next week',
              openItems: ['shadowed-on-call'],
            },
            SRE,
            new Date(),
          ),
      );
      expect(moved).toMatchObject({ phase: 'share-context', version: 2 });
      expect(transition).toMatchObject({
        from: 'learn',
        to: 'share-context',
        reason: 'on-call shadowing next week',
        openItems: ['shadowed-on-call'],
        actor: SRE,
        engagementVersion: 2,
      });

      const closed = await records.inEngagement(engagement.id, (trx, e) =>
        records.changePhase(
          trx,
          e,
          2,
          {
            to: 'closed',
            reason: 'short engagement',
            openItems: [],
            endDate: '2026-11-20',
          },
          SRE,
          new Date(),
        ),
      );
      expect(closed.engagement).toMatchObject({
        phase: 'closed',
        endDate: '2026-11-20',
      });
      expect(
        (await records.listTransitions(engagement.id)).map(t => t.to),
      ).toEqual(['share-context', 'closed']);

      // A closed engagement refuses every write of its record.
      await expect(
        records.inEngagement(engagement.id, async () => 'written'),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: `engagement ${engagement.id} is closed (ended 2026-11-20): its record and after-action report are frozen and can no longer change`,
      });

      const report = {
        teamRef: TEAM,
        generatedAt: '2026-11-20T10:00:00.000Z',
      } as any;
      const first = await records.inEngagement(
        engagement.id,
        (trx, e) =>
          records.freezeReport(trx, e, report, '# one', {
            frozenLate: false,
            actor: SRE,
            now: new Date(),
          }),
        { allowClosed: true },
      );
      const second = await records.inEngagement(
        engagement.id,
        (trx, e) =>
          records.freezeReport(
            trx,
            e,
            { ...report, generatedAt: 'later' },
            '# two',
            {
              frozenLate: true,
              actor: SRE,
              now: new Date(),
            },
          ),
        { allowClosed: true },
      );
      expect(second).toEqual(first);
      expect(await records.getReport(engagement.id)).toMatchObject({
        markdown: '# one',
        frozenLate: false,
      });
      expect(
        await records.engagementsWithReport([engagement.id, 'nope']),
      ).toEqual(new Set([engagement.id]));
      // The closed engagement freed the team's single SRE seat.
      await expect(start()).resolves.toMatchObject({ phase: 'learn' });
      expect(
        (await records.listEngagements(TEAM)).map(e => e.phase).sort(),
      ).toEqual(['closed', 'learn']);
    });

    it('lets no write of the record slip in while the engagement closes', async () => {
      const engagement = await start();
      let decision: Promise<unknown> | undefined;
      await records.inEngagement(engagement.id, async (trx, e) => {
        await records.changePhase(
          trx,
          e,
          1,
          {
            to: 'closed',
            reason: 'done',
            openItems: [],
            endDate: '2026-11-20',
          },
          SRE,
          new Date(),
        );
        // Started while the close holds the engagement: it waits, then sees it closed.
        decision = records.inEngagement(engagement.id, (t, current) =>
          records.decisions.create(
            t,
            current,
            {
              phase: 'learn',
              decision: 'late',
              reason: 'r',
              example: 'e',
              author: SRE,
            },
            SRE,
            new Date(),
          ),
        );
        decision.catch(() => {});
        await new Promise(resolve => setTimeout(resolve, 200));
      });
      await expect(decision).rejects.toMatchObject({ name: 'ConflictError' });
      expect(await records.decisions.list(knex, engagement.id)).toEqual([]);
    });

    it('keeps one tick per checklist item', async () => {
      const engagement = await start();
      const tick = () =>
        records.inEngagement(engagement.id, (trx, e) =>
          records.ticks.create(
            trx,
            e,
            {
              phase: 'learn',
              item_key: 'shadowed-on-call',
              evidence: 'two weeks',
              ticked_by: SRE,
            },
            SRE,
            new Date(),
          ),
        );
      await tick();
      await expect(tick()).rejects.toMatchObject({
        code: expect.stringMatching(/23505|SQLITE_CONSTRAINT_UNIQUE/),
      });
      expect(
        await records.getTick(knex, engagement.id, 'shadowed-on-call'),
      ).toMatchObject({
        evidence: 'two weeks',
        phase: 'learn',
      });
    });
  });
});
