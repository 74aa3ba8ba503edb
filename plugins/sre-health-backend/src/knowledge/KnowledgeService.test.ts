import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { SreHealthStore } from '../store';
import { GitFixture, source } from '../truckFactor/testing/gitFixture';
import {
  ALICE,
  BATCH,
  BOB,
  CAROL,
  DAN,
  LEDGER,
  PAYMENTS,
  REMOTE,
  TEAM,
  SUBTEAM,
  knowledgeCatalog,
} from './__testUtils__/knowledgeCatalog';
import {
  GIT,
  LOST_FILES,
  buildSiloRepository,
  buildSpreadRepository,
} from './__testUtils__/repositories';
import { KnowledgeService } from './KnowledgeService';
import { KnowledgeStore } from './KnowledgeStore';
import type { KnowledgeConfig } from './repositories';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-28T12:00:00.000Z');
const MALLORY = 'Mallory <mallory@example.com>';
/** These tests read as someone who may see who authors the code (routes ask the policy). */
const AUTHORS = { authorship: true };

describe('KnowledgeService on real git repositories', () => {
  const databases = createTestDatabases();
  let silo: GitFixture;
  let spread: GitFixture;
  let scratch: string;

  beforeAll(() => {
    silo = buildSiloRepository();
    spread = buildSpreadRepository();
    scratch = mkdtempSync(join(tmpdir(), 'knowledge-service-'));
  });
  afterAll(() => {
    silo.cleanup();
    spread.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let sreStore: SreHealthStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      sreStore = await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
    });
    beforeEach(async () => {
      for (const table of [
        'truck_factor_analyses',
        'oncall_shifts',
        'expertise',
      ]) {
        await knex(table).delete();
      }
    });
    afterAll(async () => knex.destroy());

    function setup(
      options: {
        config?: Partial<KnowledgeConfig>;
        entities?: Entity[];
      } = {},
    ) {
      const entities = options.entities ?? knowledgeCatalog();
      const catalog = catalogServiceMock({ entities });
      const logger = mockServices.logger.mock();
      const service = new KnowledgeService({
        store: new KnowledgeStore(knex),
        sreStore,
        catalog,
        auth: mockServices.auth(),
        logger,
        config: {
          repositories: [
            { entityRef: LEDGER, path: silo.dir },
            { entityRef: PAYMENTS, path: spread.dir },
          ],
          localRoots: [],
          ...options.config,
        },
        now: () => NOW,
      });
      const entity = (ref: string) =>
        entities.find(
          e =>
            `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`.toLowerCase() ===
            ref,
        )!;
      return { service, logger, entity };
    }

    it('finds a truck factor of 1, the one author, the departed author and the lost files', async () => {
      const { service, entity, logger } = setup();
      const summary = await service.analyze(entity(LEDGER), LEDGER);

      expect(summary).toMatchObject({
        status: 'ok',
        // named, not by its path on the server (issue #15)
        repository: basename(silo.dir),
        truckFactor: 1,
        activeTruckFactor: 1,
        activeTruckFactorAuthors: [CAROL],
        fileCount: 10,
        headSha: silo.git('rev-parse', 'HEAD'),
        analyzedAt: NOW.toISOString(),
        lostFiles: { count: 2, paths: LOST_FILES },
      });
      // Carol's old address is merged through her catalog display name
      expect(summary.topAuthors).toEqual([
        {
          author: CAROL,
          userRef: CAROL,
          files: 8,
          share: 0.8,
          departed: false,
        },
        { author: MALLORY, files: 2, share: 0.2, departed: true },
      ]);
      expect(summary.departedAuthors).toEqual([
        { author: MALLORY, files: 2, share: 0.2, departed: true },
      ]);
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Truck factor of component:default\/ledger-service: 1 \(active 1\) over 10 files, 1 departed authors; full run \(no-previous-state\) read 5 commits/,
        ),
      );

      // the tab's read: code risk joins the operators' risk
      const knowledge = await service.summarize(
        entity(LEDGER),
        LEDGER,
        AUTHORS,
      );
      expect(knowledge).toMatchObject({
        servingCritical: true,
        busFactor: 0,
        risk: 'high',
        singlePersonDependency: true,
        keyPeople: [CAROL],
        truckFactor: { status: 'ok', truckFactor: 1 },
      });
    });

    it("adds the configured and per-repository excludes to Linguist's rules, and says so", async () => {
      const { service, entity } = setup({
        config: {
          repositories: [
            {
              entityRef: LEDGER,
              path: silo.dir,
              excludePatterns: [LOST_FILES[0]],
            },
            { entityRef: PAYMENTS, path: spread.dir },
          ],
          excludePatterns: [LOST_FILES[1]],
        },
      });
      const summary = await service.analyze(entity(LEDGER), LEDGER);
      expect(summary.fileCount).toBe(8);
      expect(summary.exclusions?.byRule.config).toBe(2);
      expect(summary.exclusions?.files).toEqual(
        expect.arrayContaining(
          LOST_FILES.slice(0, 2).map(path => ({ path, rule: 'config' })),
        ),
      );
      const other = await service.analyze(entity(PAYMENTS), PAYMENTS);
      expect(other.exclusions?.byRule.config).toBe(0);
    });

    it('finds a healthy spread of three', async () => {
      const { service, entity } = setup();
      const summary = await service.analyze(entity(PAYMENTS), PAYMENTS);
      expect(summary).toMatchObject({
        status: 'ok',
        truckFactor: 3,
        activeTruckFactor: 3,
        fileCount: 15,
        departedAuthors: [],
        lostFiles: { count: 0, paths: [] },
      });
      expect(summary.topAuthors.map(a => [a.author, a.files])).toEqual([
        [ALICE, 3],
        [BOB, 3],
        [CAROL, 3],
        [DAN, 3],
        ['user:default/erin', 3],
      ]);
      await sreStore.expertise.create(
        { entityRef: PAYMENTS, userRef: DAN, level: 'expert' },
        ALICE,
      );
      // Carol (annotation) and Dan (recorded): medium; the code is not what limits it
      expect(
        await service.summarize(entity(PAYMENTS), PAYMENTS, AUTHORS),
      ).toMatchObject({
        busFactor: 2,
        risk: 'medium',
        singlePersonDependency: false,
        keyPeople: [],
      });
    });

    it('reads only the new commits on the next run', async () => {
      const repo = buildSpreadRepository();
      try {
        const { service, entity } = setup({
          config: { repositories: [{ entityRef: PAYMENTS, path: repo.dir }] },
        });
        await service.analyze(entity(PAYMENTS), PAYMENTS);
        repo.commit(GIT.erin, { write: { 'src/erin/4.ts': source('erin4') } });
        const next = await service.analyze(entity(PAYMENTS), PAYMENTS);
        expect(next.headSha).toBe(repo.git('rev-parse', 'HEAD'));
        expect(next.fileCount).toBe(16);
        const record = await new KnowledgeStore(knex).getAnalysis(PAYMENTS);
        expect(record?.result?.run).toMatchObject({
          mode: 'incremental',
          commitsRead: 1,
        });
      } finally {
        repo.cleanup();
      }
    });

    it('gives a clear status for a repository it cannot read, never an error', async () => {
      const missing = join(scratch, 'missing');
      const plain = mkdtempSync(join(scratch, 'plain-'));
      const { service, entity, logger } = setup({
        config: {
          repositories: [
            { entityRef: LEDGER, path: missing },
            { entityRef: PAYMENTS, path: plain },
          ],
        },
      });
      expect(await service.analyze(entity(LEDGER), LEDGER)).toMatchObject({
        status: 'unavailable',
        reason: 'missing does not exist',
        repository: 'missing',
        truckFactor: null,
      });
      expect(await service.analyze(entity(PAYMENTS), PAYMENTS)).toMatchObject({
        status: 'unavailable',
        reason: `${basename(plain)} is not a git repository`,
      });
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('unavailable (not-found)'),
      );
      // the tab shows the same
      const { truckFactor } = await service.inputsFor(entity(LEDGER), LEDGER);
      expect(truckFactor.status).toBe('unavailable');
    });

    it('keeps the last known figures when a repository disappears', async () => {
      const repo = buildSiloRepository();
      const { service, entity } = setup({
        config: { repositories: [{ entityRef: LEDGER, path: repo.dir }] },
      });
      await service.analyze(entity(LEDGER), LEDGER);
      repo.cleanup();
      expect(await service.analyze(entity(LEDGER), LEDGER)).toMatchObject({
        status: 'unavailable',
        reason: `${basename(repo.dir)} does not exist`,
        truckFactor: 1,
        lostFiles: { count: 2 },
      });
    });

    it('says why there is no analysis: none, remote, pending', async () => {
      const { service, entity } = setup({ config: { repositories: [] } });
      const none = await service.inputsFor(entity(BATCH), BATCH);
      expect(none.truckFactor).toMatchObject({
        status: 'none',
        truckFactor: null,
        reason: expect.stringContaining('backstage.io/source-location'),
      });
      const remote = await service.analyze(entity(REMOTE), REMOTE);
      expect(remote).toMatchObject({
        status: 'unavailable',
        reason: expect.stringContaining('remote repository'),
      });
      expect(
        await new KnowledgeStore(knex).getAnalysis(REMOTE),
      ).toBeUndefined();

      const configured = setup();
      expect(
        (await configured.service.inputsFor(entity(LEDGER), LEDGER))
          .truckFactor,
      ).toMatchObject({ status: 'pending', repository: basename(silo.dir) });
    });

    it('reads a local source-location annotation only inside the allowed roots', async () => {
      const entities = knowledgeCatalog({
        annotations: {
          'settlement-batch': {
            'backstage.io/source-location': `dir:${silo.dir}`,
          },
        },
      });
      const denied = setup({ entities, config: { repositories: [] } });
      expect(
        await denied.service.analyze(denied.entity(BATCH), BATCH),
      ).toMatchObject({
        status: 'unavailable',
        reason: expect.stringContaining('sreHealth.knowledge.localRoots'),
      });

      const allowed = setup({
        entities,
        config: { repositories: [], localRoots: [silo.dir] },
      });
      expect(
        await allowed.service.analyze(allowed.entity(BATCH), BATCH),
      ).toMatchObject({ status: 'ok', truckFactor: 1 });

      // a link inside an allowed root that leads out of it
      const root = mkdtempSync(join(scratch, 'root-'));
      symlinkSync(spread.dir, join(root, 'link'));
      const linked = setup({
        entities: knowledgeCatalog({
          annotations: {
            'settlement-batch': {
              'backstage.io/source-location': `dir:${join(root, 'link')}`,
            },
          },
        }),
        config: { repositories: [], localRoots: [root] },
      });
      expect(
        await linked.service.analyze(linked.entity(BATCH), BATCH),
      ).toMatchObject({
        status: 'unavailable',
        reason: expect.stringContaining('leads outside'),
      });
    });

    it('calls nobody departed while the catalog has no users', async () => {
      const entities = knowledgeCatalog().filter(e => e.kind !== 'User');
      const { service, entity, logger } = setup({ entities });
      const summary = await service.analyze(entity(LEDGER), LEDGER);
      expect(summary.departedAuthors).toEqual([]);
      expect(summary.lostFiles.count).toBe(0);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('no users'),
      );
    });

    it('counts people on call in the last 90 days as operators', async () => {
      const { service, entity } = setup();
      await service.pushShifts(
        LEDGER,
        [
          // 10 days ago
          {
            userRef: BOB,
            startsAt: '2026-11-11T09:00:00.000Z',
            endsAt: '2026-11-18T09:00:00.000Z',
          },
          // 120 days ago: too old
          {
            userRef: DAN,
            startsAt: '2026-07-24T09:00:00.000Z',
            endsAt: '2026-07-31T09:00:00.000Z',
          },
        ],
        'service:pagerduty-sync',
      );
      await sreStore.expertise.create(
        { entityRef: LEDGER, userRef: CAROL, level: 'expert' },
        ALICE,
      );
      const knowledge = await service.summarize(
        entity(LEDGER),
        LEDGER,
        AUTHORS,
      );
      expect(knowledge.operators).toEqual([
        { userRef: CAROL, level: 'expert', source: 'recorded' },
        { userRef: BOB, level: 'can-operate', source: 'on-call' },
      ]);
      expect(knowledge.onCall).toEqual([
        {
          userRef: BOB,
          shifts: 1,
          lastShiftEndedAt: '2026-11-18T09:00:00.000Z',
        },
      ]);
      expect(knowledge.busFactor).toBe(2);
      expect(await service.listShifts(LEDGER)).toHaveLength(2);
    });

    it('answers the what-if from the stored authorship and the operators', async () => {
      const { service, entity } = setup();
      await service.analyze(entity(LEDGER), LEDGER);
      await sreStore.expertise.create(
        { entityRef: LEDGER, userRef: CAROL, level: 'expert' },
        ALICE,
      );
      await sreStore.expertise.create(
        { entityRef: LEDGER, userRef: DAN, level: 'learning' },
        ALICE,
      );

      const withoutCarol = await service.whatIf(
        entity(LEDGER),
        LEDGER,
        [CAROL],
        AUTHORS,
      );
      expect(withoutCarol).toMatchObject({
        entityRef: LEDGER,
        without: [CAROL],
        truckFactorStatus: 'ok',
        // Mallory's two files were lost already; Carol's eight go with her
        coverage: {
          before: { coveredFiles: 8, share: 0.8 },
          coveredFiles: 0,
          totalFiles: 10,
          share: 0,
          truckFactorLeft: 0,
          orphanedFiles: { count: 8 },
        },
        busFactorBefore: 1,
        busFactorLeft: 0,
        riskBefore: 'high',
        riskLeft: 'high',
      });
      expect(withoutCarol.coverage?.orphanedFiles.paths).toContain(
        'src/accounts.ts',
      );
      expect(withoutCarol.operatorsLeft).toEqual([
        { userRef: DAN, level: 'learning', source: 'recorded' },
      ]);

      const withoutDan = await service.whatIf(
        entity(LEDGER),
        LEDGER,
        [DAN],
        AUTHORS,
      );
      expect(withoutDan.coverage).toMatchObject({
        coveredFiles: 8,
        share: 0.8,
        truckFactorLeft: 1,
        orphanedFiles: { count: 0, paths: [] },
      });
      expect(withoutDan.busFactorLeft).toBe(1);
    });

    it('answers the what-if without code figures when nothing was analysed', async () => {
      const { service, entity } = setup({ config: { repositories: [] } });
      const result = await service.whatIf(
        entity(PAYMENTS),
        PAYMENTS,
        [CAROL],
        AUTHORS,
      );
      expect(result).toMatchObject({
        coverage: null,
        truckFactorStatus: 'none',
        busFactorBefore: 1,
        busFactorLeft: 0,
        operatorsLeft: [],
      });
    });

    it('analyses every local repository on schedule and drops stale analyses', async () => {
      const { service, logger } = setup({
        entities: knowledgeCatalog({
          annotations: {
            'settlement-batch': {
              'backstage.io/source-location': `dir:${spread.dir}/`,
            },
          },
        }),
        config: { localRoots: [spread.dir] },
      });
      const store = new KnowledgeStore(knex);
      await store.saveUnavailable(
        'component:default/deleted',
        '/gone',
        'x',
        NOW,
        0,
      );
      const result = await service.analyzeAll();
      expect(result).toMatchObject({
        repositories: 3,
        ok: 3,
        unavailable: 0,
        removed: 1,
      });
      expect(
        [
          ...(await store.listAnalyses([LEDGER, PAYMENTS, BATCH])).keys(),
        ].sort(),
      ).toEqual([LEDGER, PAYMENTS, BATCH].sort());
      expect(logger.info).toHaveBeenCalledWith(
        'Truck factor: analysing 3 local repositories',
      );

      // an aborted run stops and keeps what is stored
      const controller = new AbortController();
      controller.abort();
      expect(await service.analyzeAll(controller.signal)).toMatchObject({
        ok: 0,
        removed: 0,
      });
    });

    it('joins an analysis already running for the same component', async () => {
      const { service, entity } = setup();
      const [a, b] = await Promise.all([
        service.analyze(entity(LEDGER), LEDGER),
        service.analyze(entity(LEDGER), LEDGER),
      ]);
      expect(a).toBe(b);
    });

    it('rolls a team up over the components of its nested groups', async () => {
      const entities = knowledgeCatalog();
      const { service, entity } = setup({ entities });
      await service.analyzeAll();
      await sreStore.expertise.create(
        { entityRef: LEDGER, userRef: CAROL, level: 'expert' },
        ALICE,
      );
      await sreStore.expertise.create(
        { entityRef: PAYMENTS, userRef: DAN, level: 'can-operate' },
        ALICE,
      );
      const team = await service.team(
        entity(TEAM),
        {
          $$type: '@backstage/BackstageCredentials',
          principal: { type: 'user', userEntityRef: CAROL },
        } as any,
        async refs => refs.map(() => true),
      );
      expect(team.teamRef).toBe(TEAM);
      expect(team.groupRefs).toEqual([TEAM, SUBTEAM]);
      expect(team.components.map(c => c.entityRef)).toEqual([
        LEDGER,
        BATCH,
        PAYMENTS,
      ]);
      expect(team.components[0]).toMatchObject({
        truckFactor: 1,
        busFactor: 1,
        singlePersonDependency: true,
        keyPeople: [CAROL],
        lostFiles: 2,
      });
      expect(team.components[1]).toMatchObject({
        truckFactorStatus: 'none',
        busFactor: 0,
        singlePersonDependency: true,
      });
      expect(team.components[2]).toMatchObject({
        truckFactor: 3,
        busFactor: 2,
        singlePersonDependency: false,
      });
      expect(team.totals).toMatchObject({
        components: 3,
        servingCritical: 2,
        singlePersonDependencies: 2,
        servingCriticalSinglePerson: 1,
        withoutOperators: 1,
        analyzed: 2,
        lostFiles: 2,
      });
      expect(team.keyPeople).toEqual([
        {
          person: CAROL,
          components: [LEDGER],
          servingCriticalComponents: [LEDGER],
        },
      ]);
      expect(team.risk).toBe('high');
    });
  });
});
