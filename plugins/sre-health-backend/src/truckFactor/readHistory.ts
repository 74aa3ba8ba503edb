import {
  EXACT_RENAMES_ONLY,
  GIT_LOG_ARGS,
  GitLogParser,
  NulTokenizer,
  missingObjectOf,
  runGit,
  type GitRunOptions,
} from './git';
import type { History } from './history';
import type { MissingObjects, RenameDetection } from './types';

const MAILMAP = '.mailmap';
/** Missing objects named in the result; the count covers them all. */
export const MISSING_OBJECTS_SHOWN = 20;
/**
 * Paths whose blobs are missing that are left out of rename detection one by one (as
 * pathspecs); with more (a clone filtered by blob size lacks most blobs), renames are
 * followed only when exact, for every file.
 */
export const MAX_PATHS_WITHOUT_CONTENT = 1000;

export interface HistoryRead {
  history: History;
  commits: number;
  merges: number;
  mailmapChanged: boolean;
  renames: RenameDetection;
  missingObjects?: MissingObjects;
}

interface PassOptions {
  renames: 'similarity' | 'exact';
  /** Pathspecs: only these paths (`include`) or all but these (`exclude`). */
  paths?: { mode: 'include' | 'exclude'; list: readonly string[] };
  /** Commits already applied by another pass (their author is not counted twice). */
  seen?: Set<string>;
}

/**
 * Streams `git log <range>` into the history; one git process, whatever the size. Merge
 * commits are counted but not applied (their own changes are not listed).
 */
async function readPass(
  dir: string,
  range: string,
  history: History,
  git: GitRunOptions,
  pass: PassOptions,
): Promise<{ commits: number; merges: number; mailmapChanged: boolean }> {
  let mailmapChanged = false;
  let merges = 0;
  let again = 0;
  const parser = new GitLogParser(commit => {
    const seen = pass.seen?.has(commit.sha) ?? false;
    if (seen) again++;
    else pass.seen?.add(commit.sha);
    if (commit.parents.length > 1) {
      merges++;
      return;
    }
    history.apply(commit, { countAuthor: !seen });
    for (const change of commit.changes) {
      if (
        change.path === MAILMAP ||
        ('from' in change && change.from === MAILMAP)
      ) {
        mailmapChanged = true;
      }
    }
  });
  const args = GIT_LOG_ARGS.map(arg =>
    arg === '-M' && pass.renames === 'exact' ? EXACT_RENAMES_ONLY : arg,
  );
  // a path-limited log simplifies history by default; every commit must be seen (`--sparse`
  // keeps the commits that change nothing outside the excluded paths, e.g. empty ones)
  const limited = pass.paths
    ? [
        '--full-history',
        ...(pass.paths.mode === 'exclude' ? ['--sparse'] : []),
        range,
        '--',
        ...pass.paths.list.map(p =>
          pass.paths!.mode === 'exclude'
            ? `:(top,exclude,literal)${p}`
            : `:(top,literal)${p}`,
        ),
      ]
    : [range, '--'];
  await runGit(dir, [...args, ...limited], {
    ...git,
    onStdout: chunk => parser.write(chunk),
  });
  parser.end();
  // commits read by an earlier pass are not counted again
  return { commits: parser.commits - again, merges, mailmapChanged };
}

/**
 * Reads `range` into a fresh history. Rename detection by content needs every blob; when some
 * are missing (a partial clone, a copy without its largest files), the run is made again:
 * with few such paths, they are read apart with exact renames and every other file with
 * renames by content (`similarity-except-missing`); with many, every file with exact renames.
 * Git never fetches the missing objects (see `git.ts`).
 */
export async function readHistory(
  dir: string,
  range: string,
  fresh: () => History,
  git: GitRunOptions,
  maxPathsWithoutContent = MAX_PATHS_WITHOUT_CONTENT,
): Promise<HistoryRead> {
  try {
    const history = fresh();
    const done = await readPass(dir, range, history, git, {
      renames: 'similarity',
    });
    return { history, ...done, renames: 'similarity' };
  } catch (error) {
    if (missingObjectOf(error) === undefined) throw error;
  }
  const missing = await listMissingObjects(dir, range, git);
  const paths = await pathsOfObjects(dir, range, missing.all, git);
  const missingObjects = { count: missing.count, shown: missing.shown };
  if (paths.size > 0 && paths.size <= maxPathsWithoutContent) {
    const list = [...paths].sort();
    try {
      // the failed run applied part of the history: start again from a fresh copy
      const history = fresh();
      const seen = new Set<string>();
      const rest = await readPass(dir, range, history, git, {
        renames: 'similarity',
        paths: { mode: 'exclude', list },
        seen,
      });
      const apart = await readPass(dir, range, history, git, {
        renames: 'exact',
        paths: { mode: 'include', list },
        seen,
      });
      return {
        history,
        commits: rest.commits + apart.commits,
        // path-limited logs leave out merges that change nothing there: re-read the tree
        merges: Math.max(1, rest.merges),
        mailmapChanged: rest.mailmapChanged || apart.mailmapChanged,
        renames: 'similarity-except-missing',
        missingObjects,
      };
    } catch (error) {
      if (missingObjectOf(error) === undefined) throw error;
    }
  }
  const history = fresh();
  const done = await readPass(dir, range, history, git, { renames: 'exact' });
  return { history, ...done, renames: 'exact', missingObjects };
}

/**
 * The objects of `range` that the repository lacks (`rev-list --missing=print`, which fetches
 * nothing): all of them, the first {@link MISSING_OBJECTS_SHOWN}, and how many there are.
 */
async function listMissingObjects(
  dir: string,
  range: string,
  git: GitRunOptions,
): Promise<MissingObjects & { all: Set<string> }> {
  const all = new Set<string>();
  let rest = '';
  const onLine = (line: string) => {
    if (line.startsWith('?')) all.add(line.slice(1).trim());
  };
  await runGit(
    dir,
    ['rev-list', '--objects', '--missing=print', '--no-object-names', range],
    {
      ...git,
      onStdout: chunk => {
        const lines = (rest + chunk.toString('latin1')).split('\n');
        rest = lines.pop() ?? '';
        lines.forEach(onLine);
      },
    },
  );
  onLine(rest);
  return {
    all,
    count: all.size,
    shown: [...all].slice(0, MISSING_OBJECTS_SHOWN),
  };
}

/** The paths at which `range` adds, changes or deletes one of `objects` (no blob is read). */
async function pathsOfObjects(
  dir: string,
  range: string,
  objects: ReadonlySet<string>,
  git: GitRunOptions,
): Promise<Set<string>> {
  const paths = new Set<string>();
  if (objects.size === 0) return paths;
  let wanted = false;
  const tokenizer = new NulTokenizer(raw => {
    const token = raw.replace(/^\n+/, '');
    if (token.startsWith(':')) {
      const fields = token.split(' ');
      wanted = objects.has(fields[2]) || objects.has(fields[3]);
    } else if (wanted) {
      paths.add(token);
      wanted = false;
    }
  });
  await runGit(
    dir,
    [
      'log',
      '--raw',
      '--no-renames',
      '--no-abbrev',
      '--diff-merges=off',
      '-z',
      '--format=',
      range,
      '--',
    ],
    { ...git, onStdout: chunk => tokenizer.write(chunk) },
  );
  tokenizer.end();
  return paths;
}
