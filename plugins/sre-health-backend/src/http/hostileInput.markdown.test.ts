import fc from 'fast-check';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { SERVICE } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import { MarkdownShape, inspectMarkdown } from '../__testUtils__/markdown';
import {
  Caller,
  Fixtures,
  GENERIC_RESOURCES,
  Method,
  OTHER_SERVICE,
  SampleRequest,
  headersOf,
  startRouteTestBackend,
} from '../__testUtils__/routes';
import { FUZZ_SEED, fuzzRuns } from '../__testUtils__/fuzz';

/*
 * The hostile-input suite (hostileInput.test.ts) for the Markdown exports: text full of
 * Markdown, HTML and URL syntax goes in through the real write routes, and every export
 * (fires.md, report.md) is read back with a Markdown parser (mdast-util-from-markdown +
 * GFM). What people typed must stay text: never a heading, HTML, image, code, quote,
 * definition or footnote, no link but an http(s) URL shown as typed; every text is there,
 * and the document keeps the headings and list items it has with ordinary text.
 */

jest.setTimeout(300_000);

const API = '/api/sre-health';
const RUNS = fuzzRuns(40);
const SEED = FUZZ_SEED;

/** Pieces of Markdown, HTML and URL syntax, and what turns them on: line starts, spaces. */
const MARKDOWN_PIECES = [
  '#',
  '# ',
  '## Toil (999)',
  '### ',
  '*',
  '**',
  '_',
  '__',
  '`',
  '```',
  '```js',
  '~~~',
  '~',
  '~~',
  '<',
  '>',
  '> ',
  '</',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<b>',
  '<!--',
  '-->',
  '<http://auto.example>',
  '<javascript:alert(1)>',
  '[',
  ']',
  '](',
  '(',
  ')',
  '!',
  '![',
  '![](http://evil.example/p.png)',
  '[c](javascript:alert(1))',
  '[x]: ',
  '[^1]',
  '|',
  ' | ',
  '|---|',
  '\n',
  '\n\n',
  '\r\n',
  ' ',
  '  ',
  '    ',
  '\t',
  '-',
  '- ',
  '+ ',
  '1. ',
  '2) ',
  '- [ ] ',
  '---',
  '===',
  '***',
  '&',
  '&amp;',
  '&lt;',
  '&#x41;',
  '&#0;',
  '&copy',
  '\\',
  ':',
  // eslint-disable-next-line no-script-url -- a javascript: link is what must stay text
  'javascript:alert(1)',
  'data:text/html,x',
  'http://evil.example/p.png',
  'https://ok.example/a?b=1&c=2',
  'www.evil.example',
  'ops@evil.example',
  'word',
  'x',
  '.',
  ',',
];

