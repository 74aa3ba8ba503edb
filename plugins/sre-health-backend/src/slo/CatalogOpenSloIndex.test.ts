import type { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mkdtempSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SreHealthStore } from '../store';
import { createTestDatabases } from '../__testUtils__/databases';
import { LocalFileUrlReader } from './LocalFileUrlReader';
import { SloDefinitionLoader } from './SloDefinitionLoader';
import { sloYaml } from '../__testUtils__/openslo';

/*
 * References across catalog entities: real OpenSLO files on disk, read through the
 * LocalFileUrlReader, named by entities of an in-memory catalog; the API-created SLOs come
 * from the store on SQLite and PostgreSQL.
 */

const PLATFORM_FILE = `apiVersion: openslo/v1
kind: DataSource
metadata: { name: shared-events }
spec: { type: sre-health, connectionDetails: {} }
---
apiVersion: openslo/v1
kind: DataSource
metadata: { name: metrics }
spec: { type: sre-health, connectionDetails: {} }
---
apiVersion: openslo/v1
kind: DataSource
metadata: { name: events }
spec: { type: sre-health, connectionDetails: {} }
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata: { name: fast-burn }
spec:
  conditions:
    - kind: AlertCondition
      metadata: { name: fast-burn }
      spec:
        severity: page
        condition: { kind: burnrate, op: gte, threshold: 10, lookbackWindow: 1h, alertAfter: 5m }
  notificationTargets:
    - kind: AlertNotificationTarget
      metadata: { name: pager }
      spec: { target: pager }
---
${sloYaml('platform-own', {
  window: '28d',
  metricSource: 'metricSourceRef: shared-events',
})}`;

const SEARCH_FILE = `apiVersion: openslo/v1
kind: DataSource
metadata: { name: events }
spec: { type: sre-health, connectionDetails: {} }
`;

/** An SLO over `source`, optionally with an alert policy by name. */
const slo = (name: string, source: string, policy?: string) => `---
apiVersion: openslo/v1
kind: SLO
metadata: { name: ${name} }
spec:
  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { metricSourceRef: ${source}, spec: {} } }
        total: { metricSource: { metricSourceRef: ${source}, spec: {} } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
${policy ? `  alertPolicies: [{ alertPolicyRef: ${policy} }]\n` : ''}`;

const OWN_SOURCE = `apiVersion: openslo/v1
kind: DataSource
metadata: { name: metrics }
spec: { type: Prometheus, connectionDetails: {} }
`;

