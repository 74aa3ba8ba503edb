import fc from 'fast-check';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { stringify as toYaml } from 'yaml';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  Fixtures,
  Method,
  ROUTES,
  SampleRequest,
  headersOf,
  routeKey,
  rowCounts,
  sloDocument,
  startRouteTestBackend,
} from '../__testUtils__/routes';
import { FUZZ_SEED, fuzzRuns } from '../__testUtils__/fuzz';

jest.setTimeout(600_000);

/*
 * Property: hostile SLO documents (YAML syntax garbage, aliases and alias bombs, deep
 * nesting, huge scalars, valid-looking but wrong OpenSLO) on the SLO-definition write
 * routes never answer a 5xx, and a 4xx writes nothing. Issue #15, item 1.
 */

const API = '/api/sre-health';
const RUNS = fuzzRuns(40);
const SEED = FUZZ_SEED;

/** A document as sent: YAML (or JSON) text in a string, or raw JSON text of an object. */
type HostileDocument = { text: string } | { json: string };

/** The SLO name in every generated document; replaced by the sample's own name. */
const NAME = 'hostile-slo';

/** Valid SLO YAML text for `name`, before any damage. */
const validYaml = (name: string) => toYaml(sloDocument(name));

/** Pieces that mean something to a YAML parser. */
const yamlPiece = fc.constantFrom(
  '[',
  ']',
  '{',
  '}',
  ': ',
  ':',
  '- ',
  ', ',
  '&a ',
  '*a',
  '*b',
  '&',
  '*',
  '!!str ',
  '!!binary ',
  '!<tag:x> ',
  '!local ',
  '|',
  '>-',
  '"',
  "'",
  '\\',
  '# ',
  '\n',
  '\n  ',
  '\n    ',
  ' ',
  '\t',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '%TAG ! tag:x,2000:\n',
  '? ',
  '<<: *a',
  'kind',
  'SLO',
  'x',
  '1e999',
  '.nan',
  '~',
  '\u0000',
  '\ufeff',
  '\ud800',
);

