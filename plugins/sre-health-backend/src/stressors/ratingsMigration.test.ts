import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@sre-health/backstage-plugin-sre-health-backend',
  'migrations',
);
const RATINGS = '20261207000200_flag_ratings.js';
const DETECTOR = 'sre-health:detector';
const AT = new Date('2026-11-20T12:00:00.000Z');

/** Runs the migrations one by one up to (not including) `file`. */
async function migrateUpTo(knex: Knex, file: string) {
  for (;;) {
    const [, pending] = await knex.migrate.list({ directory });
    const next = pending[0]?.file;
    if (!next || next === file) return;
    await knex.migrate.up({ directory });
  }
}

const flag = (id: string, values: Record<string, unknown>) => ({
  id,
  entity_ref: 'component:default/payments-api',
  stressor_key: id,
  evidence: '',
  status: 'open',
  version: 1,
  created_at: AT,
  updated_at: AT,
  ...values,
});

describe('migration 20261207000200_flag_ratings', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'turns levels into proposals and ratings, and back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, RATINGS);

      await knex('stressor_flags').insert([
        // an SRE's flag: their level is their rating
        flag('custom:sre-flag', {
          stress_level: 3,
          source: 'sre',
          author: 'user:default/alice',
        }),
        // a detection an SRE overrode: the override was bob's rating
        flag('custom:overridden', {
          stress_level: 2,
          level_override: 5,
          source: 'both',
          author: DETECTOR,
          confirmed_by: 'user:default/alice',
        }),
        // a detection nobody touched: a proposal
        flag('custom:detected', {
          stress_level: 4,
          source: 'detected',
          author: DETECTOR,
        }),
      ]);
      await knex('audit_log').insert({
        entity_ref: 'component:default/payments-api',
        actor: 'user:default/bob',
        action: 'update',
        resource_type: 'stressor-flag',
        resource_id: 'custom:overridden',
        before: JSON.stringify({ levelOverride: null }),
        after: JSON.stringify({ levelOverride: 5 }),
        at: AT,
      });
      const days = { day: '2026-11-20', taken_at: AT, services: 1 };
      await knex('scorecard_snapshot_days').insert({
        ...days,
        open_flags: 2,
        total_stress: 9,
      });

      await knex.migrate.up({ directory });
      const rows = await knex('stressor_flags')
        .orderBy('id')
        .select('id', 'proposed_level', 'rated_level', 'rated_by');
      expect(
        rows.map(r => [
          r.id,
          Number(r.proposed_level),
          r.rated_level === null ? null : Number(r.rated_level),
          r.rated_by,
        ]),
      ).toEqual([
        ['custom:detected', 4, null, null],
        ['custom:overridden', 2, 5, 'user:default/bob'],
        ['custom:sre-flag', 3, 3, 'user:default/alice'],
      ]);
      // no summed stress is kept anywhere
      for (const table of ['scorecard_snapshot_days', 'scorecard_snapshots']) {
        expect(await knex.schema.hasColumn(table, 'total_stress')).toBe(false);
      }
      // the renamed columns keep their range checks (the driver's error may come from
      // another realm, so its message is compared rather than its class)
      const outOfRange = await knex('stressor_flags')
        .where('id', 'custom:detected')
        .update({ rated_level: 6 })
        .then(
          () => 'stored',
          (e: unknown) => String((e as Error)?.message ?? e),
        );
      expect(outOfRange).toMatch(/check|constraint/i);

      await knex.migrate.down({ directory });
      const back = await knex('stressor_flags')
        .orderBy('id')
        .select('id', 'stress_level', 'level_override');
      expect(
        back.map(r => [
          r.id,
          Number(r.stress_level),
          r.level_override === null ? null : Number(r.level_override),
        ]),
      ).toEqual([
        ['custom:detected', 4, null],
        ['custom:overridden', 2, 5],
        ['custom:sre-flag', 3, null],
      ]);
      expect(
        await knex.schema.hasColumn('scorecard_snapshot_days', 'total_stress'),
      ).toBe(true);
      await knex.destroy();
    },
  );
});
