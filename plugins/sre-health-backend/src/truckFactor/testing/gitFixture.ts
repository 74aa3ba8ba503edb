import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestAuthor {
  name: string;
  email: string;
}

export interface CommitOps {
  /** Files to create or overwrite. */
  write?: Record<string, string>;
  /** Files to delete. */
  remove?: string[];
  /** Files to move: from → to (applied before `write`). */
  rename?: Record<string, string>;
}

/** Environment that keeps the machine's git configuration out of the fixtures. */
const ISOLATED_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
};

/** A real git repository in a temporary folder, with commits at fixed, increasing dates. */
export class GitFixture {
  private clock = 1_700_000_000;

  private constructor(readonly dir: string) {}

  static create(options: { bare?: boolean } = {}): GitFixture {
    const fixture = new GitFixture(
      mkdtempSync(join(tmpdir(), 'truck-factor-')),
    );
    fixture.git(
      'init',
      '-q',
      '-b',
      'main',
      ...(options.bare ? ['--bare'] : []),
    );
    return fixture;
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...process.env, ...ISOLATED_ENV },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  }

  /** Makes one commit by `author`; returns its sha. */
  commit(author: TestAuthor, ops: CommitOps, message = 'change'): string {
    this.clock += 60;
    this.applyOps(ops);
    this.execAs(author, ['add', '-A']);
    this.execAs(author, [
      'commit',
      '-q',
      '--no-verify',
      '--allow-empty',
      '-m',
      message,
    ]);
    return this.git('rev-parse', 'HEAD');
  }

  /**
   * Merges `branch` into the current branch with a merge commit by `author`; `ops` are
   * changes made in the merge commit itself (an "evil merge"). Returns the merge's sha.
   */
  merge(author: TestAuthor, branch: string, ops: CommitOps = {}): string {
    this.clock += 60;
    this.execAs(author, ['merge', '-q', '--no-ff', '--no-commit', branch]);
    this.applyOps(ops);
    this.execAs(author, ['add', '-A']);
    this.execAs(author, [
      'commit',
      '-q',
      '--no-verify',
      '-m',
      `merge ${branch}`,
    ]);
    return this.git('rev-parse', 'HEAD');
  }

  private applyOps(ops: CommitOps): void {
    for (const [from, to] of Object.entries(ops.rename ?? {})) {
      mkdirSync(dirname(join(this.dir, to)), { recursive: true });
      renameSync(join(this.dir, from), join(this.dir, to));
    }
    for (const [path, content] of Object.entries(ops.write ?? {})) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), content);
    }
    for (const path of ops.remove ?? []) rmSync(join(this.dir, path));
  }

  /** Runs git with `author` as author and committer, at the current fixed date. */
  private execAs(author: TestAuthor, args: string[]): void {
    const date = `${this.clock} +0000`;
    execFileSync('git', args, {
      cwd: this.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...ISOLATED_ENV,
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
        GIT_COMMITTER_DATE: date,
      },
    });
  }

  /** A bare clone of this repository, in its own temporary folder. */
  cloneBare(): GitFixture {
    const clone = new GitFixture(
      mkdtempSync(join(tmpdir(), 'truck-factor-bare-')),
    );
    execFileSync('git', ['clone', '-q', '--bare', this.dir, clone.dir], {
      env: { ...process.env, ...ISOLATED_ENV },
    });
    return clone;
  }

  /**
   * A bare partial clone (`--filter=<filter>`, e.g. `blob:limit=1k`) over `file://`, as CI
   * and monorepo clones are made: the blobs the filter leaves out are missing.
   */
  clonePartial(filter: string): GitFixture {
    this.git('config', 'uploadpack.allowFilter', 'true');
    this.git('config', 'uploadpack.allowAnySHA1InWant', 'true');
    const clone = new GitFixture(
      mkdtempSync(join(tmpdir(), 'truck-factor-partial-')),
    );
    execFileSync(
      'git',
      [
        'clone',
        '-q',
        '--bare',
        `--filter=${filter}`,
        `file://${this.dir}`,
        clone.dir,
      ],
      { env: { ...process.env, ...ISOLATED_ENV } },
    );
    return clone;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Distinct file content of `lines` lines (so git's rename detection pairs files correctly). */
export function source(name: string, lines = 12): string {
  return Array.from(
    { length: lines },
    (_, i) => `export const ${name.replace(/\W/g, '_')}_${i} = ${i};`,
  )
    .join('\n')
    .concat('\n');
}
