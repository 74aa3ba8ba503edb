/* eslint-disable no-script-url -- hostile URLs are what these tests send */
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { renderAfterActionReportMarkdown } from '../engagement/markdown';
import type { AfterActionReport, EngagementFigures } from '../engagement/types';
import {
  heading,
  item,
  list,
  paragraph,
  paragraphs,
  safeLink,
  strong,
  text,
  toMarkdown,
} from '.';

/** Read back as GitHub and Backstage render it: CommonMark + GFM. */
function parse(markdown: string): Root {
  return fromMarkdown(markdown, {
    extensions: [gfm()],
    mdastExtensions: [gfmFromMarkdown()],
  });
}

const NEVER = new Set([
  'html',
  'image',
  'imageReference',
  'linkReference',
  'definition',
  'code',
  'inlineCode',
  'footnoteReference',
  'footnoteDefinition',
  'blockquote',
  'thematicBreak',
  'delete',
  'break',
]);
const CONTAINERS = new Set(['root', 'list', 'listItem', 'table', 'tableRow']);

function plain(node: Nodes, withHeadings = true): string {
  if ('value' in node) return node.value;
  if (!('children' in node)) return '';
  if (node.type === 'heading' && !withHeadings) return '';
  return (node.children as Nodes[])
    .map(c => plain(c, withHeadings))
    .join(CONTAINERS.has(node.type) ? '\n' : '');
}

