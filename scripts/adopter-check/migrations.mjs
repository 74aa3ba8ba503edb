// The backend plugin's migrations ran in the new app: its own SQLite database lists, in
// knex_migrations, exactly the migration files its tarball ships, and has their tables.
//   node scripts/adopter-check/migrations.mjs <app> <sqlite dir> <tarballs>
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pluginPackage } from './packages.mjs';

const [appDir, sqliteDir, tarballs] = process.argv.slice(2);
const backend = pluginPackage('backend-plugin');
const file = join(sqliteDir, `${backend.pluginId}.sqlite`);
if (!existsSync(file)) {
  console.error(
    `[adopter] no database ${file}: the plugin never opened its database`,
  );
  process.exit(1);
}
const shipped = execFileSync(
  'tar',
  ['tzf', join(tarballs, `${backend.dir.split('/').pop()}.tgz`)],
  {
    encoding: 'utf8',
  },
)
  .split('\n')
  .filter(f => /^package\/migrations\/[^/]+\.js$/.test(f))
  .map(f => f.replace('package/migrations/', ''))
  .sort();

// The app's own better-sqlite3, as its backend uses it.
const Database = createRequire(join(appDir, 'packages/backend/package.json'))(
  'better-sqlite3',
);
const db = new Database(file, { readonly: true });
const ran = db
  .prepare('SELECT name FROM knex_migrations ORDER BY id')
  .all()
  .map(r => r.name);
const tables = db
  .prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'knex_%' AND name NOT LIKE 'sqlite_%'",
  )
  .all()
  .map(r => r.name);
db.close();

if (JSON.stringify(ran) !== JSON.stringify(shipped)) {
  console.error(
    `[adopter] migrations shipped: ${shipped.join(', ')}\n  ran: ${ran.join(
      ', ',
    )}`,
  );
  process.exit(1);
}
console.log(
  `${backend.pluginId}.sqlite: all ${ran.length} shipped migrations ran (${
    ran[0]
  } … ${ran[ran.length - 1]}); ${tables.length} tables`,
);
