import type { PostmortemActionItem } from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthStore } from '@sre-health/backstage-plugin-sre-health-backend/seeding';
import { backdate } from './backdate';
import { CAROL, DAN, DAY, at, component, daysAgo } from './story';

/*
 * Payments' postmortems (issue #16). The two written before Alice embedded undo or soften
 * the change and go nowhere near the cause: a revert and a restart, a rollback and more
 * servers. The rollback-only stressor speaks of that pattern, and each of the two carries a
 * suggestion that only its author (Carol) and the SREs see. The one Alice led in her second
 * week is the engagement's "led the next postmortem": it finds out why, and prevents.
 */

/** The title of the postmortem Alice led; the engagement's checklist links to it. */
export const LED_POSTMORTEM_TITLE =
  'Card authorisations time out after every deploy';

/** A date `days` after `now` (negative: before), as YYYY-MM-DD. */
const dueIn = (now: Date, days: number) =>
  new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);

/** `start`: the Monday Alice embedded with Payments (YYYY-MM-DD). */
export async function seedPostmortems(
  store: SreHealthStore,
  now: Date,
  start: string,
) {
  const write = async (
    title: string,
    occurredAt: Date,
    writtenAt: Date,
    author: string,
    rest: {
      impact: string;
      contributingFactors: string[];
      actionItems: PostmortemActionItem[];
    },
  ) => {
    const postmortem = await store.postmortems.create(
      {
        entityRef: component('payments-api'),
        title,
        occurredAt: occurredAt.toISOString(),
        ...rest,
      },
      author,
    );
    await backdate(store.db, 'postmortems', postmortem.id, writtenAt);
  };

  await write(
    'Refunds stuck after the ledger schema change',
    new Date(daysAgo(now, 120)),
    new Date(daysAgo(now, 118)),
    CAROL,
    {
      impact: '1,140 refunds waited up to 9 hours; 87 support tickets.',
      contributingFactors: [
        'The migration locked the refunds table for the whole batch',
      ],
      actionItems: [
        {
          text: 'Roll back the ledger schema migration',
          owner: CAROL,
          state: 'done',
        },
        {
          text: 'Add 4 more servers to the refund workers',
          owner: DAN,
          state: 'done',
        },
      ],
    },
  );
  // Revert + restart: every item undoes or softens the change, none looks for why.
  await write(
    'Checkout payments failing for 38 minutes',
    new Date(daysAgo(now, 100)),
    new Date(daysAgo(now, 98)),
    CAROL,
    {
      impact:
        '4.1% of checkout payments failed for 38 minutes; 2,310 customers retried.',
      contributingFactors: [
        'The gateway client 3.3 lowered its read timeout to 2 s by default',
        'No test exercises a slow gateway',
      ],
      actionItems: [
        {
          text: 'Revert the payment gateway client upgrade to 3.2',
          owner: CAROL,
          state: 'done',
        },
        { text: 'Restart the payment pods', owner: DAN, state: 'done' },
      ],
    },
  );
  // Led by Alice in her second week, blameless: why did the deploy look healthy?
  await write(LED_POSTMORTEM_TITLE, at(start, 9, 14), at(start, 10, 16), DAN, {
    impact:
      'Card authorisations timed out for about ten minutes after each of the last 8 deploys; 0.6% of payments retried.',
    contributingFactors: [
      'Connection pools start cold on every new pod',
      'The readiness probe passes before the pools are warm',
    ],
    actionItems: [
      {
        text: 'Find out why authorisations time out for ten minutes after a deploy although the gateway is healthy',
        owner: DAN,
        state: 'done',
      },
      {
        text: 'Add a readiness check that waits for warm connection pools',
        owner: DAN,
        dueDate: dueIn(now, 10),
      },
      {
        text: 'Alert on card authorisation latency after each deploy',
        owner: CAROL,
        dueDate: dueIn(now, 5),
      },
    ],
  });
}
