import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { SERVICE } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  headersOf,
  rowCounts,
  sloDocument,
  startRouteTestBackend,
} from '../__testUtils__/routes';
import { sloYaml as openSloYaml } from '../__testUtils__/openslo';

jest.setTimeout(120_000);

const API = '/api/sre-health';

/** A valid SLO document as YAML text, with `extra` appended at the top level. */
const sloYaml = (name: string, extra = '') =>
  openSloYaml(name, { window: '7d', objective: 'targetPercent: 99', extra });

/**
 * JSON text of an object nested `depth` levels deep (built as text: JSON.stringify itself
 * overflows the stack on 20,000 levels).
 */
const deepJson = (depth: number) =>
  `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

/** A request body whose `document` is the SLO document object `name` plus an `extra` field given as JSON text. */
const withExtraJson = (name: string, extraJson: string) =>
  `${JSON.stringify(sloDocument(name)).slice(0, -1)},"extra":${extraJson}}`;

/** A billion-laughs document: each anchor repeats the one before nine times. */
const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
].join('\n');

/**
 * Malformed SLO documents (issue #15, item 1) and the problem the 400 must name. Before
 * the fix an undefined alias, an alias bomb and a deep document answered 500.
 */
const MALFORMED: Array<[string, (name: string) => string, RegExp]> = [
  [
    'an undefined alias',
    () => JSON.stringify('a: *nope'),
    /document: YAML alias "nope" is not defined/,
  ],
  [
    'an undefined alias inside a valid SLO',
    name => JSON.stringify(sloYaml(name, 'extra: *missing')),
    /document: YAML alias "missing" is not defined/,
  ],
  [
    'an alias bomb',
    () => JSON.stringify(ALIAS_BOMB),
    /document: YAML aliases expand too much/,
  ],
  [
    'a YAML syntax error',
    () => JSON.stringify('kind: [unclosed'),
    /document: invalid YAML at line 1, column \d+/,
  ],
  [
    'a duplicate key',
    name => JSON.stringify(sloYaml(name, 'kind: SLO')),
    /document: invalid YAML at line \d+, column \d+: Map keys must be unique/,
  ],
  [
    'YAML text nested 20,000 levels deep',
    name =>
      JSON.stringify(
        sloYaml(name, `extra: ${'['.repeat(20_000)}${']'.repeat(20_000)}`),
      ),
    /document: nested deeper than 64 levels/,
  ],
  [
    'YAML text nested 100 levels deep',
    name =>
      JSON.stringify(
        sloYaml(name, `extra: ${'['.repeat(100)}${']'.repeat(100)}`),
      ),
    /document: nested deeper than 64 levels/,
  ],
  [
    'an object with a 20,000-deep extra field',
    name => withExtraJson(name, deepJson(20_000)),
    /document: nested deeper than 64 levels/,
  ],
  [
    'an object 65 levels deep',
    name => withExtraJson(name, deepJson(64)),
    /document: nested deeper than 64 levels/,
  ],
  [
    'two YAML documents',
    name => JSON.stringify(`${sloYaml(name)}---\n${sloYaml(name)}`),
    /document: must be one OpenSLO SLO document/,
  ],
  [
    'an object over the size limit',
    name => withExtraJson(name, JSON.stringify('x'.repeat(150_000))),
    /document: larger than 100000 characters/,
  ],
  [
    'aliases expanding past the size limit',
    name =>
      JSON.stringify(
        sloYaml(
          name,
          `x: &x "${'y'.repeat(9_000)}"\nz: [${'*x,'.repeat(20)}*x]`,
        ),
      ),
    /document: larger than 100000 characters/,
  ],
  [
    'a scalar',
    () => JSON.stringify('42'),
    /document: must be one OpenSLO SLO document/,
  ],
];

describe('malformed SLO documents: 400 naming the problem, nothing written', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    let existing: { id: string; version: number; name: string };

    const sre = headersOf('sre');
    /** What the SLO store holds: row counts and the SLO documents with their versions. */
    const snapshot = async () =>
      JSON.stringify({
        counts: await rowCounts(knex),
        slos: await knex('slo_definitions')
          .select('id', 'version', 'document')
          .orderBy('id'),
      });

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startRouteTestBackend(knex);
      const created = await request(server)
        .post(`${API}/slo-definitions`)
        .set(sre)
        .send({ entityRef: SERVICE, document: sloYaml('existing') });
      if (created.status !== 201) {
        throw new Error(`seeding: ${created.status} ${created.text}`);
      }
      existing = created.body;
    });

    afterAll(async () => {
      await knex.destroy();
    });

    it.each(MALFORMED)('POST with %s', async (_name, document, problem) => {
      const before = await snapshot();
      const res = await request(server)
        .post(`${API}/slo-definitions`)
        .set(sre)
        .set('Content-Type', 'application/json')
        .send(
          `{"entityRef":${JSON.stringify(SERVICE)},"document":${document(
            'fresh',
          )}}`,
        );
      expect({ status: res.status, message: res.body.error?.message }).toEqual({
        status: 400,
        message: expect.stringMatching(problem),
      });
      expect(await snapshot()).toBe(before);
    });

    it.each(MALFORMED)('PATCH with %s', async (_name, document, problem) => {
      const before = await snapshot();
      const res = await request(server)
        .patch(`${API}/slo-definitions/${existing.id}`)
        .set(sre)
        .set('Content-Type', 'application/json')
        .send(
          `{"version":${existing.version},"document":${document(
            existing.name,
          )}}`,
        );
      expect({ status: res.status, message: res.body.error?.message }).toEqual({
        status: 400,
        message: expect.stringMatching(problem),
      });
      expect(await snapshot()).toBe(before);
    });

    it('still takes a document with anchors and aliases that stay small, and deep up to the limit', async () => {
      const withAliases = sloYaml(
        'anchored',
        'x-labels: &labels { team: payments }\nx-copy: *labels',
      );
      const created = await request(server)
        .post(`${API}/slo-definitions`)
        .set(sre)
        .send({ entityRef: SERVICE, document: withAliases });
      expect(created.status).toBe(201);
      expect(created.body.document['x-copy']).toEqual({ team: 'payments' });

      const deepest = await request(server)
        .patch(`${API}/slo-definitions/${created.body.id}`)
        .set(sre)
        .send({
          version: created.body.version,
          // the document is level 1, so its field may hold 63 more
          document: {
            ...sloDocument('anchored'),
            extra: JSON.parse(deepJson(63)),
          },
        });
      expect(deepest.status).toBe(200);
    });
  });
});
