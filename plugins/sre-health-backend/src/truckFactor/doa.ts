import type { AuthorshipMap, AuthorshipRules, CoverageResult } from './types';

/**
 * The degree-of-authorship model of Avelino et al., "A novel approach for estimating truck
 * factors" (ICPC 2016):
 *
 *   DOA = 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC)
 *
 * FA: 1 when the developer created the file; DL: changes (commits) by the developer;
 * AC: changes by everybody else.
 */
export const DOA_MODEL = {
  intercept: 3.293,
  firstAuthorship: 1.098,
  deliveries: 0.164,
  acceptances: 0.321,
} as const;

/** A developer authors a file when normalised DOA > 0.75 and DOA ≥ 3.293. */
export const AUTHORSHIP_THRESHOLDS = {
  normalized: 0.75,
  absolute: 3.293,
} as const;

export interface DoaInput {
  /** The developer created the file (FA = 1). */
  firstAuthorship: boolean;
  /** DL: commits by the developer that touched the file. */
  deliveries: number;
  /** AC: commits by the other developers that touched the file. */
  acceptances: number;
}

export function degreeOfAuthorship(input: DoaInput): number {
  return (
    DOA_MODEL.intercept +
    DOA_MODEL.firstAuthorship * (input.firstAuthorship ? 1 : 0) +
    DOA_MODEL.deliveries * input.deliveries -
    DOA_MODEL.acceptances * Math.log(1 + input.acceptances)
  );
}

export interface DeveloperAuthorship {
  developer: string;
  doa: number;
  /** doa / the highest doa of the file. */
  normalized: number;
  isAuthor: boolean;
}

/**
 * DOA of every developer of one file, highest first (ties by name).
 *
 * @param creator the developer who added the file, or null when unknown
 * @param changes commits touching the file, per developer (the creation commit included)
 */
export function fileAuthorship(
  creator: string | null,
  changes: ReadonlyMap<string, number>,
): DeveloperAuthorship[] {
  let total = 0;
  for (const n of changes.values()) total += n;
  const developers = new Set(changes.keys());
  if (creator !== null) developers.add(creator);

  const rows = [...developers].map(developer => {
    const deliveries = changes.get(developer) ?? 0;
    return {
      developer,
      doa: degreeOfAuthorship({
        firstAuthorship: developer === creator,
        deliveries,
        acceptances: total - deliveries,
      }),
    };
  });
  if (rows.length === 0) return [];
  const max = Math.max(...rows.map(r => r.doa));
  return rows
    .map(r => {
      const normalized = max > 0 ? r.doa / max : 0;
      return {
        ...r,
        normalized,
        isAuthor:
          normalized > AUTHORSHIP_THRESHOLDS.normalized &&
          r.doa >= AUTHORSHIP_THRESHOLDS.absolute,
      };
    })
    .sort((a, b) => b.doa - a.doa || compareStrings(a.developer, b.developer));
}

/**
 * The authors of one file, sorted by name: the developers of {@link fileAuthorship} with
 * `isAuthor`, computed without building the rows (this runs once per file per analysis).
 */
export function authorsOfFile(
  creator: string | null,
  changes: ReadonlyMap<string, number>,
  rules: AuthorshipRules = 'paper',
): string[] {
  const reference = rules === 'reference-tool' && creator !== null;
  let total = 0;
  for (const n of changes.values()) total += n;
  if (reference && (changes.get(creator) ?? 0) > 0) total--; // the creation
  const developers: string[] = [];
  const doas: number[] = [];
  let max = -Infinity;
  const add = (developer: string, commits: number) => {
    const deliveries =
      reference && developer === creator ? Math.max(0, commits - 1) : commits;
    const doa = degreeOfAuthorship({
      firstAuthorship: developer === creator,
      deliveries,
      acceptances: total - deliveries,
    });
    developers.push(developer);
    doas.push(doa);
    if (doa > max) max = doa;
  };
  for (const [developer, commits] of changes) add(developer, commits);
  if (creator !== null && !changes.has(creator)) add(creator, 0);
  if (!(max > 0)) return [];
  const authors: string[] = [];
  for (let i = 0; i < developers.length; i++) {
    if (
      doas[i] / max > AUTHORSHIP_THRESHOLDS.normalized &&
      (doas[i] >= AUTHORSHIP_THRESHOLDS.absolute ||
        (reference && developers[i] === creator))
    ) {
      authors.push(developers[i]);
    }
  }
  return authors.length > 1 ? authors.sort(compareStrings) : authors;
}

export interface GreedyTruckFactor {
  truckFactor: number;
  /** Authors in removal order. */
  removedAuthors: string[];
  /** Share of files still covered when the removal stopped. */
  coverageLeft: number;
}

/**
 * Greedy truck factor (Avelino et al., algorithm 1): while at least 50% of the files have an
 * author left, remove the author of the most files (ties: the smaller name first) and count.
 * An author's file count does not depend on the others (authorship is per file and
 * developer), so the removal order is simply "most authored files first".
 *
 * @param alreadyRemoved authors gone before the count starts (they are not counted)
 */
export function greedyTruckFactor(
  map: AuthorshipMap,
  alreadyRemoved: Iterable<string> = [],
): GreedyTruckFactor {
  const gone = new Set(alreadyRemoved);
  const files = Object.values(map.authorsByFile);
  const total = files.length;
  const filesOf = new Map<string, number[]>();
  const authorsLeft = new Array<number>(total).fill(0);
  let covered = 0;

  files.forEach((authors, index) => {
    for (const author of authors) {
      const list = filesOf.get(author);
      if (list) list.push(index);
      else filesOf.set(author, [index]);
      if (!gone.has(author)) authorsLeft[index]++;
    }
    if (authorsLeft[index] > 0) covered++;
  });

  const order = [...filesOf.entries()]
    .filter(([author]) => !gone.has(author))
    .sort((a, b) => b[1].length - a[1].length || compareStrings(a[0], b[0]));

  const removedAuthors: string[] = [];
  for (const [author, indexes] of order) {
    // "until fewer than 50% of the files have an author": stop when covered / total < 0.5
    if (covered * 2 < total || total === 0) break;
    for (const index of indexes) {
      authorsLeft[index]--;
      if (authorsLeft[index] === 0) covered--;
    }
    removedAuthors.push(author);
  }
  return {
    truckFactor: removedAuthors.length,
    removedAuthors,
    coverageLeft: total === 0 ? 0 : covered / total,
  };
}

/**
 * What-if for the UI: the coverage left when these people leave. Takes a result of
 * `analyzeRepository`/`computeTruckFactor` (or any stored `{ authorsByFile }`).
 */
export function coverageWithout(
  map: AuthorshipMap,
  removedAuthors: Iterable<string>,
): CoverageResult {
  const removed = new Set(removedAuthors);
  let totalFiles = 0;
  let coveredFiles = 0;
  const orphanedFiles: string[] = [];
  for (const [file, authors] of Object.entries(map.authorsByFile)) {
    totalFiles++;
    if (authors.some(a => !removed.has(a))) coveredFiles++;
    else if (authors.length > 0) orphanedFiles.push(file);
  }
  return {
    coveredFiles,
    totalFiles,
    share: totalFiles === 0 ? 0 : coveredFiles / totalFiles,
    orphanedFiles: orphanedFiles.sort(compareStrings),
  };
}

/** Locale-independent string order (code units), so results never depend on the host. */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
