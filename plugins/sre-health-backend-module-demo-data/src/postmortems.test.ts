import {
  classifyPostmortem,
  describePostmortemPattern,
  postmortemPattern,
} from '@sre-health/backstage-plugin-sre-health-common';
import { createTestDatabases } from './__testUtils__/databases';
import { demoStore } from './__testUtils__/demoStore';
import { seedEngagementDemo } from './engagement/seedEngagementDemo';
import { LED_POSTMORTEM_TITLE } from './postmortems';
import { seedDemoData } from './seedDemoData';

jest.setTimeout(120_000);

describe('the demo postmortems (#16)', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'show revert + restart as not aimed at the cause, and the postmortem Alice led, on %p',
    async id => {
      const { knex, store, now } = await demoStore(databases, id, [
        seedDemoData,
        seedEngagementDemo,
      ]);

      const postmortems = await store.postmortems.list(
        'component:default/payments-api',
      );
      const checkout = postmortems.find(
        p => p.title === 'Checkout payments failing for 38 minutes',
      )!;
      const classified = classifyPostmortem(checkout.actionItems, { now });
      // a revert and a restart: "every item is a rollback" let it through
      expect(classified.classes.map(c => c.class)).toEqual([
        'rollback',
        'mitigation',
      ]);
      expect(classified.noItemAimedAtCause).toBe(true);
      expect(checkout.contributingFactors).toHaveLength(2);
      expect(checkout.author).toBe('user:default/carol');

      const led = postmortems.find(p => p.title === LED_POSTMORTEM_TITLE)!;
      expect(
        classifyPostmortem(led.actionItems, { now }).noItemAimedAtCause,
      ).toBe(false);
      expect(led.actionItems.every(i => i.owner)).toBe(true);

      // The flag speaks of the pattern, which the demo shows: 2 of the 3 recent.
      const pattern = postmortemPattern(postmortems, now);
      expect(pattern).toEqual({
        recent: 3,
        withoutCauseItem: 2,
        overdueCauseItems: 0,
      });
      expect(describePostmortemPattern(pattern)).toMatch(
        /^2 of the 3 recent postmortems have no action item aimed at the cause/,
      );
      const [flag] = (
        await store.flags.list('component:default/payments-api')
      ).filter(f => f.stressorKey === 'rollback-only-postmortems');
      expect(flag.evidence).toContain('no action item aimed at the cause');
      expect(flag.evidence).not.toContain('Checkout payments failing');

      // "Led the next postmortem" links to it, in both engagements.
      const ticks = await knex('engagement_checklist')
        .where({ item_key: 'postmortem-led' })
        .select('team_ref', 'postmortem_id', 'postmortem_title');
      expect(
        Object.fromEntries(
          ticks.map(t => [t.team_ref, [t.postmortem_id, t.postmortem_title]]),
        ),
      ).toEqual({
        'group:default/payments-team': [led.id, LED_POSTMORTEM_TITLE],
        'group:default/search-team': [
          expect.any(String),
          'Search served stale results for 3 hours after an index swap',
        ],
      });
      await knex.destroy();
    },
  );
});
