import { InputError } from '@backstage/errors';
import {
  Document,
  isAlias,
  isCollection,
  isPair,
  parseAllDocuments,
} from 'yaml';

/*
 * The one way SLO documents are read: the text an SRE pastes into the API, an object sent
 * as JSON, and the OpenSLO files named by the catalog. A malformed document (YAML syntax,
 * undefined aliases, alias bombs, nesting deeper than any SLO needs, oversize) becomes a
 * problem naming what is wrong, never an exception from the YAML library or the stack.
 */

/** How deep a document may nest: an OpenSLO SLO needs about 8 levels. */
export const SLO_DOCUMENT_MAX_DEPTH = 64;
/** Most characters of one document, as YAML text and as the JSON stored. */
export const SLO_DOCUMENT_MAX_CHARS = 100_000;
/** Most characters of one OpenSLO file (it may hold many documents). */
export const SLO_FILE_MAX_CHARS = 1_000_000;
/** The YAML library's guard against alias bombs (its `maxAliasCount`). */
export const SLO_DOCUMENT_MAX_ALIAS_COUNT = 100;

/** Documents read from YAML text, or the first problem that stopped reading. */
export type YamlReadResult =
  | { documents: unknown[]; problem?: undefined }
  | { documents?: undefined; problem: string };

const tooDeep = `nested deeper than ${SLO_DOCUMENT_MAX_DEPTH} levels`;

/**
 * Every document of a YAML text (`---` separated), as plain values. Problems read like
 * `YAML alias "nope" is not defined`, `nested deeper than 64 levels` or
 * `invalid YAML at line 3, column 7: …`.
 */
export function parseYamlDocumentsSafely(
  text: string,
  options: { maxChars?: number } = {},
): YamlReadResult {
  const maxChars = options.maxChars ?? SLO_FILE_MAX_CHARS;
  if (text.length > maxChars) {
    return { problem: `larger than ${maxChars} characters` };
  }
  let parsed: Document[];
  try {
    const all = parseAllDocuments(text, { prettyErrors: true });
    parsed = Array.isArray(all) ? all : [];
  } catch (error) {
    return { problem: unreadable(error) };
  }
  const documents: unknown[] = [];
  for (const doc of parsed) {
    const problem = yamlErrorOf(doc) ?? astProblemOf(doc);
    if (problem) return { problem };
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: SLO_DOCUMENT_MAX_ALIAS_COUNT });
    } catch (error) {
      return { problem: unreadable(error) };
    }
    const valueProblem = documentValueProblem(value, maxChars);
    if (valueProblem) return { problem: valueProblem };
    documents.push(value);
  }
  return { documents };
}

/**
 * One SLO document: YAML (or JSON) text, or an object already parsed (a JSON body).
 * Either way it must be a single mapping within the depth and size limits.
 */
export function readSloDocument(
  document: unknown,
):
  | { value: Record<string, unknown>; problem?: undefined }
  | { problem: string } {
  let value: unknown = document;
  if (typeof document === 'string') {
    const read = parseYamlDocumentsSafely(document, {
      maxChars: SLO_DOCUMENT_MAX_CHARS,
    });
    if (read.problem !== undefined) return { problem: read.problem };
    if (read.documents.length !== 1) {
      return { problem: 'must be one OpenSLO SLO document' };
    }
    value = read.documents[0];
  } else {
    const problem = documentValueProblem(document, SLO_DOCUMENT_MAX_CHARS);
    if (problem) return { problem };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { problem: 'must be one OpenSLO SLO document' };
  }
  return { value: value as Record<string, unknown> };
}

/**
 * The JSON text a document is stored as. A document beyond the limits (which the routes
 * refuse first) is a 400 here too, never a stack overflow.
 */
export function sloDocumentJson(document: unknown): string {
  const problem = documentValueProblem(document, SLO_DOCUMENT_MAX_CHARS);
  if (problem) throw new InputError(`Invalid body: document: ${problem}`);
  return JSON.stringify(document);
}

/** The first syntax error of a parsed YAML document, with its position. */
function yamlErrorOf(doc: Document): string | undefined {
  const error = doc.errors[0];
  if (!error) return undefined;
  if (error.code === 'RESOURCE_EXHAUSTION') return tooDeep;
  const message = error.message.split('\n')[0].replace(/:$/, '');
  const at = / at line (\d+), column (\d+)$/.exec(message);
  return at
    ? `invalid YAML at line ${at[1]}, column ${at[2]}: ${message.slice(
        0,
        at.index,
      )}`
    : `invalid YAML: ${message}`;
}

/**
 * Walks the parsed tree without recursion: nesting beyond the limit, and aliases whose
 * anchor does not come before them (which `toJS` would throw on).
 */
function astProblemOf(doc: Document): string | undefined {
  const stack: Array<[unknown, number]> = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isAlias(node)) {
      if (!node.resolve(doc)) {
        return `YAML alias "${node.source}" is not defined`;
      }
    } else if (isCollection(node)) {
      if (depth > SLO_DOCUMENT_MAX_DEPTH) return tooDeep;
      for (const item of node.items) {
        if (isPair(item)) {
          stack.push([item.key, depth + 1], [item.value, depth + 1]);
        } else {
          stack.push([item, depth + 1]);
        }
      }
    }
  }
  return undefined;
}

/**
 * A plain value's nesting and stored size, checked without recursion (so a 20,000-deep
 * object is a problem, not a stack overflow in JSON.stringify).
 */
function documentValueProblem(
  value: unknown,
  maxChars: number,
): string | undefined {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > SLO_DOCUMENT_MAX_DEPTH) return tooDeep;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    return unreadable(error);
  }
  if (json !== undefined && json.length > maxChars) {
    return `larger than ${maxChars} characters`;
  }
  return undefined;
}

/** What the YAML library (or the engine) threw, as a problem. */
function unreadable(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError || /call stack/i.test(message)) {
    return tooDeep;
  }
  if (/alias count/i.test(message)) {
    return `YAML aliases expand too much (more than ${SLO_DOCUMENT_MAX_ALIAS_COUNT} nodes through aliases)`;
  }
  const alias = /Unresolved alias[^:]*: (.+)$/.exec(message);
  if (alias) return `YAML alias "${alias[1]}" is not defined`;
  return `cannot be read as YAML: ${message.split('\n')[0]}`;
}
