// Prints jest's totals as one plain line ("N passed, N failed") and fails when no test ran.
const results = require(require('node:path').resolve(process.argv[2]));
const {
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: skipped,
} = results;
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0 || failed > 0 || !results.success) {
  process.exit(1);
}
