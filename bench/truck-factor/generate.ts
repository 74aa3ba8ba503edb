/**
 * Generates a synthetic repository with `git fast-import` (seconds for 10,000 commits) and
 * caches it under the system temp folder, keyed by the parameters.
 *
 * The repository is bare, with two branches:
 * - `base`: `commits` commits creating ~`files` files, by `authors` people;
 * - `next`: `base` plus `newCommits` commits (the incremental update).
 * HEAD is `refs/heads/bench`, which the benchmark points at `base` or `next`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RepoParams {
  commits: number;
  files: number;
  authors: number;
  newCommits: number;
  seed: number;
}

export interface GeneratedRepo {
  dir: string;
  baseSha: string;
  nextSha: string;
  authors: { name: string; email: string }[];
  cached: boolean;
  generationMs: number;
}

/** Bump when the generator changes, so stale caches are not reused. */
const GENERATOR_VERSION = 2;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  }).trim();
}

export function cacheKey(p: RepoParams): string {
  return `v${GENERATOR_VERSION}-c${p.commits}-f${p.files}-a${p.authors}-n${p.newCommits}-s${p.seed}`;
}

export async function generateRepository(
  params: RepoParams,
  options: { useCache: boolean },
): Promise<GeneratedRepo> {
  const root = join(
    tmpdir(),
    'sre-health-truck-factor-bench',
    cacheKey(params),
  );
  const dir = join(root, 'repo.git');
  const marker = join(root, 'complete');
  const authors = Array.from({ length: params.authors }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    return { name: `Developer ${n}`, email: `dev${n}@bench.example` };
  });

  const started = performance.now();
  const cached = options.useCache && existsSync(marker);
  if (!cached) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    git(root, 'init', '-q', '--bare', dir);
    await fastImport(dir, buildStream(params, authors));
    if (params.newCommits === 0) git(dir, 'branch', 'next', 'base');
    git(dir, 'symbolic-ref', 'HEAD', 'refs/heads/bench');
    git(dir, 'update-ref', 'refs/heads/bench', 'refs/heads/base');
    writeFileSync(marker, `${new Date().toISOString()}\n`);
  }
  return {
    dir,
    baseSha: git(dir, 'rev-parse', 'refs/heads/base'),
    nextSha: git(dir, 'rev-parse', 'refs/heads/next'),
    authors,
    cached,
    generationMs: performance.now() - started,
  };
}

function fastImport(dir: string, stream: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet', '--done'], {
      cwd: dir,
      stdio: ['pipe', 'ignore', 'pipe'],
      // fast-import grows and trims its heap constantly; where brk() is slow (sandboxed VMs)
      // that alone takes a minute. A larger malloc top pad makes it take a second.
      env: {
        ...process.env,
        MALLOC_TOP_PAD_: String(64 << 20),
        MALLOC_TRIM_THRESHOLD_: String(128 << 20),
      },
    });
    let stderr = '';
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', code =>
      code === 0
        ? resolve()
        : reject(new Error(`git fast-import failed (${code}): ${stderr}`)),
    );
    child.stdin.end(stream);
  });
}

/**
 * Commit history with realistic skew: author i has Zipf-like weight 1/(i+1)^0.9 and a home
 * module `pkg/mNN/` where most of their work happens; files are created through the first 80%
 * of the history, then only changed; 1% of commits rename a file, 0.3% delete one; ~3% of the
 * files are docs or vendored code (excluded by the engine's defaults).
 */
function buildStream(
  p: RepoParams,
  authors: { name: string; email: string }[],
): string {
  const random = prng(p.seed);
  const weights = authors.map((_, i) => 1 / Math.pow(i + 1, 0.9));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickAuthor = () => {
    let r = random() * totalWeight;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r <= 0) return i;
    }
    return weights.length - 1;
  };
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];

  const modules: string[][] = authors.map(() => []);
  const revisions = new Map<string, number>();
  let live = 0;
  let created = 0;
  const out: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const content = (path: string, rev: number, author: number) => {
    const lines = [`// ${path}`, `// revision ${rev} by author ${author}`];
    for (let i = 0; i < 6; i++)
      lines.push(`export const v${i} = ${rev * 7 + i};`);
    return `${lines.join('\n')}\n`;
  };

  const creationEnd = Math.floor(p.commits * 0.8);
  const total = p.commits + p.newCommits;
  let time = 1_600_000_000;

  for (let c = 0; c < total; c++) {
    const authorIndex = pickAuthor();
    const author = authors[authorIndex];
    const home = authorIndex % modules.length;
    const ops: string[] = [];
    const touched = new Set<string>();

    // creations, spread evenly over the first 80% of the base history
    const due =
      c < creationEnd
        ? Math.floor(((c + 1) * p.files) / creationEnd) - created
        : 0;
    for (let k = 0; k < due; k++) {
      created++;
      const module =
        random() < 0.85 ? home : Math.floor(random() * modules.length);
      const kind = random();
      let path: string;
      if (kind < 0.02) path = `docs/topic-${created}.md`;
      else if (kind < 0.03)
        path = `vendor/lib${created % 17}/file${created}.js`;
      else path = `pkg/m${String(module).padStart(2, '0')}/file${created}.ts`;
      modules[module].push(path);
      revisions.set(path, 0);
      live++;
      touched.add(path);
      ops.push(
        `M 100644 inline ${path}\n${data(content(path, 0, authorIndex))}`,
      );
    }

    // 1-3 modifications of existing files, mostly in the author's home module
    const changes = live === 0 ? 0 : 1 + Math.floor(random() * 3);
    for (let k = 0; k < changes; k++) {
      const moduleIndex =
        random() < 0.7 && modules[home].length > 0
          ? home
          : Math.floor(random() * modules.length);
      const candidates =
        modules[moduleIndex].length > 0 ? modules[moduleIndex] : modules.flat();
      const path = pick(candidates);
      if (touched.has(path)) continue;
      touched.add(path);
      const rev = (revisions.get(path) ?? 0) + 1;
      revisions.set(path, rev);
      ops.push(
        `M 100644 inline ${path}\n${data(content(path, rev, authorIndex))}`,
      );
    }

    // occasional rename (exact, so git log -M reports R100) or deletion
    const roll = random();
    const moduleList = modules[home].length > 0 ? modules[home] : pick(modules);
    if (roll < 0.01 && moduleList.length > 0) {
      const from = pick(moduleList);
      if (!touched.has(from)) {
        const to = from.replace(/(\.\w+)$/, `_r${c}$1`);
        moduleList[moduleList.indexOf(from)] = to;
        revisions.set(to, revisions.get(from) ?? 0);
        revisions.delete(from);
        ops.push(`R ${from} ${to}\n`);
      }
    } else if (roll < 0.013 && moduleList.length > 1) {
      const victim = pick(moduleList);
      if (!touched.has(victim)) {
        moduleList.splice(moduleList.indexOf(victim), 1);
        revisions.delete(victim);
        live--;
        ops.push(`D ${victim}\n`);
      }
    }

    time += 600 + Math.floor(random() * 3000);
    const ident = `${author.name} <${author.email}> ${time} +0000`;
    const branch = c < p.commits ? 'base' : 'next';
    out.push(
      `commit refs/heads/${branch}\nmark :${
        c + 1
      }\nauthor ${ident}\ncommitter ${ident}\n`,
      data(`change ${c + 1}`),
      c === p.commits ? `from :${p.commits}\n` : '',
      ...ops,
      '\n',
    );
  }
  out.push('done\n');
  return out.join('');
}
