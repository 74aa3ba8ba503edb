/**
 * Types of the truck-factor engine. Everything persisted (the state) is plain JSON; the result
 * is plain JSON too, apart from the `coverage` helper, which `JSON.stringify` drops.
 */

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

/** Options of the computation that need no git (they can change without a new git run). */
export interface TruckFactorOptions {
  /**
   * Glob patterns of files that are not source code (see `glob.ts` for the syntax). A leading
   * `!` re-includes; the last matching pattern wins. Default: {@link DEFAULT_EXCLUDE_PATTERNS}.
   */
  excludePatterns?: readonly string[];
  /**
   * People of the catalog. When given, every git identity that matches none of them is
   * a departed author; when absent, nobody is departed and authors are named `Name <email>`.
   */
  catalogUsers?: readonly CatalogUserIdentity[];
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
