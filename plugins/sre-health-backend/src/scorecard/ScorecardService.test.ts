import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import type { Knex } from 'knex';
import {
  scorecardCsvHeader,
  scorecardToCsv,
} from '@sre-health/backstage-plugin-sre-health-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { SreHealthStore } from '../store';
import { SloDefinitionLoader } from '../slo/SloDefinitionLoader';
import { SloService } from '../slo';
import {
  grp,
  insertFlag,
  ref,
  scorecardEntities,
  seedScorecardInputs,
  seedTruckFactors,
} from './__testUtils__/fixtures';
import { ScorecardService, ScorecardSyncResult } from './ScorecardService';
import { CompoundRiskRecorder } from './CompoundRiskRecorder';
import type { ScorecardCatalogCopy } from './ScorecardCatalogCopy';
import type { ScorecardExportText } from './ScorecardExportText';
import type { ScorecardQuery } from './ScorecardQuery';
import type { ScorecardView } from './view';
import { parseCsv } from './__testUtils__/csv';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-20T12:00:00.000Z');

const MINUTE = 60_000;

describe('ScorecardService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: SreHealthStore;
    let scorecard: ScorecardService;
    let query: ScorecardQuery;
    let exportText: ScorecardExportText;
    let catalogCopy: ScorecardCatalogCopy;
    let firstSync: ScorecardSyncResult;
    // what the sync tells its SLO observers (the error-budget policy, the notifications)
    const sloObserver = {
      observe: jest.fn(async (..._args: unknown[]) => {}),
      sweep: jest.fn(async (_withSlos: ReadonlySet<string>) => {}),
    };

    const service = (entities = scorecardEntities, now = NOW) =>
      new ScorecardService({
        db: store.db,
        sloObservers: [
          {
            observe: async () => {
              throw new Error('an observer that fails');
            },
            sweep: async () => {
              throw new Error('an observer that fails');
            },
          },
          sloObserver,
        ],
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        slos: new SloService({
          store,
          loader: new SloDefinitionLoader({
            store,
            urlReader: mockServices.urlReader.mock(),
            integrations: {} as any,
          }),
          dataSources: new Map(),
          now: () => now,
        }),
        logger: mockServices.logger.mock(),
        now: () => now,
      });

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
      await seedScorecardInputs(knex);
      // payments-api burns its budget (2% errors against 99.9%), search-api is healthy
      const buckets = (errors: number) =>
        Array.from({ length: 60 }, (_, i) => ({
          start: new Date(NOW.getTime() - (i + 1) * MINUTE),
          good: 100 - errors,
          total: 100,
        }));
      await store.sloEvents.ingest(
        ref('payments-api'),
        'availability',
        buckets(2),
      );
      await store.sloEvents.ingest(
        ref('search-api'),
        'availability',
        buckets(0),
      );
      scorecard = service();
      ({ query, exportText, catalogCopy } = scorecard);
      sloObserver.observe.mockClear();
      sloObserver.sweep.mockClear();
      firstSync = await scorecard.sync();
    });

    afterAll(async () => {
      await knex.destroy();
    });

    const names = async (view: ScorecardView) =>
      (await query.rows(view)).map(r => r.name);

    it('syncs the services and groups, and the SLO statuses of the services with SLOs', () => {
      expect(firstSync).toMatchObject({
        entities: 6,
        groups: 6,
        removed: 0,
        slosComputed: 2,
      });
    });

    it("tells its SLO observers each service's SLOs, then the services that have SLOs; one failing stops none", () => {
      const told = sloObserver.observe.mock.calls
        .slice(0, 2)
        .map(([entityRef, , slos, complete]) => [
          entityRef,
          (slos as Array<{ name: string }>).map(s => s.name),
          complete,
        ]);
      expect(told.sort()).toEqual([
        [ref('payments-api'), ['availability'], true],
        [ref('search-api'), ['availability'], true],
      ]);
      expect([...sloObserver.sweep.mock.calls[0][0]].sort()).toEqual([
        ref('payments-api'),
        ref('search-api'),
      ]);
    });

    it('copies services with their catalog facts, leaving out what the tab does not apply to', async () => {
      const { rows, total } = await query.page({}, 0, 50);
      expect(total).toBe(6);
      const byName = Object.fromEntries(rows.map(r => [r.name, r]));
      expect(Object.keys(byName).sort()).toEqual([
        'billing-batch',
        'data-pipeline',
        'ledger-service',
        'payments-api',
        'search-api',
        'search-indexer',
      ]);
      expect(byName['data-pipeline']).toMatchObject({
        entityRef: ref('data-pipeline'),
        title: 'Data Pipeline',
        ownerRef: grp('search-team'),
        systemRef: null,
        tier: 'high',
      });
      expect(byName['billing-batch'].ownerRef).toBe('user:default/carol');
      expect(byName['search-indexer']).toMatchObject({
        systemRef: 'system:default/search',
        lifecycle: 'experimental',
        tier: 'standard',
      });
      expect(await query.syncedAt()).toBe(NOW.toISOString());
    });

    it('shows each stressor with its state and effective level, and the highest level', async () => {
      const payments = (await query.page({}, 0, 2)).rows.find(
        r => r.name === 'payments-api',
      )!;
      expect(payments.name).toBe('payments-api');
      expect(payments.maxLevel).toBe(5);
      expect(payments.atMaxLevel).toBe(1);
      expect(payments.openStressors).toBe(3);
      expect(payments.stressors).toEqual({
        'knowledge-gap': null, // resolved
        'sre-service-growing': null,
        'next-big-thing': { status: 'mitigating', level: 3 },
        'undiagnosed-alerts': { status: 'open', level: 5 },
        'complaints-without-slo': null,
        'naive-capacity-plan': null,
        'rollback-only-postmortems': { status: 'open', level: 4 }, // override
        'devs-own-it': { status: 'dismissed', level: 0 },
        // a custom stressor open on a service of the view has a column everywhere
        'custom:batch-window': null,
      });
      expect(payments.engagement).toMatchObject({
        phase: 'learn',
        sreRef: 'user:default/alice',
      });
      expect(payments.opsShare).toBeCloseTo(0.7, 5);
      expect(payments.slo).toMatchObject({ status: 'breached', count: 1 });
      expect(payments.slo!.budgetRemaining).toBeLessThan(0);
    });

    it('ranks by the highest stress level by default, then the stressors at it, then name', async () => {
      const rank = async (view: ScorecardView = {}) =>
        (await query.rows(view)).map(r => [r.name, r.maxLevel, r.atMaxLevel]);
      expect(await rank()).toEqual([
        ['ledger-service', 5, 1], // level 5 once each: by name
        ['payments-api', 5, 1],
        ['search-api', 2, 1],
        ['data-pipeline', 1, 1],
        ['billing-batch', 0, 0],
        ['search-indexer', 0, 0],
      ]);
      // levels are not summed: three level-4 stressors stay below one level 5; a second
      // level 5 (a custom stressor too) puts payments-api first
      const extra = [
        ['search-indexer', 'knowledge-gap', 4],
        ['search-indexer', 'next-big-thing', 4],
        ['search-indexer', 'custom:pager-storm', 4],
        ['payments-api', 'custom:pager-storm', 5],
      ] as const;
      for (const [name, key, level] of extra) {
        await insertFlag(knex, ref(name), key, level);
      }
      try {
        expect(await rank()).toEqual([
          ['payments-api', 5, 2],
          ['ledger-service', 5, 1],
          ['search-indexer', 4, 3],
          ['search-api', 2, 1],
          ['data-pipeline', 1, 1],
          ['billing-batch', 0, 0],
        ]);
        const page = await query.page({}, 0, 3);
        expect(page.rows.map(r => r.name)).toEqual([
          'payments-api',
          'ledger-service',
          'search-indexer',
        ]);
        expect(page.customStressors).toEqual([
          'custom:batch-window',
          'custom:pager-storm',
        ]);
        expect(page.highStress).toBe(3);
        expect((await rank({ order: 'asc' }))[0]).toEqual([
          'billing-batch',
          0,
          0,
        ]);
        // the page's order is the export's
        const text = await exportText.rowsText({}, 'json');
        expect(text.map(t => JSON.parse(t).name)).toEqual(
          (await rank()).map(r => r[0]),
        );
      } finally {
        await knex('stressor_flags')
          .where('stressor_key', 'custom:pager-storm')
          .orWhere(q =>
            q
              .where('entity_ref', ref('search-indexer'))
              .whereIn('stressor_key', ['knowledge-gap', 'next-big-thing']),
          )
          .delete();
      }
    });

    it('sorts by any column, either way, with blanks last', async () => {
      expect(await names({ sort: 'name' })).toEqual([
        'billing-batch',
        'data-pipeline',
        'ledger-service',
        'payments-api',
        'search-api',
        'search-indexer',
      ]);
      expect(await names({ sort: 'name', order: 'desc' })).toEqual([
        'search-indexer',
        'search-api',
        'payments-api',
        'ledger-service',
        'data-pipeline',
        'billing-batch',
      ]);
      expect(await names({ sort: 'knowledge-gap' })).toEqual([
        'ledger-service',
        'billing-batch',
        'data-pipeline',
        'payments-api',
        'search-api',
        'search-indexer',
      ]);
      // open 4 > mitigating/none; a dismissed flag sorts after an open one, before none
      expect((await names({ sort: 'devs-own-it' }))[0]).toBe('payments-api');
      expect(await names({ sort: 'slo' })).toEqual([
        'payments-api',
        'search-api',
        'billing-batch',
        'data-pipeline',
        'ledger-service',
        'search-indexer',
      ]);
      expect(await names({ sort: 'tier', order: 'desc' })).toEqual([
        'ledger-service',
        'payments-api',
        'data-pipeline',
        'search-api',
        'billing-batch',
        'search-indexer',
      ]);
      expect(await names({ sort: 'opsShare' })).toEqual([
        'payments-api',
        'data-pipeline',
        'search-api',
        'search-indexer',
        'billing-batch',
        'ledger-service',
      ]);
      expect((await names({ sort: 'engagement' }))[0]).toBe('payments-api');
      expect(await names({ sort: 'owner', order: 'asc' })).toEqual([
        'ledger-service',
        'payments-api',
        'data-pipeline',
        'search-api',
        'search-indexer',
        'billing-batch',
      ]);
      expect(await names({ sort: 'lifecycle', order: 'desc' })).toEqual([
        'billing-batch',
        'data-pipeline',
        'ledger-service',
        'payments-api',
        'search-api',
        'search-indexer',
      ]);
    });

    it('filters by owner through nested groups, and by user owners', async () => {
      expect(
        await names({ owner: [grp('engineering')], sort: 'name' }),
      ).toEqual([
        'data-pipeline',
        'ledger-service',
        'payments-api',
        'search-api',
        'search-indexer',
      ]);
      expect(
        await names({ owner: [grp('payments-team')], sort: 'name' }),
      ).toEqual(['ledger-service', 'payments-api']);
      expect(await names({ owner: ['user:default/carol'] })).toEqual([
        'billing-batch',
      ]);
      expect(await names({ owner: [grp('marketing')] })).toEqual([]);
    });

    it('filters by system, lifecycle, tier, engagement, stressor and text', async () => {
      expect(
        await names({ system: ['system:default/payments'], sort: 'name' }),
      ).toEqual(['ledger-service', 'payments-api']);
      expect(await names({ lifecycle: ['experimental'] })).toEqual([
        'search-indexer',
      ]);
      expect(await names({ tier: ['critical', 'high'], sort: 'name' })).toEqual(
        ['data-pipeline', 'ledger-service', 'payments-api', 'search-api'],
      );
      expect(await names({ engagement: true })).toEqual(['payments-api']);
      expect(await names({ engagement: false })).toHaveLength(5);
      // a resolved flag does not count; a dismissed one neither
      expect(await names({ stressor: ['knowledge-gap'] })).toEqual([
        'ledger-service',
      ]);
      expect(await names({ stressor: ['devs-own-it'] })).toEqual([]);
      expect(await names({ q: 'PIPE' })).toEqual(['data-pipeline']);
      expect(await names({ q: 'data pipeline' })).toEqual(['data-pipeline']);
      expect(await names({ q: '%' })).toEqual([]);
      expect(
        await names({
          owner: [grp('engineering')],
          tier: ['critical'],
          engagement: false,
        }),
      ).toEqual(['ledger-service']);
    });

    it("ranks by the level the team rated: a detector's proposal never outranks a rating, and says so", async () => {
      // search-indexer: a detector proposes 5 and 4, nobody has rated them yet
      await insertFlag(
        knex,
        ref('search-indexer'),
        'knowledge-gap',
        5,
        'open',
        null,
      );
      await insertFlag(
        knex,
        ref('search-indexer'),
        'devs-own-it',
        4,
        'mitigating',
        null,
      );
      // billing-batch: a proposal of 2, nobody rated it either
      await insertFlag(
        knex,
        ref('billing-batch'),
        'next-big-thing',
        2,
        'open',
        null,
      );
      const rank = async (view: ScorecardView = {}) =>
        (await query.rows(view)).map(r => [
          r.name,
          r.maxLevel,
          r.maxProposedLevel,
          r.unratedStressors,
        ]);
      try {
        // proposals only break ties between equal ratings (here: none at all)
        expect(await rank()).toEqual([
          ['ledger-service', 5, 0, 0],
          ['payments-api', 5, 0, 0],
          ['search-api', 2, 0, 0],
          ['data-pipeline', 1, 0, 0],
          ['search-indexer', 0, 5, 2],
          ['billing-batch', 0, 2, 1],
        ]);
        const page = await query.page({}, 0, 10);
        expect(page.rows.map(r => r.name)).toEqual(
          (await rank()).map(r => r[0]),
        );
        // the verdict counts rated levels: a proposed 5 is not "high stress" yet
        expect(page.highStress).toBe(2);
        const indexer = page.rows.find(r => r.name === 'search-indexer')!;
        expect(indexer.stressors['knowledge-gap']).toEqual({
          status: 'open',
          level: 5,
          proposed: true,
        });
        expect(indexer.stressors['devs-own-it']).toEqual({
          status: 'mitigating',
          level: 4,
          proposed: true,
        });
        // a stressor's column: ratings above proposals, then by level
        expect(
          (await query.rows({ sort: 'knowledge-gap' }))
            .slice(0, 2)
            .map(r => r.name),
        ).toEqual(['ledger-service', 'search-indexer']);
        // the database's JSON and CSV say the same
        const json = await exportText.rowsText({}, 'json');
        expect(JSON.parse(`[${json.join(',')}]`)).toEqual(await query.rows({}));
        const custom = await query.customStressors({});
        const csv = await exportText.rowsText({}, 'csv');
        const rows = await query.rows({});
        expect(
          `\uFEFF${[scorecardCsvHeader(custom), ...csv].join('\r\n')}\r\n`,
        ).toBe(scorecardToCsv(rows, custom));
        expect(scorecardToCsv(rows, custom)).toContain('open 5 (proposed)');
        const teams = await scorecard.teams({ owner: [grp('search-team')] });
        expect(teams.teams[0]).toMatchObject({
          groupRef: grp('search-team'),
          maxLevel: 2,
          unratedStressors: 2,
        });

        // once the team rates it, the rating ranks it
        await knex('stressor_flags')
          .where({
            entity_ref: ref('search-indexer'),
            stressor_key: 'knowledge-gap',
          })
          .update({
            rated_level: 3,
            rated_by: 'user:default/dan',
            rated_at: NOW,
          });
        expect((await rank()).slice(2, 4)).toEqual([
          ['search-indexer', 3, 4, 1],
          ['search-api', 2, 0, 0],
        ]);
      } finally {
        await knex('stressor_flags')
          .whereIn('entity_ref', [ref('search-indexer'), ref('billing-batch')])
          .delete();
      }
    });

    it('builds the same rows as JSON and CSV text in the database', async () => {
      const views: ScorecardView[] = [
        {},
        { sort: 'name' },
        { sort: 'opsShare' },
        { owner: [grp('engineering')], sort: 'knowledge-gap' },
      ];
      for (const view of views) {
        const rows = await query.rows(view);
        const custom = await query.customStressors(view);
        const json = await exportText.rowsText(view, 'json');
        expect(JSON.parse(`[${json.join(',')}]`)).toEqual(rows);
        const csv = await exportText.rowsText(view, 'csv');
        expect(
          `\uFEFF${[scorecardCsvHeader(custom), ...csv].join('\r\n')}\r\n`,
        ).toBe(scorecardToCsv(rows, custom));
      }
      // a view with a custom stressor has its column; one without, none
      expect(await query.customStressors({})).toEqual(['custom:batch-window']);
      expect(
        await query.customStressors({ owner: [grp('search-team')] }),
      ).toEqual([]);
      const billing = (await query.rows({ q: 'billing' }))[0];
      expect(billing.title).toBe('-Billing, "batch"');
      expect(
        (await query.rows({ owner: [grp('search-team')] }))[0].opsShare,
      ).toBe(0.222222);
    });

    it('shows and filters by the compound risks the detection run stored, in the page and both exports', async () => {
      const recorder = new CompoundRiskRecorder(knex);
      await recorder.replace(ref('payments-api'), [
        // stored in any order, shown in the rules' order
        { key: 'complaints-unmeasured', summary: 'Customers complain.' },
        { key: 'pager-silo', summary: 'carol carries its pager.' },
      ]);
      await recorder.replace(ref('search-api'), [
        { key: 'sre-service-growing-overloaded', summary: 'It grows.' },
      ]);
      try {
        const risks = async (view: ScorecardView) =>
          (await query.rows(view)).map(r => [r.name, r.compoundRisks]);
        expect(await risks({ sort: 'name' })).toEqual([
          ['billing-batch', []],
          ['data-pipeline', []],
          ['ledger-service', []],
          ['payments-api', ['pager-silo', 'complaints-unmeasured']],
          ['search-api', ['sre-service-growing-overloaded']],
          ['search-indexer', []],
        ]);
        expect(await names({ compoundRisk: ['pager-silo'] })).toEqual([
          'payments-api',
        ]);
        expect(
          await names({
            compoundRisk: ['pager-silo', 'sre-service-growing-overloaded'],
            sort: 'name',
          }),
        ).toEqual(['payments-api', 'search-api']);
        expect(
          await names({
            compoundRisk: ['complaints-unmeasured'],
            owner: [grp('search-team')],
          }),
        ).toEqual([]);
        // the page (its own query) and the count follow the filter
        const page = await query.page(
          { compoundRisk: ['sre-service-growing-overloaded'] },
          0,
          50,
        );
        expect(page.total).toBe(1);
        expect(page.rows.map(r => [r.name, r.compoundRisks])).toEqual([
          ['search-api', ['sre-service-growing-overloaded']],
        ]);
        expect(
          (await query.page({ sort: 'name' }, 0, 50)).rows.map(
            r => r.compoundRisks,
          ),
        ).toEqual(
          (await query.rows({ sort: 'name' })).map(r => r.compoundRisks),
        );
        // the exports the database writes say the same as the objects
        for (const view of [
          {},
          { compoundRisk: ['pager-silo' as const] },
        ] as ScorecardView[]) {
          const rows = await query.rows(view);
          const custom = await query.customStressors(view);
          const json = await exportText.rowsText(view, 'json');
          expect(JSON.parse(`[${json.join(',')}]`)).toEqual(rows);
          const csv = await exportText.rowsText(view, 'csv');
          expect(
            `\uFEFF${[scorecardCsvHeader(custom), ...csv].join('\r\n')}\r\n`,
          ).toBe(scorecardToCsv(rows, custom));
        }
        const csv = await exportText.rowsText(
          { compoundRisk: ['pager-silo'] },
          'csv',
        );
        expect(csv).toHaveLength(1);
        expect(csv[0]).toContain(',pager-silo; complaints-unmeasured,');
      } finally {
        await knex('compound_risks').delete();
      }
    });

    it('escapes any catalog text in the JSON and CSV the database builds, as a spreadsheet needs it', async () => {
      // Titles and lifecycles are free text from the catalog: quotes, commas, line
      // breaks, control characters, any script, and the starts a spreadsheet runs as a
      // formula. (PostgreSQL text cannot hold NUL; the catalog's JSON cannot hold lone
      // surrogates.)
      const text = fc
        .tuple(
          fc.constantFrom('', '=', '+', '-', '@', '\t', '\r', '"', ',', '\n'),
          fc.string({ unit: 'binary', maxLength: 16 }),
          fc.constantFrom('', ',', '"', '\n', '\r\n', '""'),
        )
        .map(parts => parts.join(''))
        .filter(v => !v.includes('\u0000') && !/\p{Cs}/u.test(v));
      const titles = [
        '=HYPERLINK("http://x","click")',
        '+1, "two"',
        '@SUM(A1)',
        'two\nlines',
        'cr\rlf\r\n',
        ...fc.sample(text, { numRuns: 60, seed: 20261126 }),
      ];
      const hostile = titles.map((title, i) => ({
        entity_ref: `component:default/zz-hostile-${i}`,
        name: `zz-hostile-${i}`,
        title,
        owner_ref: null,
        system_ref: null,
        lifecycle: i % 2 ? titles[titles.length - 1 - i] : null,
        tier: 'standard',
        slo_status: null,
        slo_budget_remaining: null,
        slo_count: 0,
        truck_factor: null,
        synced_at: new Date(),
      }));
      await knex('scorecard_entities').insert(hostile);
      try {
        const view: ScorecardView = { q: 'zz-hostile-', sort: 'name' };
        const rows = await query.rows(view);
        expect(rows.map(r => r.title)).toEqual(
          hostile.sort((a, b) => (a.name < b.name ? -1 : 1)).map(h => h.title),
        );
        const json = await exportText.rowsText(view, 'json');
        expect(JSON.parse(`[${json.join(',')}]`)).toEqual(rows);
        const csv = await exportText.rowsText(view, 'csv');
        const file = `\uFEFF${[scorecardCsvHeader(), ...csv].join('\r\n')}\r\n`;
        expect(file).toBe(scorecardToCsv(rows));
        // what a spreadsheet reads back: the title, defused when it would run
        const cells = parseCsv(file.slice(1));
        expect(cells).toHaveLength(rows.length + 1);
        expect(cells.slice(1).map(c => c[0])).toEqual(
          rows.map(r =>
            /^[=+\-@\t\r]/.test(r.title!) ? `'${r.title}` : r.title,
          ),
        );
        expect(cells.slice(1).map(c => c[4])).toEqual(
          rows.map(r =>
            r.lifecycle && /^[=+\-@\t\r]/.test(r.lifecycle)
              ? `'${r.lifecycle}`
              : r.lifecycle ?? '',
          ),
        );
      } finally {
        await knex('scorecard_entities')
          .where('name', 'like', 'zz-hostile-%')
          .delete();
      }
    });

    it('pages with a total that follows the filters', async () => {
      const all = await names({});
      const first = await query.page({}, 0, 4);
      const second = await query.page({}, 4, 4);
      expect(first.total).toBe(6);
      expect([...first.rows, ...second.rows].map(r => r.name)).toEqual(all);
      expect(second.rows).toHaveLength(2);
      const filtered = await query.page(
        { owner: [grp('search-team')], engagement: false },
        0,
        1,
      );
      expect(filtered.total).toBe(3);
      expect(filtered.rows).toHaveLength(1);
    });

    it('leaves the truck factor blank until analyses exist, then copies them', async () => {
      const before = await query.rows({ sort: 'name' });
      expect(before.every(r => r.truckFactor === null)).toBe(true);
      await seedTruckFactors(knex);
      await scorecard.sync();
      expect(
        (await query.rows({ sort: 'truckFactor' })).map(r => [
          r.name,
          r.truckFactor,
        ]),
      ).toEqual([
        ['payments-api', 1],
        ['search-api', 3],
        ['billing-batch', null],
        ['data-pipeline', null],
        ['ledger-service', null], // analysis unavailable, no result
        ['search-indexer', null],
      ]);
    });

    it('rolls groups up through nested groups, in tree order', async () => {
      const { teams, customStressors } = await scorecard.teams({});
      expect(customStressors).toEqual(['custom:batch-window']);
      expect(teams.map(t => [t.groupRef, t.depth, t.services])).toEqual([
        [grp('acme'), 0, 5],
        [grp('engineering'), 1, 5],
        [grp('payments-team'), 2, 2],
        [grp('payments-ledger'), 3, 1],
        [grp('search-team'), 2, 3],
        [grp('marketing'), 1, 0],
      ]);
      const payments = teams.find(t => t.groupRef === grp('payments-team'))!;
      // how many of its services have it open (or mitigating), as the cells read
      expect(payments.open['knowledge-gap']).toBe(1);
      expect(payments.open['devs-own-it']).toBe(0); // dismissed does not count
      expect(payments.open['undiagnosed-alerts']).toBe(1);
      expect(payments.open['next-big-thing']).toBe(1); // mitigating counts
      expect(payments.open['custom:batch-window']).toBe(1);
      expect(payments.maxLevel).toBe(5);
      expect(payments.highStress).toBe(2);
      expect(payments.openStressors).toBe(5);
      expect(payments.opsShare).toBeCloseTo(0.7, 5);
      expect(payments.engagement?.phase).toBe('learn');
      const acme = teams.find(t => t.groupRef === grp('acme'))!;
      expect(acme.open['knowledge-gap']).toBe(1);
      expect(acme.open['naive-capacity-plan']).toBe(1);
      const marketing = teams.find(t => t.groupRef === grp('marketing'))!;
      expect(marketing.open['knowledge-gap']).toBe(0);
      expect(marketing.maxLevel).toBe(0);
      const search = teams.find(t => t.groupRef === grp('search-team'))!;
      expect(search.engagement).toBeNull(); // its engagement is closed
    });

    it('rolls up only the filtered services, under the owner filter', async () => {
      const critical = (await scorecard.teams({ tier: ['critical'] })).teams;
      expect(critical.map(t => [t.groupRef, t.services])).toEqual([
        [grp('acme'), 2],
        [grp('engineering'), 2],
        [grp('payments-team'), 2],
        [grp('payments-ledger'), 1],
      ]);
      const { teams: payments } = await scorecard.teams({
        owner: [grp('payments-team')],
      });
      expect(payments.map(t => [t.groupRef, t.depth])).toEqual([
        [grp('payments-team'), 0],
        [grp('payments-ledger'), 1],
      ]);
    });

    it('takes one snapshot a day, rolled up by group, and trends over it', async () => {
      expect(await scorecard.snapshot()).toBe(true);
      expect(await scorecard.snapshot()).toBe(false);
      const day = await knex('scorecard_snapshot_days')
        .where({ day: '2026-11-20' })
        .first();
      expect(day).toMatchObject({ services: 6, open_flags: 7 });
      // levels of different stressors are never added into one number
      expect(day).not.toHaveProperty('total_stress');
      const rows = await knex('scorecard_snapshots').where({
        day: '2026-11-20',
        stressor_key: 'knowledge-gap',
      });
      expect(
        rows
          .map(r => [r.group_ref, r.open_flags])
          .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      ).toEqual([
        ['*', 1],
        [grp('acme'), 1],
        [grp('engineering'), 1],
        [grp('payments-ledger'), 1],
        [grp('payments-team'), 1],
      ]);

      // 30 days earlier: three knowledge gaps in payments
      await knex('scorecard_snapshot_days').insert({
        day: '2026-10-21',
        taken_at: NOW,
        services: 6,
        open_flags: 3,
      });
      await knex('scorecard_snapshots').insert(
        ['*', grp('acme'), grp('engineering'), grp('payments-team')].map(g => ({
          day: '2026-10-21',
          group_ref: g,
          stressor_key: 'knowledge-gap',
          open_flags: 3,
        })),
      );
      const trends = await scorecard.trends(undefined, 90);
      expect(trends.days).toEqual(['2026-10-21', '2026-11-20']);
      expect(trends.total).toEqual([3, 7]);
      expect(
        trends.stressors.find(s => s.key === 'knowledge-gap')!.series,
      ).toEqual([3, 1]);
      expect(
        trends.stressors.find(s => s.key === 'custom:batch-window')!.series,
      ).toEqual([0, 1]);
      // charted: the top-level groups and the groups right under them
      expect(trends.teams.map(t => [t.groupRef, t.series])).toEqual([
        [grp('acme'), [3, 7]],
        [grp('engineering'), [3, 7]],
      ]);
      const engineering = await scorecard.trends([grp('engineering')], 90);
      expect(engineering.teams.map(t => [t.groupRef, t.series])).toEqual([
        [grp('engineering'), [3, 7]],
        [grp('payments-team'), [3, 5]],
        [grp('search-team'), [0, 2]],
      ]);
      expect(engineering.changes.teams.worsened.map(c => c.key)).not.toContain(
        grp('acme'),
      );
      expect(trends.changes.from).toBe('2026-10-21');
      expect(trends.changes.stressors.improved).toEqual([
        {
          key: 'knowledge-gap',
          label: 'Knowledge gaps',
          from: 3,
          to: 1,
          delta: -2,
        },
      ]);
      // Payments has an SRE embedded since 2026-11-01: what it and the ledger team inside
      // it added are discoveries, not regressions (issue #16); Search's are not.
      expect(
        trends.changes.teams.worsened.map(c => [c.key, c.delta, c.found]),
      ).toEqual([
        [grp('acme'), 4, 2],
        [grp('engineering'), 4, 2],
        [grp('search-team'), 2, undefined],
      ]);
      expect(
        trends.changes.teams.discovered!.map(c => [c.key, c.delta, c.found]),
      ).toEqual([
        [grp('payments-ledger'), 2, 2],
        [grp('payments-team'), 2, 2],
      ]);

      const scoped = await scorecard.trends(
        [grp('payments-team'), grp('payments-ledger')],
        90,
      );
      expect(scoped.teams.map(t => t.groupRef)).toEqual([
        grp('payments-ledger'),
        grp('payments-team'),
      ]);
      // the ledger team is inside payments: counted once
      expect(scoped.total).toEqual([3, 5]);
    });

    it('removes services the catalog no longer has', async () => {
      const fewer = scorecardEntities.filter(
        e => e.metadata.name !== 'search-indexer',
      );
      // their compound risks go with them; those of a service not copied yet stay
      const risk = (entity_ref: string) => ({
        entity_ref,
        risk_key: 'pager-silo',
        summary: 's',
        computed_at: NOW,
      });
      await knex('compound_risks').insert([
        risk(ref('search-indexer')),
        risk(ref('payments-api')),
        risk(ref('brand-new')),
      ]);
      const result = await service(
        fewer,
        new Date(NOW.getTime() + MINUTE),
      ).sync();
      expect(result).toMatchObject({ entities: 5, removed: 1 });
      expect(await names({ q: 'indexer' })).toEqual([]);
      expect(
        (await knex('compound_risks').orderBy('entity_ref')).map(
          r => r.entity_ref,
        ),
      ).toEqual([ref('brand-new'), ref('payments-api')]);
      await knex('compound_risks').delete();
      await scorecard.sync(); // back as it was for the other tests
    });

    it('writes a large organisation in chunks the database accepts', async () => {
      const groups = Array.from({ length: 700 }, (_, i) => ({
        groupRef: `group:default/g${i}`,
        name: `g${i}`,
        title: null,
        type: 'team',
        parentRef:
          i === 0 ? null : `group:default/g${Math.floor((i - 1) / 10)}`,
      }));
      await catalogCopy.replaceGroups(groups);
      const entities = Array.from({ length: 1200 }, (_, i) => ({
        entityRef: `component:default/bulk-${i}`,
        name: `bulk-${i}`,
        title: null,
        ownerRef: `group:default/g${i % 700}`,
        systemRef: null,
        lifecycle: 'production',
        tier: 'standard' as const,
        slo: null,
      }));
      await catalogCopy.replaceEntities(
        entities,
        new Date(NOW.getTime() - MINUTE),
      );
      expect(await query.count({ owner: ['group:default/g0'] })).toBe(1200);
      const [{ n }] = await knex('group_ancestors').count({ n: '*' });
      expect(Number(n)).toBeGreaterThan(1400);
      // the next sync puts the catalog's services back, and only those
      expect(await scorecard.sync()).toMatchObject({
        entities: 6,
        removed: 1200,
      });
    });
  });
});
