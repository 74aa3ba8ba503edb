import {
  safeMarkdown as md,
  type Fire,
} from '@sre-health/backstage-plugin-sre-health-common';

/**
 * The sorted list of fires an embedded SRE hands to the team: toil (should never happen:
 * automate it away) and overhead (legitimate but stressful), each with the reason. Built as
 * a Markdown tree (common's `safeMarkdown`): what people typed is only ever text.
 * @internal
 */
export function firesToMarkdown(
  entityRef: string,
  fires: Fire[],
  now = new Date(),
): string {
  const section = (title: string, intro: string, items: Fire[]) => [
    md.heading(2, `${title} (${items.length})`),
    md.paragraph(intro),
    items.length
      ? md.list(
          items.map(f => {
            const rationale = md.text(f.rationale);
            return md.item([
              md.strong(md.text(f.title)),
              ` (${f.occurredAt.slice(0, 10)}): `,
              rationale.length ? rationale : md.emphasis('no rationale yet'),
            ]);
          }),
        )
      : md.paragraph(md.emphasis('None.')),
  ];
  const of = (kind: Fire['kind']) => fires.filter(f => f.kind === kind);
  return md.toMarkdown([
    md.heading(1, `Fires of ${entityRef}`),
    md.paragraph(
      `Sorted on ${now
        .toISOString()
        .slice(
          0,
          10,
        )}. Toil should never happen and is to be automated away; overhead is legitimate work that merely causes stress.`,
    ),
    ...section(
      'Toil',
      'Fires that should never happen: automate them away.',
      of('toil'),
    ),
    ...section(
      'Overhead',
      'Legitimate work that causes stress.',
      of('overhead'),
    ),
    ...section(
      'Not sorted yet',
      'Fires still to be sorted into toil or overhead.',
      of('unsorted'),
    ),
  ]);
}