const normalize = (value: string) =>
  value
    .replace(/\u2060/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** What the parsed document holds: headings, links, nodes user text must never make. */
function inspect(markdown: string) {
  const tree = parse(markdown);
  const headings: string[] = [];
  const links: Array<{ url: string; shown: string }> = [];
  const forbidden: string[] = [];
  const visit = (node: Nodes) => {
    if (NEVER.has(node.type)) forbidden.push(`${node.type}: ${plain(node)}`);
    if (node.type === 'heading')
      headings.push(`${'#'.repeat(node.depth)} ${plain(node)}`);
    if (node.type === 'link') links.push({ url: node.url, shown: plain(node) });
    if ('children' in node) (node.children as Nodes[]).forEach(visit);
  };
  visit(tree);
  return { headings, links, forbidden, body: normalize(plain(tree, false)) };
}

describe('safeMarkdown', () => {
  it('links only http(s) URLs; anything else is text', () => {
    expect(safeLink('https://example.com/a')).toMatchObject({
      type: 'link',
      url: 'https://example.com/a',
    });
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '//evil.example/x',
      '/relative',
      'http//broken',
      'https://',
    ]) {
      expect(safeLink(url, 'label')).toEqual({ type: 'text', value: 'label' });
    }
  });

  it('turns typed http(s) URLs into links showing that URL, nothing else', () => {
    const md = toMarkdown([
      paragraph(
        text(
          'See https://grafana.example/d/x?a=1&b=2. and (http://a.example/p_(1)) not javascript:alert(1) nor ops@team.example nor ftp://x.example',
        ),
      ),
    ]);
    const { links, forbidden, body } = inspect(md);
    expect(forbidden).toEqual([]);
    expect(links).toEqual([
      {
        url: 'https://grafana.example/d/x?a=1&b=2',
        shown: 'https://grafana.example/d/x?a=1&b=2',
      },
      { url: 'http://a.example/p_(1)', shown: 'http://a.example/p_(1)' },
    ]);
    expect(body).toContain('nor ops@team.example nor ftp://x.example');
  });

  it('keeps every Markdown-significant character as text', () => {
    const hostile = [
      'x\n## Toil (999)\n<script>alert(1)</script>',
      '[c](javascript:alert(1)) ![](http://evil.example/p.png)',
      '```js\nalert(1)\n```',
      '~~~\ncode\n~~~',
      '    indented code',
      '\tindented',
      'a\n---\nb',
      'a\n===',
      '> quote',
      '- item\n* item\n+ item\n1. one\n2) two',
      '- [ ] task',
      '| a | b |\n|---|---|\n| c | d |',
      '***\n___',
      '`code` **bold** _em_ ~~del~~ \\escaped\\',
      '<!-- comment --> <http://autolink.example> <mail@x.example>',
      '&lt;b&gt; &amp; &#x41; &copy;',
      '[ref]: http://evil.example\n[ref]',
      '[^1]\n\n[^1]: footnote',
      'line with trailing spaces  \nnext',
      'line with backslash\\\nnext',
    ];
    for (const value of hostile) {
      const md = toMarkdown([
        heading(2, 'Only heading'),
        ...paragraphs(value),
        list([item([strong(text(value)), ': ', text(value)])]),
      ]);
      const { headings, links, forbidden, body } = inspect(md);
      expect({ value, headings, forbidden }).toEqual({
        value,
        headings: ['## Only heading'],
        forbidden: [],
      });
      expect(links.every(l => /^https?:\/\//.test(l.url))).toBe(true);
      expect(body).toContain(normalize(value));
    }
  });
});

describe('the after-action report as Markdown', () => {
  const figures = (at: string): EngagementFigures => ({
    at,
    source: 'snapshot',
    services: ['component:default/search-api'],
    ops: {
      opsShare: 0.6,
      weeks: [{ weekStart: '2026-01-05', opsShare: 0.6 }],
      weeksOverCap: 1,
    },
    stressors: {
      open: 1,
      flags: [
        {
          entityRef: 'component:default/search-api',
          stressorKey: 'knowledge-gap',
          stressLevel: 3,
          evidence: '<!-- hidden --> ![](http://evil.example/flag.png)',
        },
      ],
    },
    slos: [
      {
        entityRef: 'component:default/search-api',
        name: 'availability',
        displayName: '| x | y |\n|---|---|\n<b>SLO</b>',
        target: 0.999,
        sli: 0.9995,
        budgetRemaining: 0.5,
        status: 'healthy',
      },
    ],
  });

  /** Every text field a person can write, with what the probe sent. */
  const HOSTILE = {
    goals:
      'Ship it\n## Kindling cleared (9 of 9)\n<img src=x onerror=alert(1)>\n\n```js\nalert(1)\n```',
    situationNotes: '[c](javascript:alert(1)) *nested* \\escaped',
    summary:
      '## What remains\nnothing\n![](http://evil.example/beacon.png)\n    indented code',
    evidence: '---\n## Goals\n> quoted',
    decision: '[click](javascript:alert(1))',
    reason: 'line\n# Fake title',
    example: '~~~\ncode\n~~~',
    question: '<script>alert(1)</script>',
    askedTo: '![x](http://evil.example/p.png)',
    answer: '- [x] done\n1. first',
    movedOn:
      'See <javascript:alert(1)> and www.evil.example and mail@evil.example and https://grafana.example/d/x?a=1&b=2.',
    kindlingTitle: '**bold** _em_ `code`',
    explanation: '[ref]: javascript:alert(1)\n[ref]',
    label: 'a | b <b>',
    remainsTitle: '[^1]\n\n[^1]: footnote',
    principle: '> quote\n\n***',
  };

  const report: AfterActionReport = {
    engagementId: 'e1',
    teamRef: 'group:default/search-team',
    sreRef: 'user:default/bob',
    startDate: '2026-01-05',
    endDate: '2026-02-27',
    goals: HOSTILE.goals,
    situation: 'other',
    situationFocus: null,
    situationNotes: HOSTILE.situationNotes,
    problem: {
      summary: HOSTILE.summary,
      start: figures('2026-01-05T00:00:00Z'),
      end: figures('2026-02-27T00:00:00Z'),
      weeksOverCapDuring: 1,
      weeksDuring: 1,
      resolvedStressors: [],
      newStressors: [],
      statements: ['Ops work took 60% of the time.'],
    },
    phases: [
      {
        phase: 'learn',
        title: 'Learn the service',
        checklist: [
          {
            key: 'shadowed-on-call',
            title: 'Shadowed the on-call rotation',
            done: true,
            evidence: HOSTILE.evidence,
          },
        ],
        decisions: [
          {
            decision: HOSTILE.decision,
            reason: HOSTILE.reason,
            example: HOSTILE.example,
          },
        ],
        questions: [
          {
            question: HOSTILE.question,
            askedTo: HOSTILE.askedTo,
            answer: HOSTILE.answer,
          },
        ],
        movedOn: [
          { to: 'share-context', reason: HOSTILE.movedOn, openItems: ['x'] },
        ],
      },
    ],
    kindling: {
      progress: {
        cleared: 1,
        total: 2,
        targetMin: 3,
        targetMax: 4,
        label: '1 of 3–4 cleared',
        reached: false,
      },
      cleared: [
        {
          title: HOSTILE.kindlingTitle,
          explanation: HOSTILE.explanation,
          fixes: {
            kind: 'postmortem',
            id: 'p1',
            label: HOSTILE.label,
            entityRef: 'component:default/search-api',
          },
          assigneeRef: 'user:default/carol',
          reviewerRef: 'user:default/bob',
          doneAt: '2026-02-20T00:00:00Z',
        },
      ],
    },
    remains: {
      kindling: [
        {
          title: HOSTILE.remainsTitle,
          state: 'proposed',
          assigneeRef: 'user:default/dave',
        },
      ],
      stressors: [],
      checklist: [],
    },
    principles: {
      team: [HOSTILE.principle],
      book: [{ principle: 'Write SLOs first.', logic: 'Numbers decide.' }],
    },
    generatedAt: '2026-02-27T12:00:00.000Z',
    generatedBy: 'user:default/bob',
  } as AfterActionReport;

  it('keeps what people typed as text: no heading, HTML, image, code, quote or unsafe link of theirs', () => {
    const md = renderAfterActionReportMarkdown(report);
    const { headings, links, forbidden, body } = inspect(md);
    expect(headings).toEqual([
      '# After-action report: search-team',
      '## Goals',
      '## The problem, in numbers',
      '### Ops load (cap 50%)',
      '### SLOs and error budgets',
      '### Stressors open at the start',
      '### What must change, in the SRE’s words',
      '## What was decided, phase by phase',
      '### Learn the service',
      '## Kindling cleared (1 of 3–4 cleared)',
      '## What remains',
      '## Principles for new situations',
      '### The team’s',
      '### The book’s, with their logic',
    ]);
    expect(forbidden).toEqual([]);
    // the only links: the http(s) URLs someone typed, shown as typed (an image's URL
    // is a link to click, never an image that loads)
    expect(links).toEqual([
      ...[
        'http://evil.example/flag.png',
        'http://evil.example/beacon.png',
        'http://evil.example/p.png',
      ].map(url => ({ url, shown: url })),
      { url: 'http://www.evil.example', shown: 'www.evil.example' },
      {
        url: 'https://grafana.example/d/x?a=1&b=2',
        shown: 'https://grafana.example/d/x?a=1&b=2',
      },
    ]);
    for (const [field, value] of Object.entries(HOSTILE)) {
      expect({ field, found: body.includes(normalize(value)) }).toEqual({
        field,
        found: true,
      });
    }
    // still one table row per SLO: the pipes of the name stay in its cell
    expect(md).toContain('| \\| x \\| y \\|');
  });

  it('keeps the wording and layout for ordinary text', () => {
    const md = renderAfterActionReportMarkdown({
      ...report,
      goals: 'Back under the cap.\n\nThen write SLOs.',
    });
    expect(md).toContain(
      '## Goals\n\nBack under the cap.\n\nThen write SLOs.\n',
    );
    expect(md).toContain('- [x] Shadowed the on-call rotation — ');
    expect(md).toContain(
      '| | Ops share | Weeks above the cap | Weeks |\n| - | - | - | - |\n| Before the engagement | 60% | 1 of 1 | 2026-01-05 to 2026-01-05 |',
    );
    expect(md).toMatch(
      /\n_Generated 2026-02-27T12:00:00\.000Z by user:default\/bob from the engagement record\._\n$/,
    );
  });
});
