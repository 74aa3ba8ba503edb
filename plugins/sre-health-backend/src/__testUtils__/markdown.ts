import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/*
 * Reads an export back the way GitHub and Backstage render it (CommonMark + GFM) and checks
 * that what people typed stayed text. Common's src/markdown/markdown.test.ts has the same
 * checker for the after-action report.
 */

/** Node types no export ever means to write: if one shows up, user text made it. */
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

/** Nodes whose children are blocks (or rows, cells): one line each. */
const CONTAINERS = new Set(['root', 'list', 'listItem', 'table', 'tableRow']);

export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, {
    extensions: [gfm()],
    mdastExtensions: [gfmFromMarkdown()],
  });
}

/** The text a reader sees: blocks on their own lines, headings left out unless asked. */
function plain(node: Nodes, withHeadings = true): string {
  if ('value' in node) return node.value;
  if (!('children' in node)) return '';
  if (node.type === 'heading' && !withHeadings) return '';
  const parts = (node.children as Nodes[]).map(c => plain(c, withHeadings));
  return parts.join(CONTAINERS.has(node.type) ? '\n' : '');
}

/** Whitespace-insensitive text (and without the word joiners that defuse e-mail addresses). */
export const normalizeText = (value: string) =>
  value
    .replace(/\u2060/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** What structure an export has: the same for hostile and for ordinary text. */
export interface MarkdownShape {
  headings: string[];
  listItems: number;
  tableCells: number;
}

/**
 * Parses `markdown` and throws unless: no node of a kind user text could only have made
 * (HTML, image, code, quote, definition…) is there; every link is http(s) and shows its own
 * URL (a URL someone typed, never a disguised one); and every one of `userTexts` is there as
 * text outside headings. Returns the shape, for comparison with an ordinary document.
 */
export function inspectMarkdown(
  markdown: string,
  userTexts: string[] = [],
): MarkdownShape {
  const tree = parseMarkdown(markdown);
  const problems: string[] = [];
  const shape: MarkdownShape = { headings: [], listItems: 0, tableCells: 0 };
  const visit = (node: Nodes) => {
    if (NEVER.has(node.type)) {
      problems.push(`a ${node.type} node: ${JSON.stringify(plain(node))}`);
    }
    if (node.type === 'heading') {
      shape.headings.push(`${'#'.repeat(node.depth)} ${plain(node)}`);
    }
    if (node.type === 'listItem') shape.listItems += 1;
    if (node.type === 'tableCell') shape.tableCells += 1;
    if (node.type === 'link') {
      const shown = plain(node);
      if (!/^https?:\/\//i.test(node.url)) {
        problems.push(`a link to ${node.url}`);
      } else if (!/^(https?:\/\/|www\.)/i.test(shown)) {
        problems.push(
          `a link to ${node.url} shown as ${JSON.stringify(shown)}`,
        );
      }
    }
    if ('children' in node) (node.children as Nodes[]).forEach(visit);
  };
  visit(tree);
  const body = normalizeText(plain(tree, false));
  for (const text of userTexts) {
    const wanted = normalizeText(text);
    if (wanted && !body.includes(wanted)) {
      problems.push(`the text ${JSON.stringify(text)} is not there as text`);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `${problems.join('\n')}\n--- in this Markdown ---\n${markdown}`,
    );
  }
  return shape;
}
