import { authorsOfFile, compareStrings, greedyTruckFactor } from './doa';
import {
  EXCLUSION_RULES,
  createFileClassifier,
  type ExclusionRule,
} from './fileRules';
import { resolvePeople, type Person } from './people';
import type {
  AuthorSummary,
  TruckFactorOptions,
  TruckFactorReport,
  TruckFactorState,
} from './types';

/**
 * The truck-factor figures of a state, without git: exclusion patterns and catalog are
 * applied here, so they can change between runs without re-reading history.
 */
export function computeTruckFactor(
  state: TruckFactorState,
  options: TruckFactorOptions = {},
): TruckFactorReport {
  const ruleOf = createFileClassifier({
    excludePatterns: options.excludePatterns,
    gitattributes: state.gitattributes,
    linguist: options.linguist,
  });
  const { personOf: people, merged } = resolvePeople(state.developers, {
    catalogUsers: options.catalogUsers,
    mergeSameName: options.mergeSameName,
  });
  const personOf = (key: string) => people.get(key)?.id ?? key;

  const entries: [string, string[]][] = [];
  const excludedFiles: Array<{ path: string; rule: ExclusionRule }> = [];
  const excludedByRule = Object.fromEntries(
    EXCLUSION_RULES.map(rule => [rule, 0]),
  ) as Record<ExclusionRule, number>;
  for (const [path, file] of Object.entries(state.files)) {
    const rule = ruleOf(path);
    if (rule) {
      excludedFiles.push({ path, rule });
      excludedByRule[rule]++;
      continue;
    }
    // identities of one person are merged before the DOA: their changes add up
    const changes = new Map<string, number>();
    for (const [key, count] of Object.entries(file.changes)) {
      const id = personOf(key);
      changes.set(id, (changes.get(id) ?? 0) + count);
    }
    const creator = file.creator === null ? null : personOf(file.creator);
    entries.push([path, authorsOfFile(creator, changes, options.authorship)]);
  }
  entries.sort((a, b) => compareStrings(a[0], b[0]));
  const authorsByFile = Object.fromEntries(entries);
  const fileCount = entries.length;

  const filesByAuthor = new Map<string, number>();
  let filesWithoutAuthor = 0;
  for (const [, authors] of entries) {
    if (authors.length === 0) filesWithoutAuthor++;
    for (const author of authors) {
      filesByAuthor.set(author, (filesByAuthor.get(author) ?? 0) + 1);
    }
  }

  const personById = new Map<string, Person>();
  for (const person of people.values()) personById.set(person.id, person);
  const topAuthors: AuthorSummary[] = [...filesByAuthor.entries()]
    .sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]))
    .map(([author, files]) => {
      const person = personById.get(author);
      return {
        author,
        files,
        share: files / fileCount,
        departed: person?.departed ?? false,
        identities: person ? [...person.identities] : [],
        lastCommitAt: person?.lastCommitAt ?? 0,
      };
    });
  const departedAuthors = topAuthors.filter(a => a.departed);
  const departed = new Set(departedAuthors.map(a => a.author));

  const lostFiles = entries
    .filter(
      ([, authors]) =>
        authors.length > 0 && authors.every(a => departed.has(a)),
    )
    .map(([path]) => path);

  const paper = greedyTruckFactor({ authorsByFile });
  const active = greedyTruckFactor({ authorsByFile }, departed);

  return {
    fileCount,
    excludedFileCount: excludedFiles.length,
    excludedByRule,
    excludedFiles: excludedFiles.sort((a, b) => compareStrings(a.path, b.path)),
    filesWithoutAuthor,
    truckFactor: paper.truckFactor,
    truckFactorAuthors: paper.removedAuthors,
    activeTruckFactor: active.truckFactor,
    activeTruckFactorAuthors: active.removedAuthors,
    mergedIdentities: merged,
    topAuthors,
    departedAuthors,
    lostFiles,
    authorsByFile,
  };
}
