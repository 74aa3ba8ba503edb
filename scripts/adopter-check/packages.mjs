// The publishable plugin packages, read from plugins/*/package.json (every one not marked
// private), so the check follows renames and new packages without edits.
//   node scripts/adopter-check/packages.mjs dirs   -> one package folder per line
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
);

/** { dir, name, version, role, pluginId } of every publishable package under plugins/. */
export function publishablePackages() {
  const pluginsDir = join(repoRoot, 'plugins');
  return readdirSync(pluginsDir)
    .map(entry => join('plugins', entry))
    .filter(dir => existsSync(join(repoRoot, dir, 'package.json')))
    .map(dir => {
      const pkg = JSON.parse(
        readFileSync(join(repoRoot, dir, 'package.json'), 'utf8'),
      );
      return { dir, pkg };
    })
    .filter(({ pkg }) => !pkg.private)
    .map(({ dir, pkg }) => ({
      dir,
      name: pkg.name,
      version: pkg.version,
      role: pkg.backstage?.role,
      pluginId: pkg.backstage?.pluginId,
    }));
}

/** The one package of a role for the plugin `sre-health`; throws if there is not exactly one. */
export function pluginPackage(role) {
  const found = publishablePackages().filter(
    p => p.role === role && p.pluginId === 'sre-health',
  );
  if (found.length !== 1) {
    throw new Error(
      `expected one publishable sre-health ${role} package, found ${found.length}`,
    );
  }
  return found[0];
}

if (
  process.argv[1] === fileURLToPath(import.meta.url) &&
  process.argv[2] === 'dirs'
) {
  for (const p of publishablePackages()) console.log(p.dir);
}
