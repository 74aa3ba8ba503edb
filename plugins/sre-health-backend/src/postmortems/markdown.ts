import { InputError } from '@backstage/errors';
import {
  checkIsoDate,
  checkIsoDateTime,
} from '@sre-health/backstage-plugin-sre-health-common';

/** A postmortem read from Markdown. @internal */
export interface ImportedPostmortem {
  title: string;
  occurredAt: string;
  impact: string;
  contributingFactors: string[];
  actionItems: Array<{ text: string; state?: 'done' }>;
}

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[([ xX])\]\s+)?(.+)$/;

/** The items of a bullet or numbered list, with their task-list box when they have one. */
function listItems(lines: ReadonlyArray<string>) {
  return lines
    .map(l => LIST_ITEM.exec(l))
    .filter((m): m is RegExpExecArray => Boolean(m?.[2]?.trim()))
    .map(m => ({ text: m[2].trim(), ticked: /x/i.test(m[1] ?? '') }));
}

/**
 * Reads a postmortem written as Markdown:
 * `# Title`, a `Date: YYYY-MM-DD` (or ISO date-time) line, an `## Impact` section, an
 * optional `## Contributing factors` list and an `## Action items` section with a bullet or
 * numbered list (a ticked task-list box `- [x]` marks an item done).
 * Every missing part is named in one 400.
 * @internal
 */
export function parsePostmortemMarkdown(markdown: string): ImportedPostmortem {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const title = lines
    .find(l => /^#\s+\S/.test(l))
    ?.replace(/^#\s+/, '')
    .trim();
  const dateLine = lines.find(l => /^\s*(\*\*)?date(\*\*)?\s*:/i.test(l));
  const dateText = dateLine
    ?.replace(/^\s*(\*\*)?date(\*\*)?\s*:\s*/i, '')
    .trim();
  const sections = new Map<string, string[]>();
  let current: string | undefined;
  for (const line of lines) {
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading) {
      current = heading[1].toLocaleLowerCase('en-US');
      sections.set(current, []);
    } else if (current) {
      sections.get(current)!.push(line);
    }
  }
  const impact = (sections.get('impact') ?? []).join('\n').trim();
  const itemsSection =
    sections.get('action items') ?? sections.get('action item');
  const actionItems = listItems(itemsSection ?? []).map(({ text, ticked }) =>
    ticked ? { text, state: 'done' as const } : { text },
  );
  const contributingFactors = listItems(
    sections.get('contributing factors') ?? [],
  ).map(f => f.text);

  const problems: string[] = [];
  if (!title) problems.push('markdown: needs a "# Title" line');
  // the one date rule of every request (#15): a real day or moment, 1970 up to now
  const dateOnly =
    dateText !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(dateText);
  const when = dateOnly
    ? checkIsoDate(dateText, { facing: 'past' })
    : checkIsoDateTime(dateText, { facing: 'past' });
  if (!dateText) problems.push('markdown: needs a "Date: YYYY-MM-DD" line');
  else if (!when.ok)
    problems.push(
      `markdown: "Date: ${dateText}" ${
        dateOnly || !when.message.startsWith('must be an ISO 8601')
          ? when.message
          : 'is not a date: use YYYY-MM-DD or an ISO 8601 date-time'
      }`,
    );
  if (!itemsSection)
    problems.push('markdown: needs an "## Action items" section');
  if (problems.length)
    throw new InputError(`Invalid body: ${problems.join('; ')}`);
  let occurredAt = '';
  if (when.ok)
    occurredAt = dateOnly ? `${when.value}T00:00:00.000Z` : when.value;
  return {
    title: title!,
    occurredAt,
    impact,
    contributingFactors,
    actionItems,
  };
}
