import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

/** A failure to run git at all, or git exiting with an error. */
export class GitError extends Error {
  readonly kind: 'not-available' | 'failed' | 'aborted';
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(
    message: string,
    kind: 'not-available' | 'failed' | 'aborted',
    exitCode: number | null = null,
    stderr = '',
  ) {
    super(message);
    this.name = 'GitError';
    this.kind = kind;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

export interface GitRunOptions {
  gitBinary?: string;
  signal?: AbortSignal;
  /** Receives stdout as it arrives; when absent stdout is collected and returned. */
  onStdout?: (chunk: Buffer) => void;
  /** Exit codes that are not failures (default: 0 only). */
  okExitCodes?: readonly number[];
}

export interface GitRunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Environment variables that would point git at another repository than `-C dir`. */
const REPOSITORY_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
];

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    // fully buffered output: without it git flushes after every commit when writing to a
    // pipe, which costs one write and one 'data' event per commit (~30% of a full run)
    GIT_FLUSH: '0',
    LC_ALL: 'C',
    // never reach a remote: in a partial clone a missing blob would otherwise be fetched from
    // the promisor remote, one process per object (or hang on credentials). Git >= 2.44 reads
    // GIT_NO_LAZY_FETCH; older ones fail the lazy fetch on the protocol allow-list instead.
    GIT_NO_LAZY_FETCH: '1',
    GIT_ALLOW_PROTOCOL: 'none',
  };
  for (const name of REPOSITORY_ENV) delete env[name];
  return env;
}

/** Configuration that would change the output the parser expects. */
const CONFIG_OVERRIDES = [
  '-c',
  'log.showSignature=false',
  '-c',
  'log.showRoot=true',
  '-c',
  'core.quotePath=false',
  '-c',
  'diff.relative=false',
  '-c',
  'protocol.allow=never',
];

const MAX_STDERR = 16 * 1024;

/**
 * Runs `git -C dir <args>` without a shell. Rejects with a {@link GitError}; never leaves the
 * process running when the signal aborts.
 */
export function runGit(
  dir: string,
  args: readonly string[],
  options: GitRunOptions = {},
): Promise<GitRunResult> {
  const okExitCodes = options.okExitCodes ?? [0];
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new GitError('aborted', 'aborted'));
      return;
    }
    const child = spawn(
      options.gitBinary ?? 'git',
      [...CONFIG_OVERRIDES, '-C', dir, ...args],
      { env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true },
    );
    const stdoutChunks: Buffer[] = [];
    let stderr = '';
    let settled = false;
    let callbackError: unknown;

    const onAbort = () => child.kill('SIGKILL');
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };

    child.stdout.on('data', (chunk: Buffer) => {
      if (callbackError !== undefined) return;
      if (!options.onStdout) {
        stdoutChunks.push(chunk);
        return;
      }
      try {
        options.onStdout(chunk);
      } catch (error) {
        callbackError = error;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish(() =>
        reject(
          error.code === 'ENOENT'
            ? new GitError(
                `git executable not found (${options.gitBinary ?? 'git'})`,
                'not-available',
              )
            : new GitError(`could not run git: ${error.message}`, 'failed'),
        ),
      );
    });
    child.on('close', (code, signal) => {
      finish(() => {
        if (callbackError !== undefined) {
          reject(callbackError);
        } else if (options.signal?.aborted) {
          reject(new GitError('aborted', 'aborted'));
        } else if (code === null || !okExitCodes.includes(code)) {
          const detail = stderr.trim().split('\n').slice(0, 3).join(' / ');
          const status =
            code === null ? `signal ${signal}` : `exit code ${code}`;
          reject(
            new GitError(
              `git ${args[0]} failed (${status})${detail ? `: ${detail}` : ''}`,
              'failed',
              code,
              stderr,
            ),
          );
        } else {
          resolve({
            exitCode: code,
            stdout: Buffer.concat(stdoutChunks).toString('utf8'),
            stderr,
          });
        }
      });
    });
  });
}

