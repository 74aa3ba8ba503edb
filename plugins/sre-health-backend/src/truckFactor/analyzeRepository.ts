import { stat } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { computeTruckFactor } from './computeTruckFactor';
import { coverageWithout } from './doa';
import {
  GitError,
  NulTokenizer,
  parseTreeToken,
  runGit,
  type GitRunOptions,
} from './git';
import { History, isValidSha } from './history';
import { readHistory } from './readHistory';
import type {
  AnalyzeRepositoryOptions,
  FullRunReason,
  MissingObjects,
  RenameDetection,
  TruckFactorAnalysis,
  TruckFactorUnavailable,
  UnavailableCode,
} from './types';

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

// No TypeScript-only syntax (parameter properties, enums) in this folder: the benchmark runs
// these files with Node's type stripping.
class Unavailable extends Error {
  readonly code: UnavailableCode;

  constructor(code: UnavailableCode, reason: string) {
    super(reason);
    this.code = code;
  }
}

/**
 * Computes the truck factor of the repository in `dir` from its git history (HEAD).
 *
 * Without `since`, all non-merge commits are read with one streaming `git log`. With the state
 * of a previous run, only the commits after its `lastSha` are read, unless history was
 * rewritten (`lastSha` is no longer an ancestor of HEAD) or `.mailmap` changed, in which case
 * a full run is made and `run.fullRunReason` says why.
 *
 * Never throws: a repository that cannot be read gives `{ status: 'unavailable', reason }`.
 */
export async function analyzeRepository(
  options: AnalyzeRepositoryOptions,
): Promise<TruckFactorAnalysis> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal
    ? AbortSignal.any([options.signal, timeout])
    : timeout;
  try {
    return await analyze(options, signal, started);
  } catch (error) {
    return unavailable(error, timeout.aborted ? timeoutMs : undefined);
  }
}

async function analyze(
  options: AnalyzeRepositoryOptions,
  signal: AbortSignal,
  started: number,
): Promise<TruckFactorAnalysis> {
  const dir = resolvePath(options.dir);
  await checkDirectory(dir);
  const git: GitRunOptions = { gitBinary: options.gitBinary, signal };

  // one call: git dir (is it a repository?), shallow clone?, the commit HEAD names
  const repo = await runGit(
    dir,
    [
      'rev-parse',
      '--git-dir',
      '--is-shallow-repository',
      '--verify',
      '--quiet',
      '--end-of-options',
      'HEAD^{commit}',
    ],
    { ...git, okExitCodes: [0, 1, 128] },
  );
  if (repo.exitCode === 128) {
    if (/not a git repository/i.test(repo.stderr)) {
      throw new Unavailable(
        'not-a-repository',
        `${dir} is not a git repository`,
      );
    }
    const detail = repo.stderr.trim().split('\n')[0] ?? '';
    throw new Unavailable('git-error', `git rev-parse failed: ${detail}`);
  }
  const [, shallowLine, headLine] = repo.stdout.trim().split('\n');
  const shallow = shallowLine === 'true';
  const headSha = headLine ?? '';
  if (repo.exitCode !== 0 || !isValidSha(headSha)) {
    throw new Unavailable(
      'empty-repository',
      `${dir} has no commits (HEAD does not name a commit)`,
    );
  }

  let commitsRead = 0;
  let history: History | undefined;
  let fullRunReason: FullRunReason | undefined;
  let renames: RenameDetection = 'similarity';
  let missingObjects: MissingObjects | undefined;
  const read = async (range: string, fresh: () => History) => {
    const done = await readHistory(
      dir,
      range,
      fresh,
      git,
      options.maxPathsWithoutContent,
    );
    // the weakest rename detection of the run (incremental, then maybe full) is reported
    if (done.renames !== 'similarity') {
      if (renames !== 'exact') renames = done.renames;
      missingObjects = done.missingObjects;
    }
    return done;
  };

  const previous = options.since ? History.fromState(options.since) : undefined;
  if (!options.since) {
    fullRunReason = 'no-previous-state';
  } else if (!previous) {
    fullRunReason = 'incompatible-state';
  } else {
    const since = options.since;
    const lastSha = since.lastSha;
    if (lastSha === headSha) {
      history = previous;
    } else if (await isAncestor(dir, lastSha, headSha, git)) {
      let reused = false;
      const done = await read(`${lastSha}..${headSha}`, () => {
        if (reused) return History.fromState(since)!;
        reused = true;
        return previous;
      });
      commitsRead += done.commits;
      if (done.mailmapChanged) {
        fullRunReason = 'mailmap-changed';
      } else {
        history = done.history;
        // Without merges the changes alone lead exactly to HEAD's tree; a merge can add or
        // drop files (conflict resolutions, evil merges) that only the tree shows.
        if (done.merges > 0) {
          await reconcileWithTree(dir, headSha, history, git);
        }
      }
    } else {
      fullRunReason = 'history-rewritten';
    }
  }

  if (!history) {
    const done = await read(headSha, () => new History());
    history = done.history;
    commitsRead += done.commits;
    await reconcileWithTree(dir, headSha, history, git);
  }

  const state = history.toState(headSha);
  state.gitattributes = await readGitattributes(
    dir,
    headSha,
    Object.keys(state.files),
    git,
  );
  const report = computeTruckFactor(state, options);
  return {
    status: 'ok',
    headSha,
    ...report,
    run: {
      mode: fullRunReason ? 'full' : 'incremental',
      ...(fullRunReason ? { fullRunReason } : {}),
      commitsRead,
      shallowRepository: shallow,
      renameDetection: renames,
      ...(missingObjects ? { missingObjects } : {}),
      durationMs: Math.round(performance.now() - started),
    },
    state,
    coverage: removedAuthors => coverageWithout(report, removedAuthors),
  };
}

