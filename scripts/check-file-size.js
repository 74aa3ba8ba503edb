#!/usr/bin/env node
// Fails when a production source file in the backend or common plugin is over the line limit
// (issue #14: small modules named for what they do). Tests and test helpers are exempt.
// Usage: node scripts/check-file-size.js [--max N] [dir ...]   (dirs relative to the repo root)
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');
const DEFAULT_DIRS = [
  'plugins/sre-health-backend/src',
  'plugins/sre-health-common/src',
];
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;
const TEST_FILE = /\.test\.[^.]+$/;
const TEST_DIRS = new Set(['__testUtils__', '__fixtures__', 'testing']);

function parseArgs(argv) {
  let max = 500;
  const dirs = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--max') max = Number(argv[++i]);
    else dirs.push(argv[i]);
  }
  if (!Number.isInteger(max) || max <= 0)
    throw new Error('--max needs a positive integer');
  return { max, dirs: dirs.length ? dirs : DEFAULT_DIRS };
}

function* productionFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!TEST_DIRS.has(entry.name)) yield* productionFiles(full);
    } else if (SOURCE.test(entry.name) && !TEST_FILE.test(entry.name)) {
      yield full;
    }
  }
}

// Counted like `wc -l`, so the number matches what people see.
function lineCount(file) {
  const text = fs.readFileSync(file, 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function main() {
  const { max, dirs } = parseArgs(process.argv.slice(2));
  const offenders = [];
  let checked = 0;
  for (const dir of dirs) {
    for (const file of productionFiles(path.resolve(repoRoot, dir))) {
      checked++;
      const lines = lineCount(file);
      if (lines > max)
        offenders.push({ file: path.relative(repoRoot, file), lines });
    }
  }
  if (offenders.length === 0) {
    console.log(
      `file-size: ${checked} production files, none over ${max} lines.`,
    );
    return;
  }
  offenders.sort((a, b) => b.lines - a.lines);
  console.error(
    `file-size: ${offenders.length} production file(s) over ${max} lines ` +
      '(split them into modules named for what they do; tests, __testUtils__, __fixtures__ and testing/ are exempt):',
  );
  for (const { file, lines } of offenders)
    console.error(`  ${String(lines).padStart(5)}  ${file}`);
  process.exitCode = 1;
}

main();
