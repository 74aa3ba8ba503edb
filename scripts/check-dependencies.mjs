#!/usr/bin/env node
// Import rules for the plugins (issue #14), in one pass over plugins/*/src:
//  - the rules in .dependency-cruiser.cjs (no import cycles; the backend's shared layers and store/
//    never import a feature), reported by dependency-cruiser;
//  - common-folder-cycle, which dependency-cruiser cannot express (its folder scope merges a folder
//    with its subfolders): in plugins/sre-health-common/src the root modules (types.ts, schemas.ts, ...)
//    and the area folders (slo/, knowledge/, ...) must not import each other in a loop.
// Exits non-zero on any error. Usage: node scripts/check-dependencies.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, format } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
process.chdir(repoRoot);

const COMMON = 'plugins/sre-health-common/src/';
const TEST = /\.test\.tsx?$|\/(__testUtils__|__fixtures__|testing)\//;

// The folder of a common module: '.' for the root modules, else its top-level area folder.
// The barrel index.ts is left out: it imports every area by design (a loop through it is a
// module cycle, which no-import-cycle reports).
function commonFolder(file) {
  if (!file.startsWith(COMMON) || TEST.test(file)) return undefined;
  const rest = file.slice(COMMON.length);
  if (rest === 'index.ts') return undefined;
  return rest.includes('/') ? rest.split('/')[0] : '.';
}

function commonFolderCycles(modules) {
  const edges = new Map(); // 'a>b' -> ['file -> file', ...]
  for (const m of modules) {
    const from = commonFolder(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = commonFolder(d.resolved);
      if (!to || to === from) continue;
      const key = `${from}>${to}`;
      if (!edges.has(key)) edges.set(key, []);
      edges.get(key).push(`${m.source} → ${d.resolved}`);
    }
  }
  const next = new Map();
  for (const key of edges.keys()) {
    const [a, b] = key.split('>');
    next.set(a, [...(next.get(a) ?? []), b]);
  }
  const reaches = (start, goal) => {
    const seen = new Set();
    const stack = [start];
    while (stack.length) {
      const f = stack.pop();
      if (f === goal) return true;
      if (seen.has(f)) continue;
      seen.add(f);
      stack.push(...(next.get(f) ?? []));
    }
    return false;
  };
  // Every folder-to-folder edge that lies on a loop, with the imports that make it.
  return [...edges]
    .filter(([key]) => {
      const [a, b] = key.split('>');
      return reaches(b, a);
    })
    .map(([key, imports]) => ({ key, imports }));
}

const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const tsConfig = extractTSConfig(options.tsConfig.fileName);
const roots = fs
  .readdirSync('plugins')
  .map(p => `plugins/${p}/src`)
  .filter(p => fs.existsSync(p));

const { output: result } = await cruise(roots, options, {}, { tsConfig });
const report = await format(result, { outputType: 'err' });
let failed = report.exitCode !== 0;
process.stdout.write(report.output);
// Each violated rule's reason once, rather than under every violation (as 'err-long' does).
const violated = new Set(result.summary.violations.map(v => v.rule.name));
for (const rule of options.ruleSet.forbidden ?? []) {
  if (violated.has(rule.name)) console.log(`  ${rule.name}: ${rule.comment}`);
}

const cycles = commonFolderCycles(result.modules);
if (cycles.length > 0) {
  failed = true;
  console.log(
    `\n  error common-folder-cycle: in ${COMMON} these folders import each other in a loop ` +
      "('.' = the root modules; index.ts and tests left out). Move what both need into the lower one:",
  );
  for (const { key, imports } of cycles) {
    const [a, b] = key.split('>');
    console.log(`    ${a} → ${b}:`);
    for (const line of imports) console.log(`      ${line}`);
  }
} else {
  console.log(
    `  common-folder-cycle: no loop between the folders of ${COMMON}`,
  );
}
process.exitCode = failed ? 1 : 0;
