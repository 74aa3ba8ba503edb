import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { ScorecardSnapshots, utcDay } from '../scorecard/ScorecardSnapshots';
import { SreHealthStore } from '../store';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const FINTECH = 'group:default/fintech';
const PAYMENTS = 'group:default/payments-team';
const SEARCH = 'group:default/search-team';

/**
 * The scorecard's Trends on the snapshots of two days: rises an engagement found are
 * discoveries, not regressions.
 */
describe('Trends: stressors found during an engagement', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'lists what engagements found apart from what got worse, on %p',
    async databaseId => {
      const knex: Knex = await databases.init(databaseId);
      await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
      const today = new Date();
      const to = utcDay(today);
      const from = utcDay(new Date(today.getTime() - 30 * DAY));
      const daysAgo = (n: number) =>
        utcDay(new Date(today.getTime() - n * DAY));

      await knex('scorecard_groups').insert([
        {
          group_ref: FINTECH,
          name: 'fintech',
          title: 'Fintech',
          parent_ref: null,
        },
        {
          group_ref: PAYMENTS,
          name: 'payments-team',
          title: 'Payments',
          parent_ref: FINTECH,
        },
        {
          group_ref: SEARCH,
          name: 'search-team',
          title: 'Search',
          parent_ref: null,
        },
      ]);
      await knex('group_ancestors').insert([
        { ancestor_ref: FINTECH, descendant_ref: FINTECH, depth: 0 },
        { ancestor_ref: PAYMENTS, descendant_ref: PAYMENTS, depth: 0 },
        { ancestor_ref: FINTECH, descendant_ref: PAYMENTS, depth: 1 },
        { ancestor_ref: SEARCH, descendant_ref: SEARCH, depth: 0 },
      ]);
      for (const day of [from, to]) {
        await knex('scorecard_snapshot_days').insert({
          day,
          taken_at: new Date(),
          services: 3,
          open_flags: 0,
        });
      }
      const counts: Array<[string, string, string, number]> = [
        // Payments, with an SRE embedded: the stressors are being named.
        [from, PAYMENTS, 'knowledge-gap', 1],
        [to, PAYMENTS, 'knowledge-gap', 2],
        [to, PAYMENTS, 'devs-own-it', 1],
        // Fintech holds Payments, and a deferral of its own.
        [from, FINTECH, 'knowledge-gap', 1],
        [to, FINTECH, 'knowledge-gap', 2],
        [to, FINTECH, 'devs-own-it', 1],
        [to, FINTECH, 'next-big-thing', 1],
        // Search: no SRE since well before the window.
        [to, SEARCH, 'undiagnosed-alerts', 2],
        [from, '*', 'knowledge-gap', 1],
        [to, '*', 'knowledge-gap', 2],
        [to, '*', 'devs-own-it', 1],
        [to, '*', 'next-big-thing', 1],
        [to, '*', 'undiagnosed-alerts', 2],
      ];
      await knex('scorecard_snapshots').insert(
        counts.map(([day, group_ref, stressor_key, open_flags]) => ({
          day,
          group_ref,
          stressor_key,
          open_flags,
        })),
      );
      const engagement = (
        id: string,
        team_ref: string,
        start_date: string,
        end_date: string | null,
      ) => ({
        id,
        team_ref,
        sre_ref: `user:default/sre-${id}`,
        phase: end_date ? 'closed' : 'learn',
        start_date,
        end_date,
        goals: '',
        created_by: 'user:default/alice',
        version: 1,
        created_at: new Date(),
        updated_at: new Date(),
      });
      await knex('engagements').insert([
        engagement('e1', PAYMENTS, daysAgo(20), null),
        engagement('e2', SEARCH, daysAgo(90), daysAgo(40)),
      ]);

      const { changes } = await new ScorecardSnapshots(knex).trends(
        undefined,
        31,
        today,
      );
      expect(changes.teams.discovered).toEqual([
        {
          key: PAYMENTS,
          label: 'Payments',
          from: 1,
          to: 3,
          delta: 2,
          found: 2,
        },
      ]);
      expect(changes.teams.worsened).toEqual([
        { key: FINTECH, label: 'Fintech', from: 1, to: 4, delta: 3, found: 2 },
        { key: SEARCH, label: 'Search', from: 0, to: 2, delta: 2 },
      ]);
      expect(changes.stressors.discovered!.map(c => [c.key, c.found])).toEqual([
        ['devs-own-it', 1],
        ['knowledge-gap', 1],
      ]);
      expect(changes.stressors.worsened.map(c => c.key)).toEqual([
        'undiagnosed-alerts',
        'next-big-thing',
      ]);
      await knex.destroy();
    },
  );
});
