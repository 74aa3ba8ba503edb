/**
 * Benchmark of the truck-factor engine (plugins/sre-health-backend/src/truckFactor).
 *
 *   bench/truck-factor/run.sh [--runs 5] [--commits 10000] [--files 5000] [--authors 50]
 *                             [--new-commits 100] [--seed 42] [--no-cache]
 *
 * Measures, on a generated repository: the engine's full run, its incremental run after
 * `--new-commits` commits, and as the floor the very `git log` the engine runs (same
 * arguments, output consumed through a pipe, nothing parsed), plus memory in separate
 * processes. Prints markdown tables (median of `--runs` runs).
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeRepository } from '../../plugins/sre-health-backend/src/truckFactor/index';
import {
  GIT_LOG_ARGS,
  runGit,
} from '../../plugins/sre-health-backend/src/truckFactor/git';
import type {
  CatalogUserIdentity,
  TruckFactorAnalysis,
  TruckFactorResult,
  TruckFactorState,
} from '../../plugins/sre-health-backend/src/truckFactor/index';
import { generateRepository, git, type RepoParams } from './generate';

const GOALS = { fullMs: 5000, incrementalMs: 1000 };

interface Args extends RepoParams {
  runs: number;
  useCache: boolean;
  probe?: 'full' | 'incremental';
  dir?: string;
  stateFile?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    runs: 5,
    commits: 10_000,
    files: 5_000,
    authors: 50,
    newCommits: 100,
    seed: 42,
    useCache: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const number = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0)
        throw new Error(`${flag} needs a whole number`);
      return n;
    };
    switch (flag) {
      case '--runs':
        args.runs = Math.max(1, number());
        break;
      case '--commits':
        args.commits = number();
        break;
      case '--files':
        args.files = number();
        break;
      case '--authors':
        args.authors = Math.max(1, number());
        break;
      case '--new-commits':
        args.newCommits = Math.max(1, number());
        break;
      case '--seed':
        args.seed = number();
        break;
      case '--no-cache':
        args.useCache = false;
        break;
      case '--probe':
        args.probe = value() as Args['probe'];
        break;
      case '--dir':
        args.dir = value();
        break;
      case '--state':
        args.stateFile = value();
        break;
      default:
        throw new Error(`unknown argument ${flag}`);
    }
  }
  return args;
}

function ok(result: TruckFactorAnalysis): TruckFactorResult {
  if (result.status !== 'ok')
    throw new Error(`engine: ${result.code}: ${result.reason}`);
  return result;
}

/** The catalog knows 80% of the authors; the others count as departed. */
function catalogFor(authors: { email: string }[]): CatalogUserIdentity[] {
  return authors.slice(0, Math.ceil(authors.length * 0.8)).map((a, i) => ({
    userRef: `user:default/dev${i + 1}`,
    emails: [a.email],
  }));
}

/**
 * The floor: the engine's own `git log` (same arguments, environment and spawn code, output
 * streamed through a pipe into this process) with the parsing left out.
 */
async function gitLogFloor(
  dir: string,
  range: string,
): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  let bytes = 0;
  await runGit(dir, [...GIT_LOG_ARGS, range, '--'], {
    onStdout: chunk => {
      bytes += chunk.length;
    },
  });
  return { ms: performance.now() - started, bytes };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Child-process mode: one engine run, memory reported as JSON on stdout. */
