// better-sqlite3 for the new app without compiling it again: the install skipped native
// builds, and the repo's copy (same version, same Node) was compiled by the repo's install.
// A different version is compiled in the app (`yarn rebuild`), as an adopter's install would.
//   node scripts/adopter-check/native-sqlite.mjs <app> <repo>
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [appDir, repoDir] = process.argv.slice(2);
const binary = 'build/Release/better_sqlite3.node';
const app = join(appDir, 'node_modules/better-sqlite3');
const repo = join(repoDir, 'node_modules/better-sqlite3');
const version = dir =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

if (!existsSync(app)) {
  console.error('[adopter] the new app has no better-sqlite3');
  process.exit(1);
}
if (existsSync(join(repo, binary)) && version(repo) === version(app)) {
  mkdirSync(join(app, 'build/Release'), { recursive: true });
  copyFileSync(join(repo, binary), join(app, binary));
  console.log(`better-sqlite3 ${version(app)}: the repo's build`);
} else {
  console.log(
    `better-sqlite3 ${version(app)}: compiling (the repo has ${
      existsSync(repo) ? version(repo) : 'none'
    })`,
  );
  execFileSync('yarn', ['rebuild', 'better-sqlite3'], {
    cwd: appDir,
    stdio: 'inherit',
  });
}
