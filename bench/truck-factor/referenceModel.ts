/**
 * A re-implementation, for the benchmark only, of how the reference tool (aserg-ufmg/Truck-Factor
 * as of August 2017, when its README listed the published values) turns a git log into a truck
 * factor, to tell which of its rules explain a difference. Read from its sources:
 *
 * - `commit_log_script.sh` + `log.awk`: `git log --name-status --find-renames` with
 *   `diff.renameLimit=999999`; only A, M and R lines are kept (deletions are dropped).
 * - `NewAliasHandler`: one user per upper-cased e-mail (or name), then users sharing an
 *   upper-cased name merged.
 * - `DOACalculator.setFileHistory`: a file's history is every A/M/R entry ever written at its
 *   path, plus (transitively) every entry at the paths it was renamed from, whatever the time
 *   (a deleted and re-created path keeps its old history). The first ADD makes the first author;
 *   an ADD by someone else makes a secondary author (FA = 1 too); M and R are deliveries; the
 *   ADD is not. Author: DOA / best DOA > 0.75 and (DOA >= 3.293 or first or secondary author).
 *   Files without any entry are left out of the count.
 * - `GreedyTruckFactor`: remove the author of most files (ties: more commits) while at least
 *   half of the files keep an author.
 *
 * Not reproduced: which ADD is "first" depends in the tool on a HashMap's iteration order over
 * entry ids; here the oldest ADD is first.
 */
import { spawnSync } from 'node:child_process';

interface Entry {
  user: string;
  status: 'A' | 'M' | 'R';
  from?: string;
  time: number;
}

class Users {
  private readonly parent = new Map<string, string>();
  root(u: string): string {
    let r = u;
    while ((this.parent.get(r) ?? r) !== r) r = this.parent.get(r)!;
    return r;
  }
  union(a: string, b: string) {
    const [ra, rb] = [this.root(a), this.root(b)];
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

const git = (dir: string, args: string[]) =>
  spawnSync('git', ['-c', 'diff.renameLimit=999999', '-C', dir, ...args], {
    maxBuffer: 2 ** 31 - 1,
    encoding: 'utf8',
  });

/**
 * Paths where the repository lacks a blob (the fetched snapshots lack files of 4 MiB and
 * more): left out of the log, or rename detection could not read them. The reference tool had
 * them; they are large data files, not code.
 */
function pathsWithoutBlobs(dir: string): string[] {
  const missing = new Set(
    git(dir, [
      'rev-list',
      '--objects',
      '--missing=print',
      '--no-object-names',
      'HEAD',
    ])
      .stdout.split('\n')
      .filter(l => l.startsWith('?'))
      .map(l => l.slice(1)),
  );
  if (missing.size === 0) return [];
  const raw = git(dir, [
    'log',
    '--raw',
    '--no-renames',
    '--no-abbrev',
    '-z',
    '--format=',
  ]);
  const paths = new Set<string>();
  const tokens = raw.stdout.split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].replace(/^\n+/, '');
    if (!t.startsWith(':')) continue;
    const f = t.split(' ');
    if (missing.has(f[2]) || missing.has(f[3])) paths.add(tokens[i + 1]);
    i++;
  }
  return [...paths];
}

function readLog(dir: string) {
  const args = [
    'log',
    '--use-mailmap',
    '--name-status',
    '--find-renames',
    '-z',
    '--format=%x01%H%x00%aN%x00%aE%x00%at',
  ];
  let out = git(dir, args);
  if (out.status !== 0 && /unable to read/.test(out.stderr)) {
    const excluded = pathsWithoutBlobs(dir).map(
      p => `:(top,exclude,literal)${p}`,
    );
    out = git(dir, [
      ...args,
      '--full-history',
      '--sparse',
      'HEAD',
      '--',
      ...excluded,
    ]);
  }
  if (out.status !== 0) throw new Error(`git log failed: ${out.stderr}`);
  const byPath = new Map<string, Entry[]>();
  const users = new Users();
  const byName = new Map<string, string>();
  const commitsOf = new Map<string, number>();
  const tokens = out.stdout.split('\0');
  let user = '';
  let time = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].replace(/^\n+/, '');
    if (token.startsWith('\x01')) {
      const name = tokens[++i];
      const email = tokens[++i];
      time = Number(tokens[++i]);
      user = email.trim() ? email.toUpperCase() : name.toUpperCase();
      const upperName = name.toUpperCase();
      if (upperName !== '') {
        const first = byName.get(upperName);
        if (first === undefined) byName.set(upperName, user);
        else users.union(first, user);
      }
      commitsOf.set(user, (commitsOf.get(user) ?? 0) + 1);
      continue;
    }
    if (token === '') continue;
    const status = token[0];
    if (status === 'A' || status === 'M') {
      const path = tokens[++i];
      const list = byPath.get(path) ?? [];
      list.push({ user, status, time });
      byPath.set(path, list);
    } else if (status === 'R') {
      const from = tokens[++i];
      const path = tokens[++i];
      const list = byPath.get(path) ?? [];
      list.push({ user, status: 'R', from, time });
      byPath.set(path, list);
    } else if (status === 'C') {
      i += 2;
    } else {
      i += 1; // D, T, U, X: one path, dropped by log.awk
    }
  }
  return { byPath, users, commitsOf };
}