/** Splits a stream of NUL-terminated UTF-8 tokens; chunks may end anywhere. */
export class NulTokenizer {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';
  private readonly onToken: (token: string) => void;

  constructor(onToken: (token: string) => void) {
    this.onToken = onToken;
  }

  write(chunk: Buffer | string): void {
    const text =
      this.rest +
      (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    let start = 0;
    let nul = text.indexOf('\0', start);
    while (nul >= 0) {
      this.onToken(text.slice(start, nul));
      start = nul + 1;
      nul = text.indexOf('\0', start);
    }
    this.rest = text.slice(start);
  }

  end(): void {
    const text = this.rest + this.decoder.end();
    this.rest = '';
    if (text !== '') this.onToken(text);
  }
}

export type FileChange =
  | { status: 'A' | 'M' | 'D'; path: string }
  | { status: 'R' | 'C'; from: string; path: string; similarity: number };

export interface CommitRecord {
  sha: string;
  /** Parent shas: none for a root commit, two or more for a merge (whose changes are not listed). */
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Author time, epoch seconds. */
  authorTime: number;
  /** Changes of files (submodules left out); empty for merges. */
  changes: FileChange[];
}

/** Marks the start of a commit in the `git log` output. */
const COMMIT_MARK = '\x01';

/**
 * The `git log` arguments the {@link GitLogParser} reads (add a revision range). Merges are
 * listed (to know whether the tree must be re-read) but without their diff.
 */
export const GIT_LOG_ARGS: readonly string[] = [
  'log',
  '--reverse',
  '--topo-order',
  '--use-mailmap',
  '--diff-merges=off',
  '--raw',
  '-M',
  '-z',
  '--no-color',
  `--format=${COMMIT_MARK}%H%x00%aN%x00%aE%x00%at%x00%P`,
];

/**
 * Rename detection by content (`-M`, 50% similarity) must read both blobs of a pair; exact
 * renames (`-M100%`) compare object ids only, so they work when blobs are missing (partial
 * clones, snapshots without their largest files).
 */
export const EXACT_RENAMES_ONLY = '-M100%';

const MISSING_OBJECT =
  /(?:unable to read|could not fetch|missing (?:blob|object)|bad object|did not receive expected object)\s+([0-9a-f]{40}(?:[0-9a-f]{24})?)/i;

/** The object a failed git run could not read (its stderr says so), or undefined. */
export function missingObjectOf(error: unknown): string | undefined {
  if (!(error instanceof GitError) || error.kind !== 'failed') return undefined;
  return MISSING_OBJECT.exec(error.stderr)?.[1];
}

/** The mode of a gitlink (submodule) in raw diff output. */
const GITLINK = '160000';

type ParserStep =
  | 'header'
  | 'name'
  | 'email'
  | 'time'
  | 'parents'
  | 'change'
  | 'path'
  | 'from'
  | 'to';

/**
 * Parses `git log -z --raw --format=\x01%H%x00%aN%x00%aE%x00%at%x00%P` incrementally.
 *
 * The output is a sequence of NUL-terminated tokens: `\x01<sha>`, name, e-mail, time, parents,
 * then per changed file `:<old mode> <new mode> <old blob> <new blob> <status>` (the first one
 * of a commit preceded by `\n`) and one path, or two paths for renames (`R<score>`) and copies
 * (`C<score>`). Submodules (mode 160000) are not files: they are left out, and a file turned
 * into a submodule (or back) is reported as deleted (or added).
 */
export class GitLogParser {
  private readonly tokenizer = new NulTokenizer(t => this.token(t));
  private step: ParserStep = 'header';
  private commit: CommitRecord | undefined;
  private status = '';
  private oldMode = '';
  private newMode = '';
  private similarity = 0;
  private from = '';
  /** Commits emitted so far (merges included). */
  commits = 0;
  private readonly onCommit: (commit: CommitRecord) => void;

  constructor(onCommit: (commit: CommitRecord) => void) {
    this.onCommit = onCommit;
  }

  write(chunk: Buffer | string): void {
    this.tokenizer.write(chunk);
  }