const syntaxGarbage = fc.oneof(
  fc.array(yamlPiece, { maxLength: 60 }).map(p => p.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/** Anchors and aliases: chains that fan out (bombs), undefined and self references. */
const aliasDocument = fc
  .record({
    levels: fc.integer({ min: 1, max: 9 }),
    fanout: fc.integer({ min: 1, max: 12 }),
    undefinedAlias: fc.boolean(),
    selfReference: fc.boolean(),
    inValidSlo: fc.boolean(),
  })
  .map(({ levels, fanout, undefinedAlias, selfReference, inValidSlo }) => {
    const lines = [`l0: &l0 [${Array(fanout).fill('lol').join(', ')}]`];
    for (let i = 1; i < levels; i++) {
      lines.push(
        `l${i}: &l${i} [${Array(fanout)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    }
    if (undefinedAlias) lines.push('ghost: *nowhere');
    if (selfReference) lines.push('loop: &loop [*loop]');
    const extra = lines.join('\n');
    return inValidSlo
      ? `${validYaml(NAME)}x-extra:\n${extra.replace(/^/gm, '  ')}\n`
      : extra;
  });

/** Nesting from harmless to far beyond the limit, as flow YAML, block YAML or JSON. */
const deepDocument: fc.Arbitrary<HostileDocument> = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: 55, max: 75 }),
      fc.integer({ min: 1, max: 30_000 }),
    ),
    fc.constantFrom('flow-seq', 'flow-map', 'block', 'json'),
  )
  .map(([depth, style]): HostileDocument => {
    const valid = validYaml(NAME);
    switch (style) {
      case 'flow-seq':
        return {
          text: `${valid}extra: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
        };
      case 'flow-map':
        return {
          text: `${valid}extra: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`,
        };
      case 'block': {
        const levels = Math.min(depth, 400);
        let text = `${valid}extra:\n`;
        for (let i = 1; i < levels; i++) text += `${' '.repeat(i)}k:\n`;
        return { text: `${text}${' '.repeat(levels)}k: 1\n` };
      }
      default:
        return {
          json: `${JSON.stringify(sloDocument(NAME)).slice(
            0,
            -1,
          )},"extra":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
        };
    }
  });

/** Scalars around the size limits, in YAML text or in an object. */
const hugeDocument: fc.Arbitrary<HostileDocument> = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: 99_000, max: 101_000 }),
      fc.constantFrom(50_000, 150_000, 240_000),
    ),
    fc.boolean(),
  )
  .map(([size, asText]) =>
    asText
      ? { text: `${validYaml(NAME)}extra: "${'x'.repeat(size)}"\n` }
      : {
          json: JSON.stringify({
            ...sloDocument(NAME),
            extra: 'x'.repeat(size),
          }),
        },
  );

/** Valid-looking OpenSLO with one field wrong. */
const wrongOpenSlo: fc.Arbitrary<HostileDocument> = fc
  .tuple(
    fc.constantFrom(
      'kind',
      'apiVersion',
      'metadata',
      'metadata.name',
      'spec',
      'spec.indicator',
      'spec.indicator.spec',
      'spec.indicator.spec.ratioMetric',
      'spec.indicator.spec.ratioMetric.good',
      'spec.objectives',
      'spec.objectives.0',
      'spec.objectives.0.targetPercent',
      'spec.timeWindow',
      'spec.timeWindow.0.duration',
      'spec.budgetingMethod',
      '__proto__',
      'constructor',
    ),
    fc.oneof(
      fc.constantFrom(
        'SLI',
        'DataSource',
        'openslo/v2',
        'Not A Name',
        '',
        0,
        100,
        -1,
        1e308,
        null,
        [],
        {},
        '0s',
        '1Y',
        'Timeslices',
        { polluted: true },
      ),
      fc.jsonValue({ maxDepth: 3 }),
    ),
    fc.boolean(),
  )
  .map(([path, value, asText]) => {
    const document = sloDocument(NAME) as Record<string, any>;
    const keys = path.split('.');
    let target: any = document;
    for (const key of keys.slice(0, -1)) target = target?.[key];
    if (target && typeof target === 'object') {
      Object.defineProperty(target, keys[keys.length - 1], {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    }
    return asText
      ? { text: toYaml(document) }
      : { json: JSON.stringify(document) };
  });

const hostileDocument: fc.Arbitrary<HostileDocument> = fc.oneof(
  syntaxGarbage.map(text => ({ text })),
  aliasDocument.map(text => ({ text })),
  deepDocument,
  hugeDocument,
  wrongOpenSlo,
  // a valid document with garbage spliced in somewhere
  fc.tuple(fc.nat(), syntaxGarbage).map(([at, garbage]) => {
    const valid = validYaml(NAME);
    const i = at % valid.length;
    return { text: `${valid.slice(0, i)}${garbage}${valid.slice(i)}` };
  }),
);

/** The raw JSON body: the valid sample's other fields and the hostile document. */
function bodyWith(sample: SampleRequest, document: HostileDocument): string {
  const rest = JSON.stringify({
    ...(sample.body as object),
    document: undefined,
  });
  const value =
    'json' in document ? document.json : JSON.stringify(document.text);
  return `${rest.slice(0, -1)}${rest === '{}' ? '' : ','}"document":${value}}`;
}

function preview(document: HostileDocument): string {
  const text = 'json' in document ? document.json : document.text;
  return `${'json' in document ? 'object' : 'text'} ${JSON.stringify(
    text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text,
  )}`;
}

describe('hostile SLO documents: never a 5xx, and a refusal writes nothing', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    let fx: Fixtures;

    const send = (method: Method, sample: SampleRequest, raw?: string) => {
      const req = request(server)
        [method](`${API}${sample.path}`)
        .set(headersOf('sre'))
        .query(sample.query ?? {});
      const json = raw ?? JSON.stringify(sample.body);
      return json === undefined
        ? req
        : req.set('Content-Type', 'application/json').send(json);
    };

    /** Row counts, the SLO documents with their versions, and the entity revisions. */
    const snapshot = async () =>
      JSON.stringify({
        counts: await rowCounts(knex),
        slos: await knex('slo_definitions')
          .select('id', 'version', 'document')
          .orderBy('id'),
        revisions: (await knex.schema.hasTable('entity_revisions'))
          ? await knex('entity_revisions').select().orderBy('entity_ref')
          : [],
      });

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startRouteTestBackend(knex);
      fx = new Fixtures((method, sample) => send(method, sample), knex);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    const sloWrites = ROUTES.filter(
      r =>
        r.path.startsWith('/slo-definitions') &&
        (r.method === 'post' || r.method === 'patch'),
    );

    it('covers the create and update routes', () => {
      expect(sloWrites.map(routeKey).sort()).toEqual(
        ['POST /slo-definitions', 'PATCH /slo-definitions/:id'].sort(),
      );
    });

    it.each(sloWrites.map(r => [routeKey(r), r] as const))(
      '%s',
      async (_key, route) => {
        await fc.assert(
          fc.asyncProperty(hostileDocument, async document => {
            const sample = await route.sample(fx);
            const before = await snapshot();
            // the sample's own name: a PATCH may not rename, a POST needs a new one
            const name = (sample.body as any).document.metadata.name;
            const raw = bodyWith(sample, document).split(NAME).join(name);
            const res = await send(route.method, sample, raw);
            const changed = (await snapshot()) !== before;
            const what = `${routeKey(route)} with ${preview(document)}`;
            if (res.status >= 500) {
              throw new Error(
                `${what}: ${res.status} ${res.text.slice(0, 500)}`,
              );
            }
            if (res.status >= 400 && changed) {
              throw new Error(
                `${what}: refused with ${res.status} but wrote data`,
              );
            }
            // a 400 names the document (or the field of the body at fault)
            const message = String(res.body.error?.message ?? '');
            if (
              res.status === 400 &&
              !/document|version|entityRef/.test(message)
            ) {
              throw new Error(`${what}: 400 naming nothing: ${message}`);
            }
          }),
          { numRuns: RUNS, seed: SEED },
        );
      },
    );
  });
});
