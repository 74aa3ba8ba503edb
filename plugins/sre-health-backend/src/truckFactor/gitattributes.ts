import { globToRegexSource } from './glob';

/**
 * The Linguist attributes of `.gitattributes` files (read from the analysed commit):
 * `linguist-vendored`, `linguist-documentation`, `linguist-generated`, `linguist-detectable`
 * (set, `-unset`, `=true`/`=false`, `!unspecified`) and `linguist-language=<name>`.
 */
export interface LinguistAttributes {
  vendored?: boolean;
  documentation?: boolean;
  generated?: boolean;
  detectable?: boolean;
  language?: string;
}

const FLAGS = {
  'linguist-vendored': 'vendored',
  'linguist-documentation': 'documentation',
  'linguist-generated': 'generated',
  'linguist-detectable': 'detectable',
} as const;

interface Rule {
  regex: RegExp;
  attributes: Array<[keyof LinguistAttributes, boolean | string | undefined]>;
}

function flagValue(token: string): [string, boolean | string | undefined] {
  if (token.startsWith('-')) return [token.slice(1), false];
  if (token.startsWith('!')) return [token.slice(1), undefined];
  const eq = token.indexOf('=');
  if (eq < 0) return [token, true];
  const value = token.slice(eq + 1);
  const name = token.slice(0, eq);
  if (name === 'linguist-language') return [name, value];
  return [name, !/^(false|0|no|off)$/i.test(value)];
}

/**
 * Compiles a pattern of a `.gitattributes` file in folder `base` ('' for the root), as git
 * matches them: case-sensitive; without a `/` it matches the file name at any depth below
 * `base`, otherwise the path relative to `base`. Folder patterns (`dir/`) match nothing.
 */
function compilePattern(pattern: string, base: string): RegExp | undefined {
  if (pattern.endsWith('/') || pattern.startsWith('!')) return undefined;
  const prefix = base === '' ? '' : `${globToRegexSource(base)}/`;
  if (!pattern.includes('/')) {
    return new RegExp(`^${prefix}(?:.*/)?${globToRegexSource(pattern)}$`);
  }
  const anchored = pattern.replace(/^\/+/, '');
  return new RegExp(`^${prefix}${globToRegexSource(anchored)}$`);
}

function parseFile(base: string, content: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [pattern, ...tokens] = line.split(/\s+/);
    const attributes: Rule['attributes'] = [];
    for (const token of tokens) {
      const [name, value] = flagValue(token);
      if (name === 'linguist-language') {
        attributes.push([
          'language',
          typeof value === 'string' ? value : undefined,
        ]);
      } else if (name in FLAGS) {
        attributes.push([FLAGS[name as keyof typeof FLAGS], value]);
      }
    }
    if (attributes.length === 0) continue;
    const regex = compilePattern(pattern, base);
    if (regex) rules.push({ regex, attributes });
  }
  return rules;
}

/**
 * The Linguist attributes of each path, from `.gitattributes` files keyed by their path in
 * the commit (`.gitattributes`, `lib/.gitattributes`). As in git, a deeper file overrides a
 * shallower one, and a later line an earlier one, attribute by attribute.
 */
export function createAttributeReader(
  files: Readonly<Record<string, string>>,
): (path: string) => LinguistAttributes | undefined {
  const ordered = Object.keys(files)
    .filter(p => p === '.gitattributes' || p.endsWith('/.gitattributes'))
    .sort(
      (a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1),
    );
  const rules = ordered.flatMap(file =>
    parseFile(file.slice(0, Math.max(0, file.lastIndexOf('/'))), files[file]),
  );
  if (rules.length === 0) return () => undefined;
  return path => {
    let found: LinguistAttributes | undefined;
    for (const rule of rules) {
      if (!rule.regex.test(path)) continue;
      found ??= {};
      for (const [name, value] of rule.attributes) {
        if (value === undefined) delete found[name];
        else (found as Record<string, unknown>)[name] = value;
      }
    }
    return found;
  };
}
