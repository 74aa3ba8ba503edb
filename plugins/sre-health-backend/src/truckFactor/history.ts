import type { CommitRecord } from './git';
import {
  TRUCK_FACTOR_STATE_VERSION,
  type DeveloperRecord,
  type TruckFactorState,
} from './types';

/** The key of a git identity: its lower-cased e-mail, or its name when it has no e-mail. */
export function developerKey(name: string, email: string): string {
  const normalized = email.trim().toLowerCase();
  return normalized === '' ? `name:${name.trim()}` : normalized;
}

/** `Name <email>`, how identities that are not catalog users are shown. */
export function identityLabel(developer: DeveloperRecord): string {
  return `${developer.name} <${developer.email}>`;
}

interface WorkingFile {
  creator: string | null;
  changes: Map<string, number>;
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export function isValidSha(value: unknown): value is string {
  return typeof value === 'string' && SHA.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Per-file per-developer commit counters, updated commit by commit. Maps inside (paths and
 * e-mails are arbitrary strings, `__proto__` included); plain objects only in the state.
 */
export class History {
  readonly developers = new Map<string, DeveloperRecord>();
  readonly files = new Map<string, WorkingFile>();

  /** A working copy of a persisted state, or undefined when the state is not usable. */
  static fromState(state: unknown): History | undefined {
    if (
      !isRecord(state) ||
      state.version !== TRUCK_FACTOR_STATE_VERSION ||
      !isValidSha(state.lastSha) ||
      !isRecord(state.developers) ||
      !isRecord(state.files)
    ) {
      return undefined;
    }
    const history = new History();
    for (const [key, value] of Object.entries(state.developers)) {
      if (
        !isRecord(value) ||
        typeof value.name !== 'string' ||
        typeof value.email !== 'string' ||
        typeof value.commits !== 'number' ||
        typeof value.lastCommitAt !== 'number'
      ) {
        return undefined;
      }
      const names =
        Array.isArray(value.names) &&
        value.names.every(n => typeof n === 'string')
          ? { names: [...(value.names as string[])] }
          : {};
      history.developers.set(key, {
        name: value.name,
        email: value.email,
        commits: value.commits,
        lastCommitAt: value.lastCommitAt,
        ...names,
      });
    }
    for (const [path, value] of Object.entries(state.files)) {
      if (
        !isRecord(value) ||
        !(value.creator === null || typeof value.creator === 'string') ||
        !isRecord(value.changes)
      ) {
        return undefined;
      }
      const changes = new Map<string, number>();
      for (const [developer, count] of Object.entries(value.changes)) {
        if (typeof count !== 'number') return undefined;
        changes.set(developer, count);
      }
      history.files.set(path, { creator: value.creator, changes });
    }
    return history;
  }

  /**
   * Adds one commit (commits must come parents first). `countAuthor: false` when another
   * pass over other paths already counted this commit for its author.
   */
  apply(commit: CommitRecord, options: { countAuthor?: boolean } = {}): void {
    const key = developerKey(commit.authorName, commit.authorEmail);
    const developer = this.developers.get(key);
    if (options.countAuthor === false && developer) {
      // its author is known and counted: only the files change
    } else if (!developer) {
      this.developers.set(key, {
        name: commit.authorName,
        email: commit.authorEmail,
        commits: 1,
        lastCommitAt: commit.authorTime,
      });
    } else {
      developer.commits++;
      if (commit.authorName !== developer.name) {
        const names = (developer.names ??= [developer.name]);
        if (!names.includes(commit.authorName)) names.push(commit.authorName);
      }
      if (commit.authorTime >= developer.lastCommitAt) {
        developer.lastCommitAt = commit.authorTime;
        developer.name = commit.authorName;
        developer.email = commit.authorEmail;
      }
    }

    // Take rename sources and deleted files out first: a commit may rename a → b and add a
    // new a, and git lists its changes by path, not in the order they make sense.
    const renamed = new Map<string, WorkingFile | undefined>();
    for (const change of commit.changes) {
      if (change.status === 'R') {
        renamed.set(change.from, this.files.get(change.from));
        this.files.delete(change.from);
      } else if (change.status === 'D') {
        this.files.delete(change.path);
      }
    }

    for (const change of commit.changes) {
      let file: WorkingFile | undefined;
      switch (change.status) {
        case 'D':
          continue;
        case 'R':
          // a renamed file keeps its history and its creator
          file = renamed.get(change.from) ?? this.files.get(change.path);
          break;
        case 'C':
          // a copy is a new file, created by this commit's author
          file = { creator: key, changes: new Map() };
          break;
        case 'A':
          // an existing entry can only come from another branch adding the same path: keep it
          file = this.files.get(change.path) ?? {
            creator: key,
            changes: new Map(),
          };
          break;
        default:
          // M and T: a file whose creation was not seen has an unknown creator
          file = this.files.get(change.path);
      }
      file ??= { creator: null, changes: new Map() };
      file.changes.set(key, (file.changes.get(key) ?? 0) + 1);
      this.files.set(change.path, file);
    }
  }

  /** Makes the files exactly those of the analysed tree (merges can add or drop files). */
  reconcile(treePaths: ReadonlySet<string>): void {
    for (const path of this.files.keys()) {
      if (!treePaths.has(path)) this.files.delete(path);
    }
    for (const path of treePaths) {
      if (!this.files.has(path)) {
        this.files.set(path, { creator: null, changes: new Map() });
      }
    }
  }

  /** A plain JSON copy, sorted so equal histories serialise equally. */
  toState(lastSha: string): TruckFactorState {
    const byKey = <T>(a: [string, T], b: [string, T]) => {
      if (a[0] < b[0]) return -1;
      return a[0] > b[0] ? 1 : 0;
    };
    return {
      version: TRUCK_FACTOR_STATE_VERSION,
      lastSha,
      developers: Object.fromEntries(
        [...this.developers.entries()]
          .sort(byKey)
          .map(([key, d]) => [
            key,
            d.names ? { ...d, names: [...d.names] } : { ...d },
          ]),
      ),
      files: Object.fromEntries(
        [...this.files.entries()].sort(byKey).map(([path, f]) => [
          path,
          {
            creator: f.creator,
            changes: Object.fromEntries([...f.changes.entries()].sort(byKey)),
          },
        ]),
      ),
    };
  }
}
