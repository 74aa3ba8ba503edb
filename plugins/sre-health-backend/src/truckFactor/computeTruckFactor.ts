import { authorsOfFile, compareStrings, greedyTruckFactor } from './doa';
import { DEFAULT_EXCLUDE_PATTERNS, createPathFilter } from './glob';
import { identityLabel } from './history';
import type {
  AuthorSummary,
  CatalogUserIdentity,
  DeveloperRecord,
  TruckFactorOptions,
  TruckFactorReport,
  TruckFactorState,
} from './types';

/** A person the truck factor counts: a catalog user, or a git identity outside the catalog. */
export interface Person {
  /** The catalog user ref, or `Name <email>`. */
  id: string;
  departed: boolean;
  identities: string[];
  lastCommitAt: number;
}

/**
 * Merges git identities (already merged by `.mailmap`) into people: an identity whose e-mail is
 * one of a catalog user's e-mails (case-insensitive) is that user; failing that, one whose name
 * is one of the user's names. With a catalog, the other identities are departed.
 *
 * @returns the person of each identity key
 */
export function resolvePeople(
  developers: Record<string, DeveloperRecord>,
  catalogUsers?: readonly CatalogUserIdentity[],
): Map<string, Person> {
  const byEmail = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const user of catalogUsers ?? []) {
    for (const email of user.emails) {
      const key = email.trim().toLowerCase();
      if (key && !byEmail.has(key)) byEmail.set(key, user.userRef);
    }
    for (const name of user.names ?? []) {
      const key = name.trim().toLowerCase();
      if (key && !byName.has(key)) byName.set(key, user.userRef);
    }
  }

  const people = new Map<string, Person>();
  const result = new Map<string, Person>();
  for (const [key, developer] of Object.entries(developers)) {
    const label = identityLabel(developer);
    const userRef =
      byEmail.get(developer.email.trim().toLowerCase()) ??
      byName.get(developer.name.trim().toLowerCase());
    const id = userRef ?? label;
    let person = people.get(id);
    if (!person) {
      person = {
        id,
        departed: catalogUsers !== undefined && userRef === undefined,
        identities: [],
        lastCommitAt: developer.lastCommitAt,
      };
      people.set(id, person);
    }
    person.identities.push(label);
    person.lastCommitAt = Math.max(person.lastCommitAt, developer.lastCommitAt);
    result.set(key, person);
  }
  for (const person of people.values()) person.identities.sort(compareStrings);
  return result;
}

/**
 * The truck-factor figures of a state, without git: exclusion patterns and catalog are
 * applied here, so they can change between runs without re-reading history.
 */
export function computeTruckFactor(
  state: TruckFactorState,
  options: TruckFactorOptions = {},
): TruckFactorReport {
  const isExcluded = createPathFilter(
    options.excludePatterns ?? DEFAULT_EXCLUDE_PATTERNS,
  );
  const people = resolvePeople(state.developers, options.catalogUsers);
  const personOf = (key: string) => people.get(key)?.id ?? key;

  const entries: [string, string[]][] = [];
  let excludedFileCount = 0;
  for (const [path, file] of Object.entries(state.files)) {
    if (isExcluded(path)) {
      excludedFileCount++;
      continue;
    }
    // identities of one person are merged before the DOA: their changes add up
    const changes = new Map<string, number>();
    for (const [key, count] of Object.entries(file.changes)) {
      const id = personOf(key);
      changes.set(id, (changes.get(id) ?? 0) + count);
    }
    const creator = file.creator === null ? null : personOf(file.creator);
    entries.push([path, authorsOfFile(creator, changes)]);
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
    excludedFileCount,
    filesWithoutAuthor,
    truckFactor: paper.truckFactor,
    truckFactorAuthors: paper.removedAuthors,
    activeTruckFactor: active.truckFactor,
    activeTruckFactorAuthors: active.removedAuthors,
    topAuthors,
    departedAuthors,
    lostFiles,
    authorsByFile,
  };
}
