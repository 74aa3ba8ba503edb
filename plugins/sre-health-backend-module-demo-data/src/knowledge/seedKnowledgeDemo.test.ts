import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseAllDocuments } from 'yaml';
import { createTestDatabases } from '../__testUtils__/databases';
import { demoStore } from '../__testUtils__/demoStore';
import {
  KnowledgeService,
  KnowledgeStore,
  analyzeRepository,
  type CatalogUserIdentity,
  type TruckFactorAnalysis,
  type TruckFactorResult,
} from '@sre-health/backstage-plugin-sre-health-backend/seeding';
import { seedKnowledgeDemo } from './seedKnowledgeDemo';
import {
  LEDGER_SERVICE_HISTORY,
  PAYMENTS_API_HISTORY,
  createDemoRepository,
  fastImportStream,
} from './demoRepositories';

jest.setTimeout(60_000);

/** The result, asserted to be `ok`. */
function ok(result: TruckFactorAnalysis): TruckFactorResult {
  if (result.status !== 'ok') {
    throw new Error(`expected an ok result, got ${JSON.stringify(result)}`);
  }
  return result;
}

/** The demo organisation's people, from examples/org.yaml itself. */
function demoUsers(): {
  entities: Entity[];
  identities: CatalogUserIdentity[];
} {
  const text = readFileSync(
    join(__dirname, '../../../../examples/org.yaml'),
    'utf8',
  );
  const entities = parseAllDocuments(text)
    .map(d => d.toJSON() as Entity)
    .filter(e => e?.kind === 'User');
  return {
    entities: entities.map(e => ({
      ...e,
      metadata: { namespace: 'default', ...e.metadata },
    })),
    identities: entities.map(e => ({
      userRef: `user:default/${e.metadata.name}`,
      emails: [(e.spec as any).profile.email],
    })),
  };
}

describe('demo git repositories', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'demo-repos-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives ledger-service a truck factor of 1 and payments-api a spread of at least 3', async () => {
    const { identities } = demoUsers();
    expect(identities.map(u => u.userRef)).toContain('user:default/carol');
    expect(identities.some(u => u.emails.includes('mallory@example.com'))).toBe(
      false,
    );

    const ledgerDir = join(dir, 'ledger-service');
    const paymentsDir = join(dir, 'payments-api');
    const started = Date.now();
    expect(await createDemoRepository(ledgerDir, LEDGER_SERVICE_HISTORY)).toBe(
      'created',
    );
    expect(await createDemoRepository(paymentsDir, PAYMENTS_API_HISTORY)).toBe(
      'created',
    );
    expect(Date.now() - started).toBeLessThan(3000);
    // a work tree with the files checked out
    expect(existsSync(join(ledgerDir, 'src/ledger/journal.ts'))).toBe(true);

    const ledger = ok(
      await analyzeRepository({ dir: ledgerDir, catalogUsers: identities }),
    );
    expect(ledger.truckFactor).toBe(1);
    expect(ledger.activeTruckFactor).toBe(1);
    expect(ledger.activeTruckFactorAuthors).toEqual(['user:default/carol']);
    expect(ledger.topAuthors[0]).toMatchObject({
      author: 'user:default/carol',
      files: 12,
    });
    expect(ledger.departedAuthors.map(a => a.author)).toEqual([
      'Mallory <mallory@example.com>',
    ]);
    expect(ledger.lostFiles).toEqual([
      'src/legacy/batch-export.ts',
      'src/legacy/reconcile-v1.ts',
    ]);

    const payments = ok(
      await analyzeRepository({ dir: paymentsDir, catalogUsers: identities }),
    );
    expect(payments.truckFactor).toBeGreaterThanOrEqual(3);
    expect(payments.activeTruckFactor).toBeGreaterThanOrEqual(3);
    expect(payments.topAuthors.map(a => a.author)).toEqual([
      'user:default/alice',
      'user:default/bob',
      'user:default/carol',
      'user:default/dan',
      'user:default/erin',
      'Mallory <mallory@example.com>',
    ]);
    expect(payments.lostFiles).toEqual(['src/legacy/settlement-v1.ts']);
  });

  it('builds the same commits every time and leaves an existing repository alone', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    await createDemoRepository(a, LEDGER_SERVICE_HISTORY);
    await createDemoRepository(b, LEDGER_SERVICE_HISTORY);
    const head = async (d: string) =>
      ok(await analyzeRepository({ dir: d })).headSha;
    expect(await head(a)).toBe(await head(b));
    expect(await createDemoRepository(a, PAYMENTS_API_HISTORY)).toBe('exists');
    expect(await head(a)).toBe(await head(b));
    expect(fastImportStream(LEDGER_SERVICE_HISTORY).toString()).toContain(
      'author Carol <carol@example.com> 1736244000 +0000',
    );
  });
});

describe('seedKnowledgeDemo', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'creates the configured demo repositories and on-call rotations once on %p',
    async id => {
      const { knex, store, logger, now } = await demoStore(
        databases,
        id,
        [],
        new Date('2026-11-28T12:00:00Z'),
      );

      const dir = mkdtempSync(join(tmpdir(), 'demo-seed-'));
      try {
        const service = new KnowledgeService({
          store: new KnowledgeStore(knex),
          sreStore: store,
          catalog: catalogServiceMock({ entities: demoUsers().entities }),
          auth: mockServices.auth(),
          logger,
          config: {
            repositories: [
              {
                entityRef: 'component:default/ledger-service',
                path: join(dir, 'repos/ledger-service'),
              },
              {
                entityRef: 'component:default/payments-api',
                path: join(dir, 'repos/payments-api'),
              },
            ],
            localRoots: [],
          },
          now: () => now,
        });

        const started = Date.now();
        await seedKnowledgeDemo(service, logger, now);
        expect(Date.now() - started).toBeLessThan(3000);
        expect(logger.info).toHaveBeenCalledWith(
          `Created the demo git repository of component:default/ledger-service at ${join(
            dir,
            'repos/ledger-service',
          )}`,
        );
        const shifts = Number(
          (await knex('oncall_shifts').count({ n: '*' }))[0].n,
        );
        // twelve weekly shifts each, and Alice's four weeks shadowing the ledger's on-call
        expect(shifts).toBe(28);

        // a restart in the same week: the same rows, no new repository
        logger.info.mockClear();
        await seedKnowledgeDemo(
          service,
          logger,
          new Date(now.getTime() + 3_600_000),
        );
        expect(
          Number((await knex('oncall_shifts').count({ n: '*' }))[0].n),
        ).toBe(shifts);
        expect(logger.info).not.toHaveBeenCalled();

        // and the demo shows both on the card
        const ledger = await service.analyze(
          undefined,
          'component:default/ledger-service',
        );
        const payments = await service.analyze(
          undefined,
          'component:default/payments-api',
        );
        expect([ledger.truckFactor, payments.truckFactor]).toEqual([1, 3]);
        expect(ledger.lostFiles.count).toBe(2);
        const onCall = await service.inputsFor(
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'payments-api', namespace: 'default' },
          },
          'component:default/payments-api',
        );
        expect(onCall.onCall.map(o => o.userRef).sort()).toEqual([
          'user:default/bob',
          'user:default/carol',
          'user:default/dan',
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await knex.destroy();
      }
    },
  );
});
