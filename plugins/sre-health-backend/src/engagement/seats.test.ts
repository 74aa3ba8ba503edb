import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { SreHealthStore } from '../store';
import { EngagementRecordStore } from './EngagementRecordStore';

jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const DAN = 'user:default/dan';
const FINTECH = 'group:default/fintech';
const PAYMENTS = 'group:default/payments-team';
const LEDGER = 'group:default/ledger-team';
const DISCOVERY = 'group:default/discovery';
const SEARCH = 'group:default/search-team';
const UNIQUE = /23505|SQLITE_CONSTRAINT_UNIQUE/;
const CHECK = /23514|SQLITE_CONSTRAINT_CHECK/;
const PLAN_MIGRATION = '20261207000300_engagement_plan.js';

/**
 * One SRE at a time, as the database keeps it: these writes go straight to the store (no
 * catalog, no route), so what refuses them is a unique index or a check constraint.
 */
describe('one SRE at a time, in the database', () => {
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
      for (const table of ['engagement_seats', 'engagements', 'audit_log']) {
        await knex(table).delete();
      }
    });

    afterAll(async () => {
      await knex.destroy();
    });

    const start = (
      teamRef: string,
      more: Partial<Parameters<EngagementRecordStore['startEngagement']>[0]>,
    ) =>
      records.startEngagement(
        {
          teamRef,
          sreRef: ALICE,
          startDate: '2026-11-02',
          plannedEndDate: '2027-01-29',
          goals: '',
          ...more,
        },
        ALICE,
      );

    const close = (id: string, version = 1) =>
      records.inEngagement(id, (trx, e) =>
        records.changePhase(
          trx,
          e,
          version,
          { to: 'closed', reason: null, openItems: [], endDate: '2026-12-01' },
          e.sreRef,
          new Date(),
        ),
      );

    it('keeps one seat per group across nested groups, freed when the engagement closes', async () => {
      const parent = await start(FINTECH, {
        seats: [FINTECH, PAYMENTS, LEDGER],
      });
      await expect(start(PAYMENTS, { sreRef: BOB })).rejects.toMatchObject({
        name: 'ConflictError',
        message: `${PAYMENTS} is nested under ${FINTECH}, which already has an embedded SRE: ${ALICE} (engagement ${parent.id}, phase learn). Only one SRE is embedded at a time across nested groups.`,
      });
      // a team first, then the group it is nested in
      const search = await start(SEARCH, { sreRef: BOB });
      await expect(
        start(DISCOVERY, { sreRef: DAN, seats: [DISCOVERY, SEARCH] }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: `${SEARCH}, nested under ${DISCOVERY}, already has an embedded SRE: ${BOB} (engagement ${search.id}, phase learn). Only one SRE is embedded at a time across nested groups.`,
      });
      // The index refuses a second seat whatever writes it.
      await expect(
        knex('engagement_seats').insert({
          engagement_id: search.id,
          engagement_phase: 'learn',
          group_ref: LEDGER,
        }),
      ).rejects.toMatchObject({ code: expect.stringMatching(UNIQUE) });
      expect(Number((await knex('engagements').count({ n: '*' }))[0].n)).toBe(
        2,
      );

      // Closing frees the seats in the same statement (the phase cascades to them) ...
      await close(parent.id);
      expect(
        await knex('engagement_seats')
          .where({ engagement_id: parent.id })
          .pluck('engagement_phase'),
      ).toEqual(['closed', 'closed', 'closed']);
      await expect(start(PAYMENTS, { sreRef: DAN })).resolves.toMatchObject({
        phase: 'learn',
      });
      // ... whichever way it closes: here through the repository, without the record.
      await store.engagements.update(
        search.id,
        1,
        { phase: 'closed', endDate: '2026-12-01' },
        BOB,
      );
      await expect(
        start(DISCOVERY, { sreRef: BOB, seats: [DISCOVERY, SEARCH] }),
      ).resolves.toMatchObject({ teamRef: DISCOVERY });
    });

    it('lets an SRE run a second engagement at the same time only with a reason', async () => {
      const first = await start(PAYMENTS, {});
      const refusal = {
        name: 'ConflictError',
        message: `${ALICE} is already embedded with ${PAYMENTS} (engagement ${first.id}, phase learn). One SRE is embedded with one team at a time: a second engagement at the same time needs concurrentReason, saying why it cannot wait.`,
      };
      await expect(start(SEARCH, {})).rejects.toMatchObject(refusal);
      // the generic repository is held to it too
      await expect(
        store.engagements.create(
          {
            teamRef: SEARCH,
            sreRef: ALICE,
            startDate: '2026-11-02',
            goals: '',
          },
          ALICE,
        ),
      ).rejects.toMatchObject(refusal);

      const second = await start(SEARCH, {
        concurrentReason: 'Search launches in two weeks; Bob joins after',
      });
      expect(second).toMatchObject({
        concurrentReason: 'Search launches in two weeks; Bob joins after',
        plannedEndDate: '2027-01-29',
      });
      // one override does not open the door to a third without one
      await expect(start(LEDGER, {})).rejects.toMatchObject(refusal);
      await close(first.id);
      await expect(start(LEDGER, {})).resolves.toMatchObject({
        concurrentReason: null,
      });
    });

    it('checks the plan: an end after the start, a reason that says something', async () => {
      const e = await start(PAYMENTS, {});
      await expect(
        knex('engagements')
          .where({ id: e.id })
          .update({ planned_end_date: '2026-11-02' }),
      ).rejects.toMatchObject({ code: expect.stringMatching(CHECK) });
      await expect(
        knex('engagements')
          .where({ id: e.id })
          .update({ concurrent_reason: '  ' }),
      ).rejects.toMatchObject({ code: expect.stringMatching(CHECK) });
      expect(await store.engagements.get(e.id)).toMatchObject({
        plannedEndDate: '2027-01-29',
        concurrentReason: null,
      });
    });
  });

  describe.each(databases.eachSupportedId())('migrating on %p', databaseId => {
    it('marks engagements that already overlapped for one SRE, and seats the running ones', async () => {
      const knex = await databases.init(databaseId);
      const directory = resolvePackagePath(
        '@sre-health/backstage-plugin-sre-health-backend',
        'migrations',
      );
      const before = fs
        .readdirSync(directory)
        .filter(f => f.endsWith('.js') && f < PLAN_MIGRATION)
        .sort();
      const source = (files: string[]): Knex.MigrationSource<string> => ({
        getMigrations: async () => files,
        getMigrationName: f => f,
        getMigration: async f => require(path.join(directory, f)),
      });
      await knex.migrate.latest({ migrationSource: source(before) });
      const row = (
        id: string,
        teamRef: string,
        sreRef: string,
        phase: string,
      ) => ({
        id,
        team_ref: teamRef,
        sre_ref: sreRef,
        phase,
        start_date: `2026-0${id.length}-01`,
        end_date: phase === 'closed' ? '2026-09-01' : null,
        goals: '',
        created_by: sreRef,
        version: 1,
        created_at: new Date(),
        updated_at: new Date(),
      });
      await knex('engagements').insert([
        row('a', PAYMENTS, ALICE, 'learn'),
        row('bb', SEARCH, ALICE, 'drive-change'),
        row('ccc', LEDGER, ALICE, 'closed'),
      ]);

      await knex.migrate.latest({
        migrationSource: source(
          fs
            .readdirSync(directory)
            .filter(f => f.endsWith('.js'))
            .sort(),
        ),
      });
      const after = await knex('engagements')
        .orderBy('id')
        .select('id', 'concurrent_reason', 'planned_end_date');
      expect(after).toEqual([
        { id: 'a', concurrent_reason: null, planned_end_date: null },
        {
          id: 'bb',
          concurrent_reason:
            'Running before one team per SRE was enforced (migration 20261207000300).',
          planned_end_date: null,
        },
        { id: 'ccc', concurrent_reason: null, planned_end_date: null },
      ]);
      expect(
        await knex('engagement_seats')
          .orderBy('engagement_id')
          .select('engagement_id', 'engagement_phase', 'group_ref'),
      ).toEqual([
        { engagement_id: 'a', engagement_phase: 'learn', group_ref: PAYMENTS },
        {
          engagement_id: 'bb',
          engagement_phase: 'drive-change',
          group_ref: SEARCH,
        },
      ]);
      await knex.destroy();
    });
  });
});