async function probe(args: Args): Promise<void> {
  const dir = args.dir!;
  const catalogUsers = catalogFor(
    JSON.parse(process.env.BENCH_AUTHORS ?? '[]'),
  );
  const since: TruckFactorState | undefined = args.stateFile
    ? JSON.parse(readFileSync(args.stateFile, 'utf8'))
    : undefined;
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  gc();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 2);
  const result = ok(await analyzeRepository({ dir, catalogUsers, since }));
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  gc();
  const after = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({
      rssBefore: before.rss,
      maxRss: process.resourceUsage().maxRSS * 1024,
      heapBefore: before.heapUsed,
      peakHeap,
      retainedHeap: after.heapUsed - before.heapUsed,
      stateBytes: Buffer.byteLength(JSON.stringify(result.state)),
      commitsRead: result.run.commitsRead,
    })}\n`,
  );
}

interface ProbeResult {
  rssBefore: number;
  maxRss: number;
  heapBefore: number;
  peakHeap: number;
  retainedHeap: number;
  stateBytes: number;
  commitsRead: number;
}

function runProbe(
  mode: 'full' | 'incremental',
  dir: string,
  authors: unknown,
  stateFile?: string,
): Promise<ProbeResult> {
  const script = fileURLToPath(import.meta.url);
  const argv = [
    '--experimental-strip-types',
    '--no-warnings',
    '--expose-gc',
    '--import',
    fileURLToPath(new URL('./ts-resolve.mjs', import.meta.url)),
    script,
    '--probe',
    mode,
    '--dir',
    dir,
    ...(stateFile ? ['--state', stateFile] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, BENCH_AUTHORS: JSON.stringify(authors) },
    });
    let out = '';
    child.stdout.on('data', chunk => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', code =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!))
        : reject(new Error(`memory probe exited with ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.probe) {
    await probe(args);
    return;
  }

  const repo = await generateRepository(args, { useCache: args.useCache });
  const catalogUsers = catalogFor(repo.authors);
  const setHead = (sha: string) =>
    git(repo.dir, 'update-ref', 'refs/heads/bench', sha);
  const fileCount = git(
    repo.dir,
    'ls-tree',
    '-r',
    '--name-only',
    repo.baseSha,
  ).split('\n').length;

  console.log(`# Truck-factor engine benchmark\n`);
  console.log(
    `- repository: ${args.commits} commits + ${args.newCommits} new, ${fileCount} files at base, ` +
      `${args.authors} authors (seed ${args.seed}), ${
        repo.cached ? 'from cache' : 'generated'
      } in ` +
      `${ms(repo.generationMs)}: ${repo.dir}`,
  );
  console.log(
    `- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${
      process.version
    }, ` + `${git(repo.dir, 'version')}`,
  );
  console.log(`- runs: ${args.runs} (median shown; min–max in brackets)\n`);

  const full: number[] = [];
  const incremental: number[] = [];
  const floorFull: number[] = [];
  const floorIncremental: number[] = [];
  let summary: TruckFactorResult | undefined;
  let incrementalCommits = 0;
  let logBytes = 0;

  // one warm-up round (JIT, page cache), not counted
  for (let run = -1; run < args.runs; run++) {
    setHead(repo.baseSha);
    let t = performance.now();
    const base = ok(await analyzeRepository({ dir: repo.dir, catalogUsers }));
    const fullMs = performance.now() - t;
    // what the scheduler would store and load back
    const since = JSON.parse(JSON.stringify(base.state)) as TruckFactorState;

    setHead(repo.nextSha);
    t = performance.now();
    const next = ok(
      await analyzeRepository({ dir: repo.dir, catalogUsers, since }),
    );
    const incrementalMs = performance.now() - t;
    if (next.run.mode !== 'incremental')
      throw new Error('expected an incremental run');
    setHead(repo.baseSha);

    const floor = await gitLogFloor(repo.dir, repo.baseSha);
    const floorInc = await gitLogFloor(
      repo.dir,
      `${repo.baseSha}..${repo.nextSha}`,
    );
    if (run >= 0) {
      full.push(fullMs);
      incremental.push(incrementalMs);
      floorFull.push(floor.ms);
      floorIncremental.push(floorInc.ms);
    }
    summary = base;
    incrementalCommits = next.run.commitsRead;
    logBytes = floor.bytes;
  }

  const row = (name: string, xs: number[], goal?: number) => {
    const m = median(xs);
    const spread = `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;
    const goalCell = goal === undefined ? '' : `≤ ${ms(goal)}`;
    let met = '';
    if (goal !== undefined) met = m <= goal ? 'yes' : '**NO**';
    return `| ${name} | ${ms(m)} | ${spread} | ${goalCell} | ${met} |`;
  };
  const ratio = (a: number[], b: number[]) =>
    (median(a) / median(b)).toFixed(2);

  console.log('| measurement | median | min–max | goal | met |');
  console.log('|---|---:|---:|---:|:---:|');
  console.log(row(`engine full (${args.commits} commits)`, full, GOALS.fullMs));
  console.log(
    row(
      `engine incremental (+${incrementalCommits} commits)`,
      incremental,
      GOALS.incrementalMs,
    ),
  );
  console.log(
    row(`floor: git log, full (${mb(logBytes)} of output)`, floorFull),
  );
  console.log(row(`floor: git log, incremental range`, floorIncremental));
  console.log(
    `| ratio engine / floor, full | ${ratio(full, floorFull)}× | | | |`,
  );
  console.log(
    `| ratio engine / floor, incremental | ${ratio(
      incremental,
      floorIncremental,
    )}× | | | |`,
  );

  // memory, each run in a fresh process so peaks are not mixed up
  setHead(repo.baseSha);
  const memFull = await runProbe('full', repo.dir, repo.authors);
  const scratch = mkdtempSync(join(tmpdir(), 'truck-factor-bench-state-'));
  const stateFile = join(scratch, 'state.json');
  writeFileSync(stateFile, JSON.stringify(summary!.state));
  setHead(repo.nextSha);
  const memIncremental = await runProbe(
    'incremental',
    repo.dir,
    repo.authors,
    stateFile,
  );
  setHead(repo.baseSha);
  rmSync(scratch, { recursive: true, force: true });

  console.log(
    '\n| memory (node process; git runs in its own) | full run | incremental run |',
  );
  console.log('|---|---:|---:|');
  const mem = (name: string, f: (p: ProbeResult) => number) =>
    console.log(`| ${name} | ${mb(f(memFull))} | ${mb(f(memIncremental))} |`);
  mem('peak RSS (getrusage maxrss)', p => p.maxRss);
  mem('RSS before the run (node + engine loaded)', p => p.rssBefore);
  mem('peak heap used (sampled every 2 ms)', p => p.peakHeap);
  mem('heap retained after GC (result + state)', p => p.retainedHeap);
  mem('persisted state (JSON)', p => p.stateBytes);

  const s = summary!;
  console.log(
    `\nResult at base: truck factor ${
      s.truckFactor
    } (${s.truckFactorAuthors.join(', ')}), ` +
      `active ${s.activeTruckFactor}, ${s.fileCount} files considered, ` +
      `${s.excludedFileCount} excluded, ${s.filesWithoutAuthor} without author, ` +
      `${s.departedAuthors.length} departed authors, ${s.lostFiles.length} lost files.`,
  );
  const fullMet = median(full) <= GOALS.fullMs;
  const incMet = median(incremental) <= GOALS.incrementalMs;
  console.log(
    `\nGoals: full ≤ ${ms(GOALS.fullMs)}: ${fullMet ? 'met' : 'NOT met'}; ` +
      `incremental ≤ ${ms(GOALS.incrementalMs)}: ${
        incMet ? 'met' : 'NOT met'
      }.`,
  );
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
