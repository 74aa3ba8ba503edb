// Prints the browser journeys' totals as one plain line per Playwright pass and in all
// ("e2e: N passed, N failed, N flaky, N skipped"); fails when a pass did not run, a journey
// failed or none passed.
const fs = require('node:fs');
const path = require('node:path');

const total = { passed: 0, failed: 0, flaky: 0, skipped: 0 };
let ok = true;
for (const file of process.argv.slice(2)) {
  const name = path.basename(file, '.json').replace(/^results-/, '');
  if (!fs.existsSync(file)) {
    console.log(`e2e ${name}: did not run`);
    ok = false;
    continue;
  }
  const { stats, errors = [] } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const pass = {
    passed: stats.expected,
    failed: stats.unexpected,
    flaky: stats.flaky,
    skipped: stats.skipped,
  };
  for (const key of Object.keys(total)) total[key] += pass[key];
  if (errors.length) ok = false;
  console.log(
    `e2e ${name}: ${pass.passed} passed, ${pass.failed} failed, ${
      pass.flaky
    } flaky, ${pass.skipped} skipped in ${Math.round(stats.duration / 1000)}s`,
  );
}
console.log(
  `e2e: ${total.passed} passed, ${total.failed} failed, ${total.flaky} flaky, ${total.skipped} skipped`,
);
if (
  !ok ||
  total.failed > 0 ||
  total.skipped > 0 ||
  total.passed + total.flaky === 0
) {
  process.exit(1);
}
