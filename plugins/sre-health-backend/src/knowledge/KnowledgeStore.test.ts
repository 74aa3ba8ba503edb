import { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { SreHealthStore } from '../store';
import type { TruckFactorResult } from '../truckFactor';
import { KnowledgeStore } from './KnowledgeStore';

jest.setTimeout(60_000);

const LEDGER = 'component:default/ledger-service';
const PAYMENTS = 'component:default/payments-api';
const CAROL = 'user:default/carol';
const DAN = 'user:default/dan';
const at = new Date('2026-11-28T10:00:00.000Z');

/** A result as the engine returns it, with 25 lost files (more than the card lists). */
function result(overrides: Partial<TruckFactorResult> = {}): TruckFactorResult {
  const lost = Array.from({ length: 25 }, (_, i) => `src/lost/${i}.ts`);
  const authorsByFile: Record<string, string[]> = {
    'src/a.ts': [CAROL],
    'src/b.ts': [CAROL, DAN],
    'src/c.ts': [],
    ...Object.fromEntries(lost.map(f => [f, ['Mallory <m@example.com>']])),
  };
  const author = (name: string, files: number, departed = false) => ({
    author: name,
    files,
    share: files / 28,
    departed,
    identities: [name],
    lastCommitAt: 1_700_000_000,
  });
  return {
    status: 'ok',
    headSha: 'a'.repeat(40),
    fileCount: 28,
    excludedFileCount: 2,
    excludedByRule: {
      config: 0,
      vendored: 1,
      documentation: 0,
      generated: 0,
      other: 1,
    },
    excludedFiles: [
      { path: 'logo.png', rule: 'other' },
      { path: 'vendor/x.js', rule: 'vendored' },
    ],
    mergedIdentities: [
      {
        person: CAROL,
        identities: ['Carol <c@example.com>', 'carol <c@home.example>'],
        reasons: ['catalog-email', 'same-name'],
      },
    ],
    filesWithoutAuthor: 1,
    truckFactor: 1,
    truckFactorAuthors: ['Mallory <m@example.com>'],
    activeTruckFactor: 0,
    activeTruckFactorAuthors: [],
    topAuthors: [
      author('Mallory <m@example.com>', 25, true),
      author(CAROL, 2),
      author(DAN, 1),
    ],
    departedAuthors: [author('Mallory <m@example.com>', 25, true)],
    lostFiles: lost,
    authorsByFile,
    run: {
      mode: 'full',
      fullRunReason: 'no-previous-state',
      commitsRead: 30,
      shallowRepository: false,
      renameDetection: 'exact',
      missingObjects: { count: 1, shown: ['b'.repeat(40)] },
      durationMs: 42,
    },
    state: {
      version: 1,
      lastSha: 'a'.repeat(40),
      developers: {},
      files: {},
    },
    coverage: () => {
      throw new Error('not stored');
    },
    ...overrides,
  };
}

describe('KnowledgeStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: KnowledgeStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      // the plugin's migrations (this store's tables included) come with SreHealthStore
      await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
      store = new KnowledgeStore(knex);
    });
    beforeEach(async () => {
      await knex('truck_factor_analyses').delete();
      await knex('oncall_shifts').delete();
    });
    afterAll(async () => knex.destroy());

    it('stores a result, its state and a compact authorship map', async () => {
      const stored = await store.saveResult(
        LEDGER,
        '/repos/ledger',
        result(),
        at,
      );
      expect(stored.lostFiles.count).toBe(25);
      expect(stored.lostFiles.paths).toHaveLength(20);
      expect(stored.exclusions).toEqual({
        count: 2,
        byRule: result().excludedByRule,
        files: result().excludedFiles,
      });
      expect(stored.mergedIdentities).toEqual(result().mergedIdentities);
      expect(stored.run.missingObjects).toEqual({
        count: 1,
        shown: ['b'.repeat(40)],
      });
      expect(stored).not.toHaveProperty('authorsByFile');
      expect(stored).not.toHaveProperty('state');

      const record = await store.getAnalysis(LEDGER);
      expect(record).toEqual({
        entityRef: LEDGER,
        repository: '/repos/ledger',
        status: 'ok',
        reason: null,
        headSha: 'a'.repeat(40),
        attemptedAt: at.toISOString(),
        durationMs: 42,
        result: stored,
      });
      expect(await store.getState(LEDGER, '/repos/ledger')).toEqual(
        result().state,
      );
      // the state of another repository is no starting point
      expect(await store.getState(LEDGER, '/repos/other')).toBeUndefined();
      expect(await store.getAuthorship(LEDGER)).toEqual({
        authorsByFile: result().authorsByFile,
      });
      // the compact form names each author once
      const row = await knex('truck_factor_analyses')
        .where({ entity_ref: LEDGER })
        .first();
      expect(JSON.parse(row.authorship).authors).toEqual([
        CAROL,
        DAN,
        'Mallory <m@example.com>',
      ]);
    });

    it('replaces the analysis on the next run', async () => {
      await store.saveResult(LEDGER, '/repos/ledger', result(), at);
      await store.saveResult(
        LEDGER,
        '/repos/ledger',
        result({ headSha: 'b'.repeat(40), truckFactor: 2 }),
        new Date(at.getTime() + 60_000),
      );
      const record = await store.getAnalysis(LEDGER);
      expect(record?.headSha).toBe('b'.repeat(40));
      expect(record?.result?.truckFactor).toBe(2);
      expect(
        Number((await knex('truck_factor_analyses').count({ n: '*' }))[0].n),
      ).toBe(1);
    });

    it('keeps the last good figures when the repository becomes unreadable', async () => {
      await store.saveResult(LEDGER, '/repos/ledger', result(), at);
      const later = new Date(at.getTime() + 3_600_000);
      await store.saveUnavailable(
        LEDGER,
        '/repos/ledger',
        '/repos/ledger does not exist',
        later,
        3,
      );
      const record = await store.getAnalysis(LEDGER);
      expect(record).toMatchObject({
        status: 'unavailable',
        reason: '/repos/ledger does not exist',
        attemptedAt: later.toISOString(),
        headSha: 'a'.repeat(40),
        result: { truckFactor: 1, analyzedAt: at.toISOString() },
      });
      expect(await store.getState(LEDGER, '/repos/ledger')).toBeDefined();

      // another repository: the old figures do not describe it
      await store.saveUnavailable(LEDGER, '/repos/moved', 'gone', later, 1);
      expect(await store.getAnalysis(LEDGER)).toMatchObject({
        repository: '/repos/moved',
        status: 'unavailable',
        result: null,
        headSha: null,
      });
      expect(await store.getAuthorship(LEDGER)).toBeUndefined();
    });

    it('lists analyses of many components and drops those no longer analysed', async () => {
      await store.saveResult(LEDGER, '/repos/ledger', result(), at);
      await store.saveUnavailable(PAYMENTS, '/repos/payments', 'x', at, 1);
      const all = await store.listAnalyses([
        LEDGER,
        PAYMENTS,
        'component:default/none',
      ]);
      expect([...all.keys()].sort()).toEqual([LEDGER, PAYMENTS]);
      expect(await store.deleteAnalysesExcept([PAYMENTS])).toBe(1);
      expect(await store.getAnalysis(LEDGER)).toBeUndefined();
      expect(await store.getAnalysis(PAYMENTS)).toBeDefined();
    });

    it('stores on-call shifts idempotently: a re-push updates, never duplicates', async () => {
      const shifts = [
        {
          userRef: CAROL,
          startsAt: '2026-11-02T09:00:00.000Z',
          endsAt: '2026-11-09T09:00:00.000Z',
        },
        {
          userRef: DAN,
          startsAt: '2026-11-09T09:00:00.000Z',
          endsAt: '2026-11-16T09:00:00.000Z',
        },
      ];
      expect(
        await store.upsertShifts(LEDGER, shifts, 'service:pagerduty', at),
      ).toBe(2);
      expect(
        await store.upsertShifts(LEDGER, shifts, 'service:pagerduty', at),
      ).toBe(2);
      // the same shift twice in one push, and a corrected end
      await store.upsertShifts(
        LEDGER,
        [
          { ...shifts[1], endsAt: '2026-11-15T09:00:00.000Z' },
          { ...shifts[1], endsAt: '2026-11-14T09:00:00.000Z' },
        ],
        'user:default/alice',
        at,
      );
      await store.upsertShifts(PAYMENTS, [shifts[0]], 'demo', at);

      expect(await store.listShifts([LEDGER])).toEqual([
        {
          entityRef: LEDGER,
          userRef: DAN,
          startsAt: '2026-11-09T09:00:00.000Z',
          endsAt: '2026-11-14T09:00:00.000Z',
          source: 'user:default/alice',
        },
        {
          entityRef: LEDGER,
          userRef: CAROL,
          startsAt: '2026-11-02T09:00:00.000Z',
          endsAt: '2026-11-09T09:00:00.000Z',
          source: 'service:pagerduty',
        },
      ]);
      expect(
        await store.listShifts([LEDGER, PAYMENTS], {
          since: new Date('2026-11-10T00:00:00Z'),
        }),
      ).toHaveLength(1);
      expect(
        await store.listShifts([LEDGER, PAYMENTS], { limit: 2 }),
      ).toHaveLength(2);
      expect(await store.listShifts([])).toEqual([]);
    });

    it('refuses a shift that ends before it starts', async () => {
      const error = await knex('oncall_shifts')
        .insert({
          entity_ref: LEDGER,
          user_ref: CAROL,
          starts_at: new Date('2026-11-09T00:00:00Z'),
          ends_at: new Date('2026-11-02T00:00:00Z'),
          source: 'x',
          recorded_at: at,
        })
        .then(
          () => undefined,
          (e: Error) => e,
        );
      expect(error?.message).toMatch(/oncall_shifts_order/);
    });
  });
});
