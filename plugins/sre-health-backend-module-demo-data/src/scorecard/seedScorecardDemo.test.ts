import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { demoStore } from '../__testUtils__/demoStore';
import { seedScorecardDemo } from './seedScorecardDemo';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-20T12:00:00.000Z');
const grp = (name: string) => `group:default/${name}`;

describe('seedScorecardDemo', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'seeds 90 days of demo history once on %p',
    async id => {
      const { knex, store } = await demoStore(databases, id);
      // days already taken for real: one 30 days ago, and today's
      for (const [day, openFlags] of [
        ['2026-10-21', 3],
        ['2026-11-20', 7],
      ] as const) {
        await knex('scorecard_snapshot_days').insert({
          day,
          taken_at: NOW,
          services: 6,
          open_flags: openFlags,
        });
        await knex('scorecard_snapshots').insert({
          day,
          group_ref: grp('engineering'),
          stressor_key: 'knowledge-gap',
          open_flags: openFlags,
        });
      }

      await seedScorecardDemo(store, mockServices.logger.mock(), NOW);
      await seedScorecardDemo(store, mockServices.logger.mock(), NOW);
      const [{ n }] = await knex('scorecard_snapshot_days').count({ n: '*' });
      // 90 demo days (one of them the 2026-10-21 above, kept), plus today
      expect(Number(n)).toBe(91);
      const engineering = await knex('scorecard_snapshots')
        .where({ day: '2026-11-19', group_ref: grp('engineering') })
        .sum({ n: 'open_flags' });
      expect(Number(engineering[0].n)).toBe(8);
      const kept = await knex('scorecard_snapshots')
        .where({ day: '2026-10-21', group_ref: grp('engineering') })
        .sum({ n: 'open_flags' });
      expect(Number(kept[0].n)).toBe(3);
      await knex.destroy();
    },
  );
});
