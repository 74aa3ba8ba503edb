import type {
  Emphasis,
  Heading,
  Link,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Strong,
  Table,
  TableCell,
  TableRow,
  Text,
} from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown as serialize } from 'mdast-util-to-markdown';

/*
 * The one rule for every Markdown the plugin writes: documents are built as an mdast tree and
 * serialised by mdast-util-to-markdown, never assembled from string templates. Text (ours or
 * typed by people) only ever goes into `text` nodes, which the serialiser escapes, so it
 * reads back as text: never a heading, list, HTML, image, code or link. The only links are
 * http(s) URLs (a URL someone typed, or `safeLink`); anything else stays plain text.
 */

/**
 * Phrasing content as the builders take it: a string is text.
 * @internal
 */
export type Phrase = string | PhrasingContent | ReadonlyArray<Phrase>;

function phrasing(parts: ReadonlyArray<Phrase>): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      if (part) out.push({ type: 'text', value: part });
    } else if (Array.isArray(part)) {
      out.push(...phrasing(part));
    } else {
      out.push(part as PhrasingContent);
    }
  }
  return out;
}

/**
 * The URL as a link target if it is an absolute http(s) URL, otherwise undefined.
 * @internal
 */
export function httpUrl(url: string): string | undefined {
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
      ? trimmed
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A link to `url` if it is an http(s) URL; anything else (javascript:, data:, relative…)
 * becomes plain text. The label defaults to the URL.
 * @internal
 */
export function safeLink(url: string, label?: string): PhrasingContent {
  const href = httpUrl(url);
  const shown = label ?? url;
  if (!href) return { type: 'text', value: shown };
  const link: Link = {
    type: 'link',
    url: href,
    children: [{ type: 'text', value: label ?? href }],
  };
  return link;
}

/** An http(s) URL in running text, as GFM finds it, without trailing punctuation. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`\\\p{Cc}]+/giu;

/** Trailing characters that end a sentence rather than a URL (GFM's rule, roughly). */
function trimUrl(url: string): string {
  let end = url.length;
  for (;;) {
    const c = url[end - 1];
    if (/[.,:;!?*_~'"\]}]/.test(c)) end -= 1;
    else if (c === ')') {
      const opened = url.slice(0, end).split('(').length - 1;
      const closed = url.slice(0, end).split(')').length - 1;
      if (closed > opened) end -= 1;
      else break;
    } else break;
  }
  return url.slice(0, end);
}

/** A WORD JOINER: invisible, and it keeps renderers from turning `a@b.c` into a mailto: link. */
const WORD_JOINER = '\u2060';

/** Plain text that no GFM renderer links: only e-mail addresses need defusing. */
function unlinkable(value: string): Text {
  return {
    type: 'text',
    value: value.replace(/@(?=[\p{L}\p{N}])/gu, `@${WORD_JOINER}`),
  };
}

function normalize(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/\u2060/g, '');
}

/** Text with its http(s) URLs as links. */
function linked(value: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let at = 0;
  for (const match of value.matchAll(URL_IN_TEXT)) {
    const url = trimUrl(match[0]);
    const start = match.index!;
    const href = httpUrl(url);
    if (!href) continue;
    if (start > at) out.push(unlinkable(value.slice(at, start)));
    out.push(safeLink(href));
    at = start + url.length;
  }
  if (at < value.length) out.push(unlinkable(value.slice(at)));
  return out;
}

/**
 * One line of text typed by a person, for a list item, a table cell or a sentence: runs of
 * whitespace with a line break become one space, the ends are trimmed, http(s) URLs become
 * links and everything else is text.
 * @internal
 */
export function text(value: string): PhrasingContent[] {
  return linked(
    normalize(value)
      .replace(/[ \t]*\n\s*/g, ' ')
      .trim(),
  );
}

/**
 * Several paragraphs typed by a person: blank lines separate paragraphs, single line breaks
 * stay line breaks inside one, each as `text` (no Markdown in it takes effect).
 * @internal
 */
export function paragraphs(value: string): Paragraph[] {
  return normalize(value)
    .split(/\n[ \t]*\n\s*/)
    .map(p =>
      p
        .split('\n')
        .map(line => line.trim())
        .join('\n')
        .trim(),
    )
    .filter(Boolean)
    .map(p => paragraph(linked(p)));
}

/** @internal */
export function paragraph(...children: Phrase[]): Paragraph {
  return { type: 'paragraph', children: phrasing(children) };
}

/** @internal */
export function heading(
  depth: 1 | 2 | 3 | 4 | 5 | 6,
  ...children: Phrase[]
): Heading {
  return { type: 'heading', depth, children: phrasing(children) };
}

/** @internal */
export function strong(...children: Phrase[]): Strong {
  return { type: 'strong', children: phrasing(children) };
}

/** @internal */
export function emphasis(...children: Phrase[]): Emphasis {
  return { type: 'emphasis', children: phrasing(children) };
}

/**
 * A list item: a paragraph of `content`, then nested blocks (e.g. a sub-list).
 * @internal
 */
export function item(
  content: Phrase,
  options: { checked?: boolean; children?: RootContent[] } = {},
): ListItem {
  return {
    type: 'listItem',
    spread: false,
    ...(options.checked === undefined ? {} : { checked: options.checked }),
    children: [
      paragraph(content),
      ...((options.children ?? []) as ListItem['children']),
    ],
  };
}

/**
 * A tight bullet list.
 * @internal
 */
export function list(items: ListItem[]): List {
  return { type: 'list', ordered: false, spread: false, children: items };
}

/**
 * A GFM table: a header row and rows of cells.
 * @internal
 */
export function table(
  header: ReadonlyArray<Phrase>,
  rows: ReadonlyArray<ReadonlyArray<Phrase>>,
): Table {
  const row = (cells: ReadonlyArray<Phrase>): TableRow => ({
    type: 'tableRow',
    children: cells.map(
      (cell): TableCell => ({ type: 'tableCell', children: phrasing([cell]) }),
    ),
  });
  return {
    type: 'table',
    align: header.map(() => null),
    children: [row(header), ...rows.map(row)],
  };
}

/**
 * The document as GFM: `-` bullets, `**strong**`, `_emphasis_`, unpadded tables.
 * @internal
 */
export function toMarkdown(children: ReadonlyArray<RootContent>): string {
  const root: Root = { type: 'root', children: [...children] };
  return serialize(root, {
    bullet: '-',
    emphasis: '_',
    strong: '*',
    listItemIndent: 'one',
    fences: true,
    rule: '-',
    resourceLink: false,
    extensions: [gfmToMarkdown({ tablePipeAlign: false })],
  });
}
