import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SreHealthStore } from '../store';
import { LocalFileUrlReader } from './LocalFileUrlReader';
import { SloDefinitionLoader } from './SloDefinitionLoader';
import { sloYaml } from '../__testUtils__/openslo';

const GOOD = sloYaml('checkout');

describe('SloDefinitionLoader', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let dir: string;
  let loader: SloDefinitionLoader;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sre-health-slo-'));
    await fs.mkdir(path.join(dir, 'catalog', 'slos'), { recursive: true });
    await fs.writeFile(path.join(dir, 'catalog', 'slos', 'good.yaml'), GOOD);
    await fs.writeFile(
      path.join(dir, 'catalog', 'slos', 'bad.yaml'),
      `${GOOD.replace('checkout', 'other').replace(
        'target: 0.99',
        'target: 99',
      )}`,
    );
    await fs.writeFile(
      path.join(dir, 'catalog', 'slos', 'broken.yaml'),
      'kind: [unclosed',
    );
    await fs.writeFile(path.join(dir, 'secret.yaml'), GOOD);
    const knex = await databases.init('SQLITE_3');
    const store = await SreHealthStore.create({
      database: { getClient: async () => knex } as DatabaseService,
    });
    loader = new SloDefinitionLoader({
      store,
      urlReader: new LocalFileUrlReader([path.join(dir, 'catalog')]),
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    });
  });

  afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

  const entity = (
    files: string,
    extra: Record<string, string> = {},
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      annotations: {
        'backstage.io/managed-by-location': `file:${path.join(
          dir,
          'catalog',
          'catalog-info.yaml',
        )}`,
        'sre-health.dev/openslo': files,
        ...extra,
      },
    },
    spec: { type: 'service' },
  });

  it('reads OpenSLO files relative to the catalog file, beside the annotation shorthand', async () => {
    const { slos, problems } = await loader.load(
      entity('./slos/good.yaml', { 'sre-health.dev/slo-target': '99.9' }),
      'component:default/checkout',
    );
    expect(problems).toEqual([]);
    expect(slos.map(s => [s.definition.name, s.origin])).toEqual([
      ['availability', 'annotation'],
      ['checkout', 'file'],
    ]);
    expect(slos[1].location).toBe(
      `file://${path.join(dir, 'catalog', 'slos', 'good.yaml')}`,
    );
  });

  it('reports a bad file with the document and field, and keeps the good one', async () => {
    const { slos, problems } = await loader.load(
      entity(
        './slos/good.yaml, ./slos/bad.yaml, ./slos/broken.yaml, ./slos/missing.yaml',
      ),
      'component:default/checkout',
    );
    expect(slos.map(s => s.definition.name)).toEqual(['checkout']);
    expect(problems).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('invalid YAML'),
      }),
      expect.objectContaining({
        message: expect.stringContaining('cannot be read'),
      }),
      expect.objectContaining({
        location: `file://${path.join(dir, 'catalog', 'slos', 'bad.yaml')}`,
        document: 'SLO other',
        index: 1,
        path: 'spec.objectives[0].target',
        message: 'must be in [0.0, 1.0)',
      }),
    ]);
  });

  it('resolves references across the files an entity names, and names the one that resolves nowhere', async () => {
    const write = (name: string, text: string) =>
      fs.writeFile(path.join(dir, 'catalog', 'slos', name), text);
    await write(
      'sli.yaml',
      `apiVersion: openslo/v1
kind: SLI
metadata: { name: good-checkouts }
spec:
  ratioMetric:
    good: { metricSource: { metricSourceRef: events, spec: {} } }
    total: { metricSource: { metricSourceRef: events, spec: {} } }
---
apiVersion: openslo/v1
kind: DataSource
metadata: { name: events }
spec: { type: sre-health, connectionDetails: {} }
`,
    );
    const byRef = (name: string, sli: string) => `apiVersion: openslo/v1
kind: SLO
metadata: { name: ${name} }
spec:
  indicatorRef: ${sli}
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`;
    await write(
      'by-ref.yaml',
      `${byRef('by-ref', 'good-checkouts')}---
${byRef('dangling', 'nowhere')}`,
    );
    const { slos, problems } = await loader.load(
      entity('./slos/by-ref.yaml, ./slos/sli.yaml'),
      'component:default/checkout',
    );
    expect(slos.map(s => [s.definition.name, s.definition.indicator])).toEqual([
      [
        'by-ref',
        expect.objectContaining({
          type: 'ratio',
          total: expect.objectContaining({
            sourceType: 'pushed',
            sourceRef: 'events',
          }),
        }),
      ],
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        document: 'SLO dangling',
        index: 2,
        path: 'spec.indicatorRef',
        message:
          "indicatorRef 'nowhere' resolves in none of this entity's files nor any catalog entity's",
      }),
    ]);
  });

  it('turns undefined aliases, alias bombs, deep nesting and oversize files into problems naming them', async () => {
    const bomb = [
      'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    const hostile: Record<string, string> = {
      'alias.yaml': `${GOOD}extra: *nope\n`,
      'bomb.yaml': bomb,
      'deep.yaml': `${GOOD}extra: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
      'deepish.yaml': `${GOOD}extra: ${'{a: '.repeat(70)}1${'}'.repeat(70)}\n`,
      'huge.yaml': `${GOOD}extra: "${'x'.repeat(1_100_000)}"\n`,
    };
    for (const [name, text] of Object.entries(hostile)) {
      await fs.writeFile(path.join(dir, 'catalog', 'slos', name), text);
    }
    const { slos, problems } = await loader.load(
      entity(
        `./slos/good.yaml, ${Object.keys(hostile)
          .map(n => `./slos/${n}`)
          .join(', ')}`,
      ),
      'component:default/checkout',
    );
    expect(slos.map(s => s.definition.name)).toEqual(['checkout']);
    expect(problems.map(p => [path.basename(p.location), p.message])).toEqual([
      ['alias.yaml', 'YAML alias "nope" is not defined'],
      ['bomb.yaml', expect.stringMatching(/^YAML aliases expand too much/)],
      ['deep.yaml', 'nested deeper than 64 levels'],
      ['deepish.yaml', 'nested deeper than 64 levels'],
      ['huge.yaml', 'larger than 1000000 characters'],
    ]);
  });

  it('refuses files outside the allowed folders', async () => {
    const { slos, problems } = await loader.load(
      entity('../secret.yaml'),
      'component:default/checkout',
    );
    expect(slos).toEqual([]);
    expect(problems[0].message).toContain(
      'outside the folders SRE Health may read',
    );
  });
});