  end(): void {
    this.tokenizer.end();
    if (this.step !== 'header' && this.step !== 'change') {
      throw new Error(`truncated git log output (expecting ${this.step})`);
    }
    this.flush();
  }

  private get current(): CommitRecord {
    if (!this.commit) throw new Error('git log output without a commit header');
    return this.commit;
  }

  private flush(): void {
    if (this.commit) {
      const commit = this.commit;
      this.commit = undefined;
      this.commits++;
      this.onCommit(commit);
    }
  }

  private token(token: string): void {
    switch (this.step) {
      case 'header':
      case 'change':
        if (token.startsWith(COMMIT_MARK)) {
          this.flush();
          this.commit = {
            sha: token.slice(1),
            parents: [],
            authorName: '',
            authorEmail: '',
            authorTime: 0,
            changes: [],
          };
          this.step = 'name';
          return;
        }
        if (this.step === 'header') {
          if (token.trim() === '') return;
          throw new Error(
            `unexpected git log output: ${JSON.stringify(token)}`,
          );
        }
        this.readChange(token);
        return;
      case 'name':
        this.current.authorName = token;
        this.step = 'email';
        return;
      case 'email':
        this.current.authorEmail = token;
        this.step = 'time';
        return;
      case 'time':
        this.current.authorTime = Number(token);
        this.step = 'parents';
        return;
      case 'parents':
        this.current.parents = token === '' ? [] : token.split(' ');
        this.step = 'change';
        return;
      case 'path':
        this.pushSinglePath(token);
        this.step = 'change';
        return;
      case 'from':
        this.from = token;
        this.step = 'to';
        return;
      case 'to':
        this.pushTwoPaths(token);
        this.step = 'change';
        return;
      default:
        throw new Error(`unknown parser step ${String(this.step)}`);
    }
  }

  private readChange(raw: string): void {
    const token = raw.replace(/^\n+/, '');
    if (token === '') return;
    // ":100644 100644 1a2b3c4 5d6e7f8 M"
    const fields = token.split(' ');
    const status = fields[4] ?? '';
    if (fields.length !== 5 || token[0] !== ':' || !/^[A-Z]\d*$/.test(status)) {
      throw new Error(`unexpected change in git log: ${JSON.stringify(token)}`);
    }
    this.oldMode = fields[0].slice(1);
    this.newMode = fields[1];
    this.status = status[0];
    if (this.status === 'R' || this.status === 'C') {
      this.similarity = Number(status.slice(1)) || 0;
      this.step = 'from';
    } else {
      this.step = 'path';
    }
  }

  private pushSinglePath(path: string): void {
    const wasFile = this.oldMode !== GITLINK;
    const isFile = this.newMode !== GITLINK;
    const changes = this.current.changes;
    switch (this.status) {
      case 'A':
        if (isFile) changes.push({ status: 'A', path });
        return;
      case 'D':
        if (wasFile) changes.push({ status: 'D', path });
        return;
      case 'M':
      case 'T':
        if (wasFile && isFile) changes.push({ status: 'M', path });
        else if (wasFile) changes.push({ status: 'D', path });
        else if (isFile) changes.push({ status: 'A', path });
        return;
      default:
      // U (unmerged) and X (unknown) do not describe a commit's content
    }
  }

  private pushTwoPaths(path: string): void {
    if (this.oldMode === GITLINK || this.newMode === GITLINK) return;
    this.current.changes.push({
      status: this.status as 'R' | 'C',
      from: this.from,
      path,
      similarity: this.similarity,
    });
  }
}

export interface TreeEntry {
  path: string;
  /** `blob` for files and symlinks, `commit` for submodules. */
  type: string;
}

/** Parses `git ls-tree -r -z --full-tree <sha>` tokens: `<mode> <type> <sha>\t<path>`. */
export function parseTreeToken(token: string): TreeEntry | undefined {
  const tab = token.indexOf('\t');
  if (tab < 0) return undefined;
  const [, type] = token.slice(0, tab).split(' ');
  return { path: token.slice(tab + 1), type };
}
