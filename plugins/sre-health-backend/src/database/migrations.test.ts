import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@sre-health/backstage-plugin-sre-health-backend',
  'migrations',
);

const TABLES = [
  'notification_episodes',
  'interrupt_causes',
  'ops_time_weeks',
  'oncall_interrupts',
  'slo_policy_episodes',
  'service_decisions',
  'engagement_seats',
  'stressor_flags',
  'engagement_reports',
  'engagement_transitions',
  'engagement_questions',
  'engagement_kindling',
  'engagement_decisions',
  'engagement_checklist',
  'engagement_profiles',
  'engagements',
  'postmortems',
  'fires',
  'ops_load_samples',
  'expertise',
  'slo_definitions',
  'slo_events',
  'slo_events_hourly',
  'slo_last_status',
  'truck_factor_analyses',
  'oncall_shifts',
  'scorecard_entities',
  'scorecard_groups',
  'group_ancestors',
  'scorecard_snapshot_days',
  'scorecard_snapshots',
  'audit_log',
  'entity_revisions',
  'plugin_meta',
];

describe('migrations', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'migrate up and down on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await knex.migrate.latest({ directory: migrationsDir });
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }

      // And up again: down must leave nothing behind that blocks a re-run.
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('engagements')).toBe(true);
      await knex.destroy();
    },
  );
});