const doa = (first: boolean, deliveries: number, acceptances: number) =>
  3.293 +
  1.098 * (first ? 1 : 0) +
  0.164 * deliveries -
  0.321 * Math.log(1 + acceptances);

/**
 * The reference tool's truck factor of the repository in `dir`, over each list of files (paths
 * of HEAD that count); the log is read once.
 */
export function referenceTruckFactors(
  dir: string,
  fileLists: ReadonlyArray<readonly string[]>,
): number[] {
  const log = readLog(dir);
  return fileLists.map(files => truckFactorOf(log, files));
}

function truckFactorOf(
  { byPath, users, commitsOf }: ReturnType<typeof readLog>,
  files: readonly string[],
): number {
  const filesOf = new Map<string, Set<string>>();
  let counted = 0;
  for (const path of files) {
    const own = byPath.get(path);
    if (!own) continue; // "No commits for <file>": left out of the count
    counted++;
    // expand renames, transitively and whatever the time
    const entries = new Set(own);
    const seenPaths = new Set([path]);
    const queue = own.filter(e => e.status === 'R').map(e => e.from!);
    while (queue.length > 0) {
      const from = queue.pop()!;
      if (seenPaths.has(from)) continue;
      seenPaths.add(from);
      for (const e of byPath.get(from) ?? []) {
        entries.add(e);
        if (e.status === 'R') queue.push(e.from!);
      }
    }
    const ordered = [...entries].sort((a, b) => a.time - b.time);
    let first: string | undefined;
    const secondary = new Set<string>();
    const deliveries = new Map<string, number>();
    let changes = 0;
    for (const e of ordered) {
      const u = users.root(e.user);
      if (e.status === 'A') {
        if (first === undefined) first = u;
        else if (u !== first) secondary.add(u);
      } else {
        deliveries.set(u, (deliveries.get(u) ?? 0) + 1);
        changes++;
      }
    }
    const devs = new Set([...deliveries.keys(), ...secondary]);
    if (first !== undefined) devs.add(first);
    const scores = [...devs].map(u => {
      const dl = deliveries.get(u) ?? 0;
      const fa = u === first || secondary.has(u);
      return { u, fa, value: doa(fa, dl, changes - dl) };
    });
    const best = Math.max(...scores.map(s => s.value));
    for (const s of scores) {
      if (s.value / best > 0.75 && (s.value >= 3.293 || s.fa)) {
        const set = filesOf.get(s.u) ?? new Set<string>();
        set.add(path);
        filesOf.set(s.u, set);
      }
    }
  }
  const commitsOfRoot = new Map<string, number>();
  for (const [u, n] of commitsOf) {
    const r = users.root(u);
    commitsOfRoot.set(r, (commitsOfRoot.get(r) ?? 0) + n);
  }
  let factor = 0;
  for (;;) {
    const covered = new Set<string>();
    for (const set of filesOf.values()) for (const f of set) covered.add(f);
    if (filesOf.size === 0 || covered.size / counted < 0.5) break;
    let top: string | undefined;
    for (const [u, set] of filesOf) {
      const size = top === undefined ? -1 : filesOf.get(top)!.size;
      if (
        set.size > size ||
        (set.size === size &&
          (commitsOfRoot.get(u) ?? 0) > (commitsOfRoot.get(top!) ?? 0))
      ) {
        top = u;
      }
    }
    filesOf.delete(top!);
    factor++;
  }
  return factor;
}
