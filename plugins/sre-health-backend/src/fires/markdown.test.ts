import type { Fire } from '@sre-health/backstage-plugin-sre-health-common';
import { inspectMarkdown } from '../__testUtils__/markdown';
import { firesToMarkdown } from './markdown';

const REF = 'component:default/payments-api';
const NOW = new Date('2026-11-30T12:00:00Z');

function fire(overrides: Partial<Fire>): Fire {
  return {
    id: 'f1',
    version: 1,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    entityRef: REF,
    title: 'Pool warm-up after deploy',
    occurredAt: '2026-11-20T10:00:00.000Z',
    kind: 'toil',
    rationale: 'Should never page a human',
    author: 'user:default/alice',
    ...overrides,
  };
}

const SECTIONS = (toil: number, overhead: number, unsorted: number) => [
  `# Fires of ${REF}`,
  `## Toil (${toil})`,
  `## Overhead (${overhead})`,
  `## Not sorted yet (${unsorted})`,
];

describe('firesToMarkdown', () => {
  it('keeps the layout and wording for ordinary fires', () => {
    const md = firesToMarkdown(
      REF,
      [
        fire({}),
        fire({
          id: 'f2',
          kind: 'overhead',
          title: 'Quarterly DR drill',
          rationale: '',
        }),
      ],
      NOW,
    );
    expect(md).toBe(
      [
        `# Fires of ${REF}`,
        '',
        'Sorted on 2026-11-30. Toil should never happen and is to be automated away; overhead is legitimate work that merely causes stress.',
        '',
        '## Toil (1)',
        '',
        'Fires that should never happen: automate them away.',
        '',
        '- **Pool warm-up after deploy** (2026-11-20): Should never page a human',
        '',
        '## Overhead (1)',
        '',
        'Legitimate work that causes stress.',
        '',
        '- **Quarterly DR drill** (2026-11-20): _no rationale yet_',
        '',
        '## Not sorted yet (0)',
        '',
        'Fires still to be sorted into toil or overhead.',
        '',
        '_None._',
        '',
      ].join('\n'),
    );
  });

  it('keeps what people typed as text: no fake section, HTML, javascript: link or image', () => {
    const title = 'x\n## Toil (999)\n<script>alert(1)</script>';
    const rationale =
      '[c](javascript:alert(1)) and ![](http://evil.example/p.png)';
    const md = firesToMarkdown(
      REF,
      [fire({ kind: 'overhead', title, rationale })],
      NOW,
    );
    const shape = inspectMarkdown(md, [title, rationale]);
    expect(shape.headings).toEqual(SECTIONS(0, 1, 0));
    expect(shape.listItems).toBe(1);
    // in the file itself: every `<` and `[` of theirs escaped
    expect(md).not.toMatch(/(^|[^\\])<script>/);
    expect(md).not.toMatch(/(^|[^\\])\[c\]/);
    expect(md).toContain('- **x ## Toil (999) \\<script>alert(1)\\</script>**');
  });

  it('keeps code fences, quotes, lists, tables and entities as text', () => {
    const texts = [
      '```js\nalert(1)\n```',
      '~~~\n<b>x</b>\n~~~',
      '    indented code',
      '> quote\n- item\n1. one\n- [ ] task',
      '| a | b |\n|---|---|',
      'a\n---\nb\n===',
      '&lt;img src=x&gt; &amp; &#x41;',
      '<!-- hidden --> <http://x.example> <javascript:alert(1)>',
      '[ref]: javascript:alert(1)\n[ref] [^1]\n\n[^1]: note',
      '**bold** _em_ `code` ~~del~~ \\',
    ];
    const fires = texts.map((t, i) =>
      fire({ id: `f${i}`, kind: 'unsorted', title: t, rationale: t }),
    );
    const md = firesToMarkdown(REF, fires, NOW);
    const shape = inspectMarkdown(md, texts);
    expect(shape.headings).toEqual(SECTIONS(0, 0, texts.length));
    expect(shape.listItems).toBe(texts.length);
  });
});