/** Text made of Markdown-significant pieces (with something visible in it). */
const markdownText = (maxLength: number) =>
  fc
    .array(fc.constantFrom(...MARKDOWN_PIECES), { minLength: 1, maxLength: 24 })
    .map(parts => parts.join('').slice(0, maxLength))
    .filter(s => /\S/.test(s));

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'Markdown exports with hostile text, on %p',
  databaseId => {
    let knex: Knex;
    let server: Server;
    let fx: Fixtures;

    const send = (
      method: Method,
      sample: SampleRequest,
      caller: Caller = 'sre',
    ) => {
      const req = request(server)
        [method](`${API}${sample.path}`)
        .set(headersOf(caller))
        .query(sample.query ?? {});
      return sample.body === undefined ? req : req.send(sample.body as object);
    };

    /** A write that must succeed; its response body. */
    const ok = async (method: Method, sample: SampleRequest) => {
      const res = await send(method, sample);
      if (res.status >= 300) {
        throw new Error(
          `${method.toUpperCase()} ${sample.path}: ${res.status} ${res.text}`,
        );
      }
      return res.body;
    };

    /** An export as a reader downloads it. */
    const download = async (path: string) => {
      const res = await send('get', { path }, 'developer');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/markdown/);
      return res.text as string;
    };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startRouteTestBackend(knex);
      fx = new Fixtures((method, sample) => send(method, sample), knex);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    describe('fires.md', () => {
      const FIRES_MD = `/entities/component/default/payments-api/fires.md`;

      it('keeps the probe’s fire as text (regression, issue #15)', async () => {
        const title = 'x\n## Toil (999)\n<script>alert(1)</script>';
        const rationale =
          '[c](javascript:alert(1)) ![](http://evil.example/p.png)';
        const created = await ok('post', {
          path: '/fires',
          body: {
            entityRef: OTHER_SERVICE,
            title,
            occurredAt: '2026-11-01T10:00:00Z',
            kind: 'toil',
            rationale,
          },
        });
        const md = await download(
          '/entities/component/default/ledger-service/fires.md',
        );
        const shape = inspectMarkdown(md, [created.title, created.rationale]);
        expect(shape.headings).toEqual([
          `# Fires of ${OTHER_SERVICE}`,
          '## Toil (1)',
          '## Overhead (0)',
          '## Not sorted yet (0)',
        ]);
        expect(shape.listItems).toBe(1);
      });

      it('never lets hostile titles and rationales become Markdown', async () => {
        // one fire of each kind, made ordinary first
        const fires: Array<{ id: string; version: number }> = [];
        for (const kind of ['toil', 'overhead', 'unsorted']) {
          fires.push(
            await ok('post', {
              path: '/fires',
              body: {
                entityRef: SERVICE,
                title: `Ordinary ${kind}`,
                occurredAt: '2026-11-01T10:00:00Z',
                kind,
                rationale: 'Because it pages at night',
              },
            }),
          );
        }
        const ordinary: MarkdownShape = inspectMarkdown(
          await download(FIRES_MD),
        );
        expect(ordinary.headings).toEqual([
          `# Fires of ${SERVICE}`,
          '## Toil (1)',
          '## Overhead (1)',
          '## Not sorted yet (1)',
        ]);

        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.tuple(markdownText(200), markdownText(4000)), {
              minLength: 3,
              maxLength: 3,
            }),
            async texts => {
              const typed: string[] = [];
              for (const [i, [title, rationale]] of texts.entries()) {
                const updated = await ok('patch', {
                  path: `/fires/${fires[i].id}`,
                  body: { version: fires[i].version, title, rationale },
                });
                fires[i] = updated;
                typed.push(updated.title, updated.rationale);
              }
              const shape = inspectMarkdown(await download(FIRES_MD), typed);
              expect(shape).toEqual(ordinary);
            },
          ),
          { numRuns: RUNS, seed: SEED },
        );
      });
    });

    describe('report.md', () => {
      it('never lets hostile text of an engagement become Markdown', async () => {
        const engagement = await fx.teamEngagement();
        const base = `/engagements/${engagement.id}`;
        const flag = await fx.create(GENERIC_RESOURCES[0]); // an open flag on the team's service
        // POST /engagements/start wrote the profile
        const { profile } = await ok('get', { path: `${base}/record` });
        const state = {
          engagement: await ok('patch', {
            path: base,
            body: { version: engagement.version, goals: 'Back under the cap' },
          }),
          profile: await ok('put', {
            path: `${base}/profile`,
            body: {
              version: profile.version,
              situationNotes: 'Two people on call',
              summary: 'Too many pages',
              principles: ['Page on symptoms'],
            },
          }),
          tick: await ok('put', {
            path: `${base}/checklist/shadowed-on-call`,
            body: { evidence: 'Shadowed a week' },
          }),
          decision: await ok('post', {
            path: `${base}/decisions`,
            body: {
              decision: 'Page only on symptoms',
              reason: 'cause alerts woke people',
              example: 'the disk alert',
            },
          }),
          question: await ok('post', {
            path: `${base}/questions`,
            body: {
              question: 'Who gets paged?',
              askedTo: 'carol',
              answer: 'carol',
            },
          }),
          kindling: await ok('post', {
            path: `${base}/kindling`,
            body: {
              title: 'Own the pager together',
              explanation: 'one person carries it',
              fixes: { kind: 'stressor-flag', id: flag.id },
              assigneeRef: 'user:default/carol',
            },
          }),
          flag: await ok('get', { path: `/stressor-flags/${flag.id}` }),
        };
        const ordinary = inspectMarkdown(await download(`${base}/report.md`));
        expect(ordinary.headings).toEqual(
          expect.arrayContaining([
            '# After-action report: payments-team',
            '## Goals',
            '### What must change, in the SRE’s words',
            '### The team’s',
          ]),
        );

        const statement = markdownText(1000);
        const long = markdownText(4000);
        const title = markdownText(200);
        await fc.assert(
          fc.asyncProperty(
            fc.record({
              goals: long,
              situationNotes: long,
              summary: long,
              principle: statement,
              evidence: long,
              decision: statement,
              reason: long,
              example: long,
              question: statement,
              // a name, or a ref when it has a colon (checked against the catalog)
              askedTo: title.filter(s => !s.includes(':')),
              answer: long,
              kindlingTitle: title,
              explanation: long,
              flagEvidence: long,
            }),
            async t => {
              state.engagement = await ok('patch', {
                path: base,
                body: { version: state.engagement.version, goals: t.goals },
              });
              state.profile = await ok('put', {
                path: `${base}/profile`,
                body: {
                  version: state.profile.version,
                  situationNotes: t.situationNotes,
                  summary: t.summary,
                  principles: [t.principle],
                },
              });
              state.tick = await ok('put', {
                path: `${base}/checklist/shadowed-on-call`,
                body: { version: state.tick.version, evidence: t.evidence },
              });
              state.decision = await ok('patch', {
                path: `${base}/decisions/${state.decision.id}`,
                body: {
                  version: state.decision.version,
                  decision: t.decision,
                  reason: t.reason,
                  example: t.example,
                },
              });
              state.question = await ok('patch', {
                path: `${base}/questions/${state.question.id}`,
                body: {
                  version: state.question.version,
                  question: t.question,
                  askedTo: t.askedTo,
                  answer: t.answer,
                },
              });
              state.kindling = await ok('patch', {
                path: `${base}/kindling/${state.kindling.id}`,
                body: {
                  version: state.kindling.version,
                  title: t.kindlingTitle,
                  explanation: t.explanation,
                },
              });
              state.flag = await ok('patch', {
                path: `/stressor-flags/${flag.id}`,
                body: { version: state.flag.version, evidence: t.flagEvidence },
              });
              // what was stored (trimmed where the schema trims) is what must come out
              const typed = [
                state.engagement.goals,
                state.profile.situationNotes,
                state.profile.summary,
                ...state.profile.principles,
                state.tick.evidence,
                state.decision.decision,
                state.decision.reason,
                state.decision.example,
                state.question.question,
                state.question.askedTo,
                state.question.answer,
                state.kindling.title,
                state.flag.evidence,
              ];
              const shape = inspectMarkdown(
                await download(`${base}/report.md`),
                typed,
              );
              expect(shape).toEqual(ordinary);
            },
          ),
          { numRuns: RUNS, seed: SEED },
        );
      });
    });
  },
);
