import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

/** A failure to run git at all, or git exiting with an error. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly kind: 'not-available' | 'failed' | 'aborted',
    readonly exitCode: number | null = null,
    readonly stderr = '',
  ) {
    super(message);
    this.name = 'GitError';
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
    LC_ALL: 'C',
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
          const status = code === null ? `signal ${signal}` : `exit code ${code}`;
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

  constructor(private readonly onToken: (token: string) => void) {}

  write(chunk: Buffer | string): void {
    const text =
      this.rest + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
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
  | { status: 'A' | 'M' | 'D' | 'T'; path: string }
  | { status: 'R' | 'C'; from: string; path: string; similarity: number };

export interface CommitRecord {
  sha: string;
  authorName: string;
  authorEmail: string;
  /** Author time, epoch seconds. */
  authorTime: number;
  changes: FileChange[];
}

/** Marks the start of a commit in the `git log` output. */
const COMMIT_MARK = '\x01';

/** The `git log` arguments the {@link GitLogParser} reads (add a revision range). */
export const GIT_LOG_ARGS: readonly string[] = [
  'log',
  '--no-merges',
  '--reverse',
  '--topo-order',
  '--use-mailmap',
  '--name-status',
  '-M',
  '-z',
  '--no-color',
  `--format=${COMMIT_MARK}%H%x00%aN%x00%aE%x00%at`,
];

const SINGLE_PATH_STATUSES = new Set(['A', 'M', 'D', 'T']);

type ParserStep =
  | 'header'
  | 'name'
  | 'email'
  | 'time'
  | 'status'
  | 'path'
  | 'from'
  | 'to';

/**
 * Parses `git log -z --name-status --format=\x01%H%x00%aN%x00%aE%x00%at` incrementally.
 *
 * The output is a sequence of NUL-terminated tokens: `\x01<sha>`, name, e-mail, time, then per
 * changed file a status (`M`, `A`, `D`, `T`, `R<score>`, `C<score>`; the first one of a commit is
 * preceded by `\n`) and one path, or two paths for renames and copies.
 */
export class GitLogParser {
  private readonly tokenizer = new NulTokenizer(t => this.token(t));
  private step: ParserStep = 'header';
  private commit: CommitRecord | undefined;
  private status = '';
  private similarity = 0;
  private from = '';
  /** Commits emitted so far. */
  commits = 0;

  constructor(private readonly onCommit: (commit: CommitRecord) => void) {}

  write(chunk: Buffer | string): void {
    this.tokenizer.write(chunk);
  }

  end(): void {
    this.tokenizer.end();
    if (this.step !== 'header' && this.step !== 'status') {
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
      case 'status':
        if (token.startsWith(COMMIT_MARK)) {
          this.flush();
          this.commit = {
            sha: token.slice(1),
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
          throw new Error(`unexpected git log output: ${JSON.stringify(token)}`);
        }
        this.readStatus(token);
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
        this.step = 'status';
        return;
      case 'path':
        // U (unmerged) and X (unknown) cannot describe a commit's content: skip them
        if (SINGLE_PATH_STATUSES.has(this.status)) {
          this.current.changes.push({
            status: this.status as 'A' | 'M' | 'D' | 'T',
            path: token,
          });
        }
        this.step = 'status';
        return;
      case 'from':
        this.from = token;
        this.step = 'to';
        return;
      case 'to':
        this.current.changes.push({
          status: this.status as 'R' | 'C',
          from: this.from,
          path: token,
          similarity: this.similarity,
        });
        this.step = 'status';
        return;
      default:
        throw new Error(`unknown parser step ${String(this.step)}`);
    }
  }

  private readStatus(raw: string): void {
    const token = raw.replace(/^\n+/, '');
    if (token === '') return;
    const letter = token[0];
    if (!/^[A-Z]\d*$/.test(token)) {
      throw new Error(`unexpected status in git log: ${JSON.stringify(token)}`);
    }
    this.status = letter;
    if (letter === 'R' || letter === 'C') {
      this.similarity = Number(token.slice(1)) || 0;
      this.step = 'from';
    } else {
      this.step = 'path';
    }
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