async function checkDirectory(dir: string): Promise<void> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) {
      throw new Unavailable('not-a-directory', `${dir} is not a directory`);
    }
  } catch (error) {
    if (error instanceof Unavailable) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new Unavailable('not-found', `${dir} does not exist`);
    }
    throw new Unavailable(
      'not-found',
      `${dir} cannot be read: ${(error as Error).message}`,
    );
  }
}

async function isAncestor(
  dir: string,
  ancestor: string,
  descendant: string,
  git: GitRunOptions,
): Promise<boolean> {
  // 0: ancestor; 1: not an ancestor; 128: unknown commit (e.g. collected after a force push)
  const result = await runGit(
    dir,
    ['merge-base', '--is-ancestor', ancestor, descendant],
    { ...git, okExitCodes: [0, 1, 128] },
  );
  return result.exitCode === 0;
}

/** `.gitattributes` files read at most; a repository has a handful. */
const MAX_GITATTRIBUTES = 50;

/** The `.gitattributes` files of the commit (nested ones too), by path. */
async function readGitattributes(
  dir: string,
  sha: string,
  paths: readonly string[],
  git: GitRunOptions,
): Promise<Record<string, string>> {
  const files = paths
    .filter(p => p === '.gitattributes' || p.endsWith('/.gitattributes'))
    .sort()
    .slice(0, MAX_GITATTRIBUTES);
  const contents: Record<string, string> = {};
  for (const path of files) {
    const result = await runGit(dir, ['cat-file', 'blob', `${sha}:${path}`], {
      ...git,
      okExitCodes: [0, 128], // a missing blob (partial clone) is skipped
    });
    if (result.exitCode === 0) contents[path] = result.stdout;
  }
  return contents;
}

/** Lists the files of the analysed commit (submodules left out) and aligns the history. */
async function reconcileWithTree(
  dir: string,
  sha: string,
  history: History,
  git: GitRunOptions,
): Promise<void> {
  const paths = new Set<string>();
  const tokenizer = new NulTokenizer(token => {
    const entry = parseTreeToken(token);
    if (entry && entry.type === 'blob') paths.add(entry.path);
  });
  await runGit(dir, ['ls-tree', '-r', '-z', '--full-tree', sha], {
    ...git,
    onStdout: chunk => tokenizer.write(chunk),
  });
  tokenizer.end();
  history.reconcile(paths);
}

function unavailable(
  error: unknown,
  timedOutAfterMs: number | undefined,
): TruckFactorUnavailable {
  if (error instanceof Unavailable) {
    return { status: 'unavailable', code: error.code, reason: error.message };
  }
  if (error instanceof GitError) {
    if (error.kind === 'aborted') {
      return {
        status: 'unavailable',
        code: 'aborted',
        reason:
          timedOutAfterMs === undefined
            ? 'the analysis was cancelled'
            : `the analysis timed out after ${timedOutAfterMs} ms`,
      };
    }
    return {
      status: 'unavailable',
      code: error.kind === 'not-available' ? 'git-not-available' : 'git-error',
      reason: error.message,
    };
  }
  return {
    status: 'unavailable',
    code: 'internal-error',
    reason: `truck factor analysis failed: ${
      error instanceof Error ? error.message : String(error)
    }`,
  };
}
