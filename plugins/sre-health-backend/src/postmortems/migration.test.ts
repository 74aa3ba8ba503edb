import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@sre-health/backstage-plugin-sre-health-backend',
  'migrations',
);
const MIGRATION = '20261207000100_postmortem_fields.js';

/** The plugin's migrations up to and including `last`, so a test can stop before one. */
function migrationsUpTo(last: string): Knex.MigratorConfig {
  const names = fs
    .readdirSync(directory)
    .filter(f => f.endsWith('.js') && f <= last)
    .sort();
  return {
    migrationSource: {
      getMigrations: async () => names,
      getMigrationName: (name: string) => name,
      getMigration: async (name: string) => require(path.join(directory, name)),
    },
  };
}

describe('20261207000100_postmortem_fields.js', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'gives existing postmortems no contributing factors, links ticks, and goes down again on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const before = fs
        .readdirSync(directory)
        .filter(f => f.endsWith('.js') && f < MIGRATION)
        .sort()
        .pop()!;
      await knex.migrate.latest(migrationsUpTo(before));
      const now = new Date('2026-12-01T10:00:00Z');
      await knex('postmortems').insert({
        id: '11111111-1111-4111-8111-111111111111',
        entity_ref: 'component:default/payments-api',
        title: 'Checkout down',
        occurred_at: now,
        impact: '',
        action_items: JSON.stringify([{ text: 'Revert it' }]),
        author: 'user:default/carol',
        version: 1,
        created_at: now,
        updated_at: now,
      });

      await knex.migrate.latest(migrationsUpTo(MIGRATION));
      const [row] = await knex('postmortems').select('contributing_factors');
      expect(JSON.parse(row.contributing_factors)).toEqual([]);
      for (const column of [
        'postmortem_id',
        'postmortem_title',
        'postmortem_entity_ref',
      ]) {
        expect(
          await knex.schema.hasColumn('engagement_checklist', column),
        ).toBe(true);
      }

      await knex.migrate.down(migrationsUpTo(MIGRATION));
      expect(
        await knex.schema.hasColumn('postmortems', 'contributing_factors'),
      ).toBe(false);
      expect(
        await knex.schema.hasColumn('engagement_checklist', 'postmortem_id'),
      ).toBe(false);
      // the postmortem itself survives the way down
      const [{ n }] = await knex('postmortems').count({ n: '*' });
      expect(Number(n)).toBe(1);
      await knex.destroy();
    },
  );
});
