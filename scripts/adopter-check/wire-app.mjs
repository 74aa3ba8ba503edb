// Steps 1-6 of the README's "Adding SRE Health to your Backstage app", applied to a freshly
// scaffolded app. The code that goes into the app is taken out of the README itself (the
// policy module and the config block, by their fence titles), and each line the README tells
// an adopter to type must be in the README verbatim, so the two cannot drift apart.
//   node scripts/adopter-check/wire-app.mjs <app> <tarballs> <sqlite dir> <app port> <backend port>
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pluginPackage, publishablePackages, repoRoot } from './packages.mjs';

const [appDir, tarballs, sqliteDir, appPort, backendPort] =
  process.argv.slice(2);
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const backend = pluginPackage('backend-plugin');
const frontend = pluginPackage('frontend-plugin');

function fail(message) {
  console.error(`[adopter] ${message}`);
  process.exit(1);
}

/** The README's fenced block whose info string carries title="<title>". */
function readmeBlock(title) {
  const fence = new RegExp(
    '^```\\w+ title="' +
      title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') +
      '"\\n([\\s\\S]*?)^```$',
    'm',
  );
  const match = readme.match(fence);
  if (!match) fail(`the README has no code block titled "${title}"`);
  return match[1];
}

function inReadme(line) {
  if (!readme.includes(line)) fail(`the README does not say: ${line}`);
  return line;
}

function editJson(file, edit) {
  const path = join(appDir, file);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
}

function editText(file, edit) {
  const path = join(appDir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) fail(`nothing changed in ${file}`);
  writeFileSync(path, after);
}

// 1. Install: `yarn --cwd packages/<x> add <name>`; the registry is stood in for by
// resolutions to the packed tarballs, which also cover -common and -node underneath.
inReadme(`yarn --cwd packages/backend add ${backend.name}`);
inReadme(`yarn --cwd packages/app add ${frontend.name}`);
editJson('package.json', pkg => {
  pkg.resolutions = pkg.resolutions ?? {};
  for (const p of publishablePackages()) {
    pkg.resolutions[p.name] = `file:${join(
      tarballs,
      `${p.dir.split('/').pop()}.tgz`,
    )}`;
  }
});
editJson('packages/backend/package.json', pkg => {
  pkg.dependencies[backend.name] = `^${backend.version}`;
});
editJson('packages/app/package.json', pkg => {
  pkg.dependencies[frontend.name] = `^${frontend.version}`;
});
console.log(
  `installed ${backend.name} in packages/backend, ${frontend.name} in packages/app`,
);

// 2 + 3. The backend plugin and the permission policy module, in packages/backend/src/index.ts.
const addPlugin = inReadme(`backend.add(import('${backend.name}'));`);
const addPolicy = inReadme(`backend.add(import('./permissionPolicy'));`);
inReadme(
  `// backend.add(import('@backstage/plugin-permission-backend-module-allow-all-policy'));`,
);
writeFileSync(
  join(appDir, 'packages/backend/src/permissionPolicy.ts'),
  readmeBlock('packages/backend/src/permissionPolicy.ts'),
);
editText('packages/backend/src/index.ts', source => {
  const allowAll =
    /backend\.add\(\s*import\('@backstage\/plugin-permission-backend-module-allow-all-policy'\),?\s*\);/;
  if (!allowAll.test(source))
    fail('the new backend does not add the allow-all policy');
  if (!source.includes('backend.start();'))
    fail('the new backend has no backend.start()');
  return source
    .replace(allowAll, addPolicy)
    .replace('backend.start();', `${addPlugin}\n\nbackend.start();`);
});
console.log(
  "backend: the plugin added, the allow-all policy replaced by the README's module",
);

// 4. Configuration: the README's block into app-config.yaml. The check's own ports and
// database (SQLite files it can read afterwards) go to app-config.local.yaml, which
// `yarn start` loads after app-config.yaml.
appendFileSync(
  join(appDir, 'app-config.yaml'),
  `\n${readmeBlock('app-config.yaml')}`,
);
writeFileSync(
  join(appDir, 'app-config.local.yaml'),
  `# scripts/adopter-check.sh: ports the portal's own journeys do not use, SQLite files to inspect
app:
  baseUrl: http://localhost:${appPort}
backend:
  baseUrl: http://localhost:${backendPort}
  listen:
    port: ${backendPort}
  cors:
    origin: http://localhost:${appPort}
  database:
    client: better-sqlite3
    connection:
      directory: ${sqliteDir}
`,
);
console.log("config: the README's sreHealth block in app-config.yaml");

// 5. The frontend: the new app discovers its packages (app.packages: all), nothing to add.
const appConfig = readFileSync(join(appDir, 'app-config.yaml'), 'utf8');
if (!/^ {2}packages: all$/m.test(appConfig)) {
  fail(
    'the new app does not discover its packages (app.packages: all): the README needs updating',
  );
}

// 6. One annotated service, beside the new app's own examples.
const component = readFileSync(
  join(repoRoot, 'scripts/adopter-check/checkout-service.yaml'),
  'utf8',
);
for (const line of component
  .split('\n')
  .filter(l => l.includes('sre-health.dev/'))) {
  inReadme(line.trim().split(':')[0]);
}
appendFileSync(join(appDir, 'examples/entities.yaml'), component);
console.log('catalog: component:default/checkout-service, annotated');