describe('OpenSLO references across catalog entities', () => {
  const databases = createTestDatabases();
  // made now: the entities below name files in it
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sre-health-shared-'));

  beforeAll(async () => {
    const write = (name: string, text: string) =>
      fs.writeFile(path.join(dir, name), text);
    await write('platform.yaml', PLATFORM_FILE);
    await write('search.yaml', SEARCH_FILE);
    await write(
      'checkout.yaml',
      [
        slo('from-platform', 'shared-events', 'fast-burn'),
        slo('ambiguous', 'events'),
        slo('dangling', 'nowhere'),
      ].join(''),
    );
    await write('ledger.yaml', `${OWN_SOURCE}${slo('own-wins', 'metrics')}`);
  });
  afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

  const entity = (kind: string, name: string, files?: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${path.join(
          dir,
          'catalog-info.yaml',
        )}`,
        ...(files ? { 'sre-health.dev/openslo': files } : {}),
      },
    },
    spec: {},
  });
  const checkout = entity('Component', 'checkout', './checkout.yaml');
  const ledger = entity('Component', 'ledger', './ledger.yaml');
  const entities = [
    entity('Resource', 'platform-observability', './platform.yaml'),
    entity('System', 'search', './search.yaml'),
    checkout,
    ledger,
    entity('Component', 'no-slos'),
  ];

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let store: SreHealthStore;
    let catalogReads: number;
    let now: number;
    let loader: SloDefinitionLoader;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
    });

    beforeEach(() => {
      const catalog = catalogServiceMock({ entities });
      const stream = catalog.streamEntities.bind(catalog);
      catalogReads = 0;
      catalog.streamEntities = (request, options) => {
        catalogReads += 1;
        // only the entities carrying the annotation are asked for
        expect(request?.filter).toEqual({
          'metadata.annotations.sre-health.dev/openslo': expect.anything(),
        });
        return stream(request, options);
      };
      now = Date.parse('2026-12-07T10:00:00Z');
      loader = new SloDefinitionLoader({
        store,
        urlReader: new LocalFileUrlReader([dir]),
        integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
        catalog: { service: catalog, auth: mockServices.auth() },
        now: () => now,
      });
    });

    it("resolves from another entity's file, names ambiguity and what resolves nowhere, and imports no other SLO", async () => {
      const { slos, problems } = await loader.load(
        checkout,
        'component:default/checkout',
      );
      expect(slos.map(s => s.definition.name)).toEqual(['from-platform']);
      expect(slos[0].definition).toEqual(
        expect.objectContaining({
          indicator: expect.objectContaining({
            total: expect.objectContaining({
              sourceType: 'pushed',
              sourceRef: 'shared-events',
            }),
          }),
          alertRules: [expect.objectContaining({ threshold: 10 })],
        }),
      );
      expect(problems.map(p => [p.document, p.message])).toEqual([
        [
          'SLO ambiguous',
          "DataSource events is defined by resource:default/platform-observability and system:default/search; define it in this entity's files, or keep one of them, and no type is given to use without one",
        ],
        [
          'SLO dangling',
          "metricSourceRef 'nowhere' resolves in none of this entity's files nor any catalog entity's, and no type is given to use without one",
        ],
      ]);
    });

    it("keeps the entity's own definition over another entity's", async () => {
      const { slos, problems } = await loader.load(
        ledger,
        'component:default/ledger',
      );
      expect(problems).toEqual([]);
      expect(slos.map(s => s.definition.indicator)).toEqual([
        expect.objectContaining({
          total: expect.objectContaining({ sourceType: 'prometheus' }),
        }),
      ]);
    });

    it('resolves an SLO created through the API against the shared definitions', async () => {
      const ref = 'component:default/no-slos';
      await store.sloDefinitions.create(
        {
          entityRef: ref,
          name: 'by-api',
          document: {
            apiVersion: 'openslo/v1',
            kind: 'SLO',
            metadata: { name: 'by-api' },
            spec: {
              indicator: {
                spec: {
                  ratioMetric: {
                    good: {
                      metricSource: {
                        metricSourceRef: 'shared-events',
                        spec: {},
                      },
                    },
                    total: {
                      metricSource: {
                        metricSourceRef: 'shared-events',
                        spec: {},
                      },
                    },
                  },
                },
              },
              timeWindow: [{ duration: '7d', isRolling: true }],
              budgetingMethod: 'Occurrences',
              objectives: [{ target: 0.99 }],
            },
          },
        },
        'user:default/alice',
      );
      const { slos, problems } = await loader.load(entities[4], ref);
      expect(problems).toEqual([]);
      expect(slos.map(s => [s.definition.name, s.origin])).toEqual([
        ['by-api', 'api'],
      ]);
    });

    it('reads the catalog once per TTL, not per tab read, sooner for a name resolved nowhere, and serves a stale index while it rebuilds', async () => {
      await loader.load(checkout, 'component:default/checkout');
      await loader.load(ledger, 'component:default/ledger');
      await loader.load(checkout, 'component:default/checkout');
      expect(catalogReads).toBe(1);
      // a name resolved nowhere may be newly shared: checked again after 5 s, not before
      now += 6_000;
      await loader.load(ledger, 'component:default/ledger');
      expect(catalogReads).toBe(1);
      await loader.load(checkout, 'component:default/checkout');
      await loader.load(checkout, 'component:default/checkout');
      expect(catalogReads).toBe(2);
      now += 61_000;
      await loader.load(checkout, 'component:default/checkout');
      await new Promise(r => setTimeout(r, 50)); // the rebuild runs behind the read
      expect(catalogReads).toBe(3);
    });
  });
});

describe("the demo catalog's shared definitions", () => {
  const examples = path.resolve(__dirname, '../../../../examples');
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  /** A demo catalog file's entities, located where the catalog would read them. */
  const entitiesOf = (file: string): Entity[] =>
    parseAllDocuments(readFileSync(path.join(examples, file), 'utf8'))
      .map(d => d.toJSON() as Entity)
      .filter(e => e?.kind)
      .map(e => ({
        ...e,
        metadata: {
          namespace: 'default',
          ...e.metadata,
          annotations: {
            ...e.metadata.annotations,
            'backstage.io/managed-by-location': `file:${path.join(
              examples,
              file,
            )}`,
          },
        },
      }));

  it("computes search-api's availability SLO over the slo-platform Resource's DataSource", async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await SreHealthStore.create({
      database: { getClient: async () => knex } as DatabaseService,
    });
    const entities = [
      ...entitiesOf('entities.yaml'),
      ...entitiesOf('search-api.yaml'),
    ];
    const loader = new SloDefinitionLoader({
      store,
      urlReader: new LocalFileUrlReader([examples]),
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      catalog: {
        service: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
      },
    });
    const searchApi = entities.find(e => e.metadata.name === 'search-api')!;
    const { slos, problems } = await loader.load(
      searchApi,
      'component:default/search-api',
    );
    expect(problems).toEqual([]);
    expect(slos.map(s => [s.definition.name, s.definition.indicator])).toEqual([
      [
        'search-availability',
        expect.objectContaining({
          total: expect.objectContaining({
            sourceType: 'pushed',
            sourceRef: 'portal-events',
          }),
        }),
      ],
    ]);
    // and without the Resource, the reference resolves nowhere
    const alone = new SloDefinitionLoader({
      store,
      urlReader: new LocalFileUrlReader([examples]),
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    });
    expect(
      (await alone.load(searchApi, 'component:default/search-api')).problems,
    ).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          "metricSourceRef 'portal-events' resolves in none",
        ),
      }),
    ]);
  });
});
