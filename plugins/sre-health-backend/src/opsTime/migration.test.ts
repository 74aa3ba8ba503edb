import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@sre-health/backstage-plugin-sre-health-backend',
  'migrations',
);

describe('ops time migration: the rules the database keeps', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('on %p', async databaseId => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const now = new Date();
    const fire = (id: string, minutes: number | null) =>
      knex('fires').insert({
        id,
        entity_ref: 'component:default/a',
        title: 't',
        occurred_at: now,
        kind: 'toil',
        rationale: '',
        author: 'user:default/x',
        time_spent_minutes: minutes,
        version: 1,
        created_at: now,
        updated_at: now,
      });
    await fire('f1', 30);
    await fire('f2', null);
    const cause = (id: string, causeClass: string) =>
      knex('interrupt_causes').insert({
        id,
        team_ref: 'group:default/t',
        cause_key: 'alert:x',
        cause_class: causeClass,
        author: 'user:default/x',
        version: 1,
        created_at: now,
        updated_at: now,
      });
    // A refused write is matched by its message, not with toThrow: better-sqlite3's native
    // addon keeps the error class of the first test file that loaded it in a Jest worker,
    // so in a full run its errors fail `instanceof Error` here and toThrow sees nothing.
    const refused = async (
      constraint: RegExp,
      insert: () => PromiseLike<unknown>,
    ) =>
      expect(insert()).rejects.toMatchObject({
        message: expect.stringMatching(constraint),
      });
    await refused(/interrupt_causes_class/, () => cause('c0', 'bad'));
    await cause('c1', 'toil');
    // once per team and cause
    await refused(/UNIQUE constraint failed|interrupt_causes_once/, () =>
      cause('c2', 'overhead'),
    );
    await refused(/oncall_interrupts_figures/, () =>
      knex('oncall_interrupts').insert({
        team_ref: 'group:default/t',
        starts_at: now,
        week_start: '2026-11-30',
        count: -1,
        minutes: 0,
        source: 's',
        pushed_at: now,
      }),
    );
    await refused(/ops_time_weeks_source/, () =>
      knex('ops_time_weeks').insert({
        team_ref: 'group:default/t',
        week_start: '2026-11-30',
        source: 'guessed',
        ops_hours: 1,
        base_hours: 2,
        computed_at: now,
      }),
    );
    await refused(/fires_time_spent_range/, () => fire('f3', -1));
    await knex.destroy();
  });
});
