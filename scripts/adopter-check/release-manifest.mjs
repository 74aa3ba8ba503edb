// A Backstage release manifest of the @backstage packages this repo is built and tested with
// (the newest version of each in yarn.lock), for `backstage-cli versions:bump`, which reads
// one from BACKSTAGE_MANIFEST_FILE instead of versions.backstage.io.
//   node scripts/adopter-check/release-manifest.mjs <out.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './packages.mjs';

const lock = readFileSync(join(repoRoot, 'yarn.lock'), 'utf8');
const newest = new Map();
const entry = /^"?(@backstage\/[^@"]+)@npm:[^\n]*\n {2}version: ([^\n]+)$/gm;
const parse = v => v.split(/[.-]/).map(n => (/^\d+$/.test(n) ? Number(n) : n));
const newer = (a, b) => {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
  return false;
};
for (const [, name, version] of lock.matchAll(entry)) {
  if (!newest.has(name) || newer(version, newest.get(name)))
    newest.set(name, version);
}
const releaseVersion = JSON.parse(
  readFileSync(join(repoRoot, 'backstage.json'), 'utf8'),
).version;
const packages = [...newest]
  .sort()
  .map(([name, version]) => ({ name, version }));
writeFileSync(
  process.argv[2],
  `${JSON.stringify({ releaseVersion, packages }, null, 2)}\n`,
);
console.log(
  `${packages.length} @backstage packages, e.g. ${packages
    .slice(0, 3)
    .map(p => `${p.name}@${p.version}`)
    .join(', ')}`,
);
