import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  STRESSORS,
  ScorecardExport,
  ScorecardPage,
  ScorecardTeamRow,
  ScorecardTrends,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { sreHealthPlugin } from '../plugin';
import {
  grp,
  ref,
  scorecardEntities,
  seedScorecardInputs,
} from './__testUtils__/fixtures';
import { SCORECARD_TASK_ID } from '.';
import { parseCsv } from './__testUtils__/csv';

jest.setTimeout(60_000);

const API = '/api/sre-health';
const USER = {
  Authorization: mockCredentials.user.header('user:default/carol'),
};
const SERVICE_TOKEN = { Authorization: mockCredentials.service.header() };

describe('scorecard routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let server: Server;
    let knex: Knex;
    const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const scheduler = mockServices.scheduler.mock({
        scheduleTask: async task => {
          tasks.set(task.id, task);
        },
      });
      ({ server } = await startTestBackend({
        features: [
          sreHealthPlugin,
          catalogServiceMock.factory({ entities: scorecardEntities }),
          mockServices.database.factory({ knex }),
          scheduler.factory,
          mockServices.rootConfig.factory({ data: {} }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
        ],
      }));
      await seedScorecardInputs(knex);
      await tasks.get(SCORECARD_TASK_ID)!.fn(new AbortController().signal);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    const get = (path: string, query: Record<string, unknown> = {}) =>
      request(server).get(`${API}${path}`).query(query).set(USER);

    it('needs a signed-in user; other plugins read the facts with a service token', async () => {
      for (const path of [
        '/scorecard',
        '/scorecard/export',
        '/scorecard/teams',
        '/scorecard/trends',
        '/scorecard/facets',
      ]) {
        await request(server).get(`${API}${path}`).expect(401);
        await request(server)
          .get(`${API}${path}`)
          .set(SERVICE_TOKEN)
          .expect(403);
      }
      await request(server).get(`${API}/scorecard/facts`).expect(401);
      const facts = await request(server)
        .get(`${API}/scorecard/facts`)
        .set(SERVICE_TOKEN)
        .expect(200);
      expect((facts.body as ScorecardExport).total).toBe(6);
    });

    it('rejects a bad query with 400, naming the field', async () => {
      for (const [query, field] of [
        [{ sort: 'bogus' }, 'sort'],
        [{ sort: 'totalStress' }, 'sort'],
        [{ limit: '0' }, 'limit'],
        [{ limit: '501' }, 'limit'],
        [{ offset: '-1' }, 'offset'],
        [{ tier: 'gold' }, 'tier'],
        [{ stressor: 'boredom' }, 'stressor'],
        [{ compoundRisk: 'bogus' }, 'compoundRisk'],
        [{ compoundRisk: ['pager-silo', 'knowledge-gap'] }, 'compoundRisk'],
        [{ owner: 'group:' }, 'owner'],
        [{ engagement: 'maybe' }, 'engagement'],
        [{ colour: 'red' }, 'colour'],
      ] as const) {
        const res = await get('/scorecard', query).expect(400);
        expect(res.body.error.message).toContain(field);
      }
      await get('/scorecard/export', { format: 'xlsx' }).expect(400);
      for (const path of ['/scorecard/export', '/scorecard/teams']) {
        const res = await get(path, { compoundRisk: 'bogus' }).expect(400);
        expect(res.body.error.message).toContain('compoundRisk');
      }
      await get('/scorecard/trends', { days: '2' }).expect(400);
    });

    it('serves the first page worst first, with the total, the verdict and when it was synced', async () => {
      const res = await get('/scorecard', { limit: 2 }).expect(200);
      const page = res.body as ScorecardPage;
      expect(page.total).toBe(6);
      expect(page.limit).toBe(2);
      expect(page.syncedAt).not.toBeNull();
      // both at level 5, one flag each: by name
      expect(page.rows.map(r => [r.name, r.maxLevel, r.atMaxLevel])).toEqual([
        ['ledger-service', 5, 1],
        ['payments-api', 5, 1],
      ]);
      expect(page.rows[1].stressors['rollback-only-postmortems']).toEqual({
        status: 'open',
        level: 4,
      });
      expect(page.rows[1].engagement?.phase).toBe('learn');
      // the custom stressor has its column, and its cell
      expect(page.customStressors).toEqual(['custom:batch-window']);
      expect(page.rows[0].stressors['custom:batch-window']).toEqual({
        status: 'open',
        level: 2,
      });
      expect(page.rows[1].stressors['custom:batch-window']).toBeNull();
      // services with a stressor open at level 4 or 5, across all pages
      expect(page.highStress).toBe(2);
      const search = (
        await get('/scorecard', { owner: 'search-team' }).expect(200)
      ).body as ScorecardPage;
      expect(search.highStress).toBe(0);
      expect(search.customStressors).toEqual([]);
    });

    it('filters, sorts and pages on the server', async () => {
      const names = async (query: Record<string, unknown>) =>
        (
          (await get('/scorecard', query).expect(200)).body as ScorecardPage
        ).rows.map(r => r.name);
      // a department sees its teams' services; name order, second page of two
      const page = (
        await get('/scorecard', {
          owner: 'group:default/engineering',
          sort: 'name',
          limit: 2,
          offset: 2,
        }).expect(200)
      ).body as ScorecardPage;
      expect(page.total).toBe(5);
      expect(page.rows.map(r => r.name)).toEqual([
        'payments-api',
        'search-api',
      ]);
      // owners default to groups; lists repeat or use commas
      expect(await names({ owner: 'payments-team', sort: 'name' })).toEqual([
        'ledger-service',
        'payments-api',
      ]);
      expect(
        await names({ tier: 'critical,high', sort: 'name', order: 'desc' }),
      ).toEqual([
        'search-api',
        'payments-api',
        'ledger-service',
        'data-pipeline',
      ]);
      expect(
        await names({ system: 'search', lifecycle: 'production' }),
      ).toEqual(['search-api']);
      expect(await names({ engagement: 'true' })).toEqual(['payments-api']);
      expect(await names({ stressor: 'knowledge-gap' })).toEqual([
        'ledger-service',
      ]);
      expect(await names({ q: 'ledger' })).toEqual(['ledger-service']);
      expect(await names({ sort: 'undiagnosed-alerts' })).toEqual([
        'payments-api',
        'billing-batch',
        'data-pipeline',
        'ledger-service',
        'search-api',
        'search-indexer',
      ]);
      expect((await names({ sort: 'stress', order: 'asc' })).slice(-2)).toEqual(
        ['ledger-service', 'payments-api'],
      );
      expect(await names({ sort: 'custom:batch-window' })).toEqual([
        'ledger-service',
        'billing-batch',
        'data-pipeline',
        'payments-api',
        'search-api',
        'search-indexer',
      ]);
      expect(await names({ stressor: 'custom:batch-window' })).toEqual([
        'ledger-service',
      ]);
    });

    it('exports the current view as CSV: the same rows, in the same order, as the page', async () => {
      const view = { owner: 'engineering', sort: 'tier', order: 'desc' };
      const pages: string[] = [];
      for (let offset = 0; ; offset += 2) {
        const body = (
          await get('/scorecard', { ...view, offset, limit: 2 }).expect(200)
        ).body as ScorecardPage;
        pages.push(...body.rows.map(r => r.entityRef));
        if (offset + 2 >= body.total) break;
      }
      const res = await get('/scorecard/export', {
        ...view,
        format: 'csv',
      }).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="sre-scorecard-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const [header, ...rows] = parseCsv(res.text.slice(1));
      expect(header.slice(0, 10)).toEqual([
        'Service',
        'Entity ref',
        'Owner',
        'System',
        'Lifecycle',
        'Tier',
        'Highest rated stress level',
        'Stressors at highest rated level',
        'Open stressors',
        'Compound risks',
      ]);
      expect(header.slice(10, 19)).toEqual([
        ...STRESSORS.map(s => s.title),
        'Batch window (custom)',
      ]);
      expect(rows.map(r => r[1])).toEqual(pages);
      const payments = rows.find(r => r[1] === ref('payments-api'))!;
      const cell = (title: string) => payments[header.indexOf(title)];
      expect(cell('Highest rated stress level')).toBe('5');
      expect(cell('Stressors at highest rated level')).toBe('1');
      expect(cell('Open stressors')).toBe('3');
      expect(cell('Batch window (custom)')).toBe('');
      const ledger = rows.find(r => r[1] === ref('ledger-service'))!;
      expect(ledger[header.indexOf('Batch window (custom)')]).toBe('open 2');
      expect(cell('Undiagnosed common alerts')).toBe('open 5');
      expect(cell('Waiting for "the next big thing"')).toBe('mitigating 3');
      expect(cell('"The developers own it"')).toBe('dismissed');
      expect(cell('Knowledge gaps')).toBe('');
      expect(cell('Ops share (owner, latest week)')).toBe('0.7');
      // catalog text is quoted, and defused when a spreadsheet would run it
      const billing = await get('/scorecard/export', {
        format: 'csv',
        q: 'billing',
      }).expect(200);
      expect(billing.text.split('\r\n')[1]).toMatch(
        /^"'-Billing, ""batch""",component:default\/billing-batch,user:default\/carol,,production,standard,0,0,0,/,
      );
      expect(cell('Engagement')).toBe('Learn the service');
    });

    it('exports the same view as JSON', async () => {
      const res = await get('/scorecard/export', { tier: 'critical' }).expect(
        200,
      );
      const body = res.body as ScorecardExport;
      expect(body.total).toBe(2);
      expect(body.rows.map(r => r.entityRef)).toEqual([
        ref('ledger-service'),
        ref('payments-api'),
      ]);
      expect(body.customStressors).toEqual(['custom:batch-window']);
      const page = (await get('/scorecard', { tier: 'critical' }).expect(200))
        .body as ScorecardPage;
      expect(body.rows).toEqual(page.rows);
    });

    it('filters by a compound risk, and shows them, in the page and both exports', async () => {
      await knex('compound_risks').insert([
        {
          entity_ref: ref('payments-api'),
          risk_key: 'pager-silo',
          summary: 'carol carries its pager.',
          computed_at: new Date(),
        },
        {
          entity_ref: ref('search-api'),
          risk_key: 'complaints-unmeasured',
          summary: 'Customers complain.',
          computed_at: new Date(),
        },
      ]);
      try {
        const page = (
          await get('/scorecard', { compoundRisk: 'pager-silo' }).expect(200)
        ).body as ScorecardPage;
        expect(page.total).toBe(1);
        expect(page.rows.map(r => [r.name, r.compoundRisks])).toEqual([
          ['payments-api', ['pager-silo']],
        ]);
        const all = (await get('/scorecard').expect(200)).body as ScorecardPage;
        expect(
          all.rows
            .filter(r => r.compoundRisks.length)
            .map(r => r.name)
            .sort(),
        ).toEqual(['payments-api', 'search-api']);
        const json = (
          await get('/scorecard/export', {
            compoundRisk: 'pager-silo,complaints-unmeasured',
            sort: 'name',
          }).expect(200)
        ).body as ScorecardExport;
        expect(json.rows.map(r => [r.name, r.compoundRisks])).toEqual([
          ['payments-api', ['pager-silo']],
          ['search-api', ['complaints-unmeasured']],
        ]);
        const csv = await get('/scorecard/export', {
          format: 'csv',
          compoundRisk: 'complaints-unmeasured',
        }).expect(200);
        const [header, ...rows] = parseCsv(csv.text.slice(1));
        expect(rows.map(r => r[1])).toEqual([ref('search-api')]);
        expect(rows[0][header.indexOf('Compound risks')]).toBe(
          'complaints-unmeasured',
        );
        // the team roll-up follows the filter too
        const teams = (
          await get('/scorecard/teams', { compoundRisk: 'pager-silo' }).expect(
            200,
          )
        ).body.teams as ScorecardTeamRow[];
        expect(
          teams.filter(t => t.services > 0).map(t => [t.groupRef, t.services]),
        ).toEqual([
          [grp('acme'), 1],
          [grp('engineering'), 1],
          [grp('payments-team'), 1],
        ]);
      } finally {
        await knex('compound_risks').delete();
      }
    });

    it('rolls teams up through nested groups', async () => {
      const res = await get('/scorecard/teams').expect(200);
      const teams = res.body.teams as ScorecardTeamRow[];
      expect(res.body.customStressors).toEqual(['custom:batch-window']);
      expect(teams.map(t => [t.groupRef, t.depth, t.services])).toEqual([
        [grp('acme'), 0, 5],
        [grp('engineering'), 1, 5],
        [grp('payments-team'), 2, 2],
        [grp('payments-ledger'), 3, 1],
        [grp('search-team'), 2, 3],
        [grp('marketing'), 1, 0],
      ]);
      // services with it open, as the services' cells read
      expect(teams[1].open['knowledge-gap']).toBe(1);
      expect(teams[1].open['custom:batch-window']).toBe(1);
      expect(teams[1].open['devs-own-it']).toBe(0); // dismissed
      expect(teams[1].highStress).toBe(2);
      const filtered = await get('/scorecard/teams', {
        system: 'payments',
      }).expect(200);
      expect(filtered.body.teams.map((t: any) => t.groupRef)).toEqual([
        grp('acme'),
        grp('engineering'),
        grp('payments-team'),
        grp('payments-ledger'),
      ]);
    });

    it('offers the owners, systems and lifecycles to filter by', async () => {
      const res = await get('/scorecard/facets').expect(200);
      expect(res.body.systems).toEqual([
        'system:default/payments',
        'system:default/search',
      ]);
      expect(res.body.lifecycles).toEqual(['experimental', 'production']);
      expect(res.body.customStressors).toEqual(['custom:batch-window']);
      expect(res.body.owners.map((o: any) => o.ref)).toEqual([
        grp('acme'),
        grp('engineering'),
        grp('payments-ledger'),
        grp('marketing'),
        grp('payments-team'),
        grp('search-team'),
        'user:default/carol',
      ]);
    });

    it('streams a long export in several writes without losing or doubling a row', async () => {
      // ~1,500 rows of ~800 bytes: several 256K-character writes
      const extra = Array.from({ length: 1500 }, (_, i) => ({
        entity_ref: `component:default/zz-bulk-${String(i).padStart(4, '0')}`,
        name: `zz-bulk-${String(i).padStart(4, '0')}`,
        title: `Bulk, "${i}"\n${'x'.repeat(200)}`,
        owner_ref: null,
        system_ref: null,
        lifecycle: 'production',
        tier: 'standard',
        slo_status: null,
        slo_budget_remaining: null,
        slo_count: 0,
        truck_factor: null,
        synced_at: new Date(),
      }));
      for (let i = 0; i < extra.length; i += 300) {
        await knex('scorecard_entities').insert(extra.slice(i, i + 300));
      }
      try {
        const view = { q: 'zz-bulk-', sort: 'name' };
        const json = await get('/scorecard/export', view).expect(200);
        const body = json.body as ScorecardExport;
        expect(json.text.length).toBeGreaterThan(2 * 256 * 1024);
        expect(body.total).toBe(1500);
        expect(body.rows.map(r => r.entityRef)).toEqual(
          extra.map(e => e.entity_ref),
        );
        expect(body.rows[7].title).toBe(extra[7].title);
        const page = (
          await get('/scorecard', { ...view, offset: 700, limit: 3 }).expect(
            200,
          )
        ).body as ScorecardPage;
        expect(body.rows.slice(700, 703)).toEqual(page.rows);
        const csv = await get('/scorecard/export', {
          ...view,
          format: 'csv',
        }).expect(200);
        const [, ...rows] = parseCsv(csv.text.slice(1));
        expect(rows.map(r => r[1])).toEqual(extra.map(e => e.entity_ref));
        expect(rows[7][0]).toBe(extra[7].title);
      } finally {
        await knex('scorecard_entities')
          .where('name', 'like', 'zz-bulk-%')
          .delete();
      }
    });

    it('trends from the snapshot the task took today', async () => {
      const res = await get('/scorecard/trends', {
        owner: 'payments-team',
      }).expect(200);
      const trends = res.body as ScorecardTrends;
      expect(trends.days).toEqual([new Date().toISOString().slice(0, 10)]);
      expect(trends.total).toEqual([5]);
      expect(trends.teams.map(t => [t.groupRef, t.series])).toEqual([
        [grp('payments-ledger'), [2]],
        [grp('payments-team'), [5]],
      ]);
      expect(trends.changes.from).toBeNull();
      // a second run the same day does not take another snapshot
      await tasks.get(SCORECARD_TASK_ID)!.fn(new AbortController().signal);
      const [{ n }] = await knex('scorecard_snapshot_days').count({ n: '*' });
      expect(Number(n)).toBe(1);
    });
  });
});
