// Lists each packed tarball and fails unless it is what the registry should get: dist with
// its type declarations for every entry point, the config schema, the migrations (backend),
// README and publish metadata, and nothing else (no sources, tests, fixtures or demo code).
//   node scripts/adopter-check/verify-tarballs.mjs <folder of <package-dir>.tgz>
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { publishablePackages, repoRoot } from './packages.mjs';

const FORBIDDEN =
  /(^|\/)(src|dev|__tests__|__testUtils__|__fixtures__|__mocks__)\/|\.test\.|\.stories\.|setupTests|demo/i;

const folder = process.argv[2];
const problems = [];

function list(tarball) {
  return execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(line => line && !line.endsWith('/'))
    .map(line => line.replace(/^package\//, ''));
}

function packedManifest(tarball) {
  return JSON.parse(
    execFileSync('tar', ['xzf', tarball, '-O', 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
}

/** The files an `exports` value (or main/types) points at, without the leading `./`. */
function targets(value) {
  if (typeof value === 'string') return [value.replace(/^\.\//, '')];
  if (value && typeof value === 'object') {
    // the `backstage` condition names a feature type, not a file
    return Object.entries(value)
      .filter(([condition]) => condition !== 'backstage')
      .flatMap(([, v]) => targets(v));
  }
  return [];
}

function summary(files) {
  const groups = new Map();
  for (const file of files) {
    const parts = file.split('/');
    const key =
      parts.length > 1 ? `${parts.slice(0, -1).slice(0, 2).join('/')}/` : file;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups]
    .map(([key, n]) => (n > 1 ? `${key} (${n})` : key))
    .join(', ');
}

for (const pkg of publishablePackages()) {
  const tarball = join(folder, `${pkg.dir.split('/').pop()}.tgz`);
  const fail = message => problems.push(`${pkg.name}: ${message}`);
  if (!existsSync(tarball)) {
    fail(`no tarball ${tarball}`);
    continue;
  }
  const files = list(tarball);
  const has = new Set(files);
  const manifest = packedManifest(tarball);
  const kib = Math.round(statSync(tarball).size / 1024);
  console.log(
    `${manifest.name}@${manifest.version}: ${files.length} files, ${kib} KiB`,
  );
  console.log(`  ${summary(files)}`);
  const extras = files.filter(f =>
    /^dist\/[^/]+\.d\.ts$|^config\.schema\.json$|^migrations\//.test(f),
  );
  console.log(`  types, config schema, migrations: ${extras.join(', ')}`);

  for (const file of files.filter(f => FORBIDDEN.test(f))) {
    fail(`ships ${file} (sources, tests, fixtures or demo code)`);
  }
  for (const required of ['package.json', 'README.md', 'dist/index.d.ts']) {
    if (!has.has(required)) fail(`has no ${required}`);
  }
  const entryFiles = [
    ...targets(manifest.main),
    ...targets(manifest.types),
    ...targets(manifest.module),
    ...targets(manifest.exports),
  ];
  for (const file of entryFiles) {
    if (!has.has(file)) fail(`points at ${file}, which is not in the tarball`);
  }
  for (const [entry, value] of Object.entries(manifest.exports ?? {})) {
    if (
      entry !== './package.json' &&
      !targets(value).some(f => f.endsWith('.d.ts'))
    ) {
      fail(`export ${entry} has no type declarations`);
    }
  }
  if (manifest.private) fail('is private');
  if (manifest.publishConfig?.access !== 'public')
    fail('publishConfig.access is not public');
  const deps = { ...manifest.dependencies, ...manifest.peerDependencies };
  for (const [name, range] of Object.entries(deps)) {
    if (/^(workspace|link|file|portal):/.test(range))
      fail(`depends on ${name}@${range}`);
  }
  if (!manifest.repository?.directory) fail('has no repository.directory');
  if (!manifest.keywords?.includes('backstage'))
    fail('has no keyword backstage');
  const bs = manifest.backstage ?? {};
  if (!bs.role || !bs.pluginId)
    fail('has no backstage.role / backstage.pluginId');
  if (
    bs.role?.endsWith('-module')
      ? !bs.pluginPackage
      : !bs.pluginPackages?.length
  ) {
    fail('has no backstage.pluginPackage(s)');
  }
  if (manifest.configSchema && !has.has(manifest.configSchema)) {
    fail(`has no config schema ${manifest.configSchema}`);
  }
  const migrationsDir = join(repoRoot, pkg.dir, 'migrations');
  if (existsSync(migrationsDir)) {
    const expected = readdirSync(migrationsDir).filter(f => f.endsWith('.js'));
    const packed = files.filter(f => f.startsWith('migrations/'));
    const missing = expected.filter(f => !has.has(`migrations/${f}`));
    if (missing.length) fail(`lacks migrations ${missing.join(', ')}`);
    if (packed.length !== expected.length) {
      fail(
        `ships ${packed.join(', ')} as migrations, expected ${expected.join(
          ', ',
        )}`,
      );
    }
  } else if (bs.role === 'backend-plugin') {
    fail('is a backend plugin without migrations/');
  }
}

if (problems.length) {
  console.error(
    `[adopter] the tarballs are not publishable:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log('all tarballs: dist and types for every entry point, nothing else');
