/**
 * A small, dependency-free glob matcher for repository paths (`a/b/c.ts`, no leading slash).
 *
 * Syntax (close to .gitignore):
 * - `*` any characters but `/`; `?` one character but `/`; `[abc]`, `[a-z]`, `[!abc]` classes;
 *   `{a,b}` alternatives (nestable); `**` any number of folders (`a/**`, `**\/b`, `a/**\/b`).
 * - A pattern without `/` matches the file name at any depth: `*.md`, `yarn.lock`.
 * - A pattern ending with `/` matches a folder at any depth (its files, recursively):
 *   `vendor/`, `node_modules/`; with another `/` inside it is anchored: `src/gen/`.
 * - Any other pattern with a `/` is anchored at the repository root: `docs/**`, `/Makefile`.
 * - A leading `!` re-includes what an earlier pattern excluded; the last matching pattern wins.
 * - Matching ignores case (`*.png` matches `LOGO.PNG`). Blank lines and `#` comments are skipped.
 */

const REGEX_SPECIALS = /[\\^$.*+?()[\]{}|/]/;

function escapeChar(c: string): string {
  return REGEX_SPECIALS.test(c) ? `\\${c}` : c;
}

/** Index of the `}` closing the `{` at `open`, or -1. */
function closingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Splits the inside of `{...}` on its top-level commas. */
function splitAlternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** Translates a glob (no anchoring rules applied) to a regular expression source. */
export function globToRegexSource(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        if (atSegmentStart && glob[i + 2] === '/') {
          out += '(?:[^/]*/)*'; // `**/`: zero or more folders
          i += 3;
        } else {
          out += '.*';
          i += 2;
        }
      } else {
        out += '[^/]*';
        i++;
      }
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        i++;
      } else {
        let body = glob.slice(i + 1, close);
        const negated = body[0] === '!' || body[0] === '^';
        if (negated) body = body.slice(1);
        body = body.replace(/[\\\]^]/g, m => `\\${m}`);
        out += negated ? `(?!/)[^${body}]` : `[${body}]`;
        i = close + 1;
      }
    } else if (c === '{') {
      const close = closingBrace(glob, i);
      if (close < 0) {
        out += '\\{';
        i++;
      } else {
        const alternatives = splitAlternatives(glob.slice(i + 1, close));
        out += `(?:${alternatives.map(globToRegexSource).join('|')})`;
        i = close + 1;
      }
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeChar(glob[i + 1]);
      i += 2;
    } else {
      out += escapeChar(c);
      i++;
    }
  }
  return out;
}

/** Compiles one pattern (without its `!`) with the anchoring rules above. */
export function compileGlob(pattern: string): RegExp {
  let glob = pattern.trim();
  const directory = glob.endsWith('/');
  if (directory) glob = glob.replace(/\/+$/, '');
  const anchored = glob.includes('/');
  glob = glob.replace(/^\/+/, '');
  const body = globToRegexSource(glob);
  const prefix = anchored ? '^' : '^(?:.*/)?';
  const suffix = directory ? '/.*$' : '$';
  return new RegExp(`${prefix}${body}${suffix}`, 'i');
}

const GLOB_CHARS = /[*?[\]{}\\]/;

/** `a{b,c}d` → `abd`, `acd` (nested braces too); a pattern without braces is returned as is. */
export function expandBraces(pattern: string): string[] {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      i++;
    } else if (pattern[i] === '{') {
      const close = closingBrace(pattern, i);
      if (close < 0) return [pattern];
      const head = pattern.slice(0, i);
      const tail = pattern.slice(close + 1);
      return splitAlternatives(pattern.slice(i + 1, close)).flatMap(
        alternative => expandBraces(`${head}${alternative}${tail}`),
      );
    }
  }
  return [pattern];
}

/**
 * The common pattern shapes, matched without regular expressions: a folder name (`vendor/`),
 * a file name (`yarn.lock`) and a file-name suffix (`*.md`, `*.min.js`). Undefined when a
 * pattern has another shape.
 */
function literalRules(patterns: readonly string[]) {
  const folders = new Set<string>();
  const names = new Set<string>();
  const suffixes = new Set<string>();
  for (const pattern of patterns.flatMap(expandBraces)) {
    const lower = pattern.toLowerCase();
    const directory = lower.endsWith('/');
    const body = directory ? lower.slice(0, -1) : lower;
    if (body === '' || body.includes('/')) return undefined;
    if (!GLOB_CHARS.test(body)) {
      (directory ? folders : names).add(body);
    } else if (
      !directory &&
      body.startsWith('*') &&
      !GLOB_CHARS.test(body.slice(1)) &&
      body.length > 1
    ) {
      suffixes.add(body.slice(1));
    } else {
      return undefined;
    }
  }
  return { folders, names, suffixes: [...suffixes] };
}

/** Returns a predicate telling whether a repository path is excluded by the patterns. */
export function createPathFilter(
  patterns: readonly string[],
): (path: string) => boolean {
  const cleaned = patterns
    .map(p => p.trim())
    .filter(p => p !== '' && !p.startsWith('#'));
  if (cleaned.length === 0) return () => false;
  const rules = cleaned.map(p => {
    const include = p.startsWith('!');
    const glob = include ? p.slice(1) : p;
    return { include, glob, regex: compileGlob(glob) };
  });
  if (rules.some(r => r.include)) {
    // re-inclusions: the order matters, the last matching pattern wins
    return path => {
      for (let i = rules.length - 1; i >= 0; i--) {
        if (rules[i].regex.test(path)) return !rules[i].include;
      }
      return false;
    };
  }

  // exclusions only: any match excludes. Literal shapes first, one regex for the rest.
  const literal: string[] = [];
  const other: RegExp[] = [];
  for (const rule of rules) {
    if (literalRules([rule.glob])) literal.push(rule.glob);
    else other.push(rule.regex);
  }
  const fast = literalRules(literal) ?? {
    folders: new Set<string>(),
    names: new Set<string>(),
    suffixes: [],
  };
  const combined =
    other.length > 0
      ? new RegExp(other.map(r => `(?:${r.source})`).join('|'), 'i')
      : undefined;
  return path => {
    const lower = path.toLowerCase();
    const slash = lower.lastIndexOf('/');
    const name = lower.slice(slash + 1);
    if (fast.names.has(name)) return true;
    for (const suffix of fast.suffixes) if (name.endsWith(suffix)) return true;
    if (fast.folders.size > 0 && slash > 0) {
      for (const folder of lower.slice(0, slash).split('/')) {
        if (fast.folders.has(folder)) return true;
      }
    }
    return combined ? combined.test(path) : false;
  };
}
