import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  AlertFiringStore,
  EngagementRecordStore,
  InterruptStore,
  type SreHealthStore,
} from '@sre-health/backstage-plugin-sre-health-backend/seeding';
import { LED_POSTMORTEM_TITLE } from './postmortems';
import { ALICE, CAROL, DAY, at, component, monday, team } from './story';

/*
 * Issue #18 part 1 in the demo: Payments' computed ops share differs from the one it types.
 * Carol and Dan (the Group's two members, 80 h a week) spend ~16 h a week on on-call
 * interrupts, the pages of payments-api and the ledger end within the hour, the fires carry
 * their time spent: computed ~35–40% against the typed 44–68% (a team of five's hours).
 * One cause, the manual refund replay, is sorted as toil and linked to a kindling item
 * cleared three weeks ago: its interrupts fell from 6 a week to 1.
 */

const MARKER = 'demo-ops-time-seeded';
const PAYMENTS = team('payments-team');
const REFUND_REPLAY = 'refund replay';

/** Minutes each demo fire took, by title. */
const FIRE_MINUTES: Record<string, number> = {
  'Card authorisations time out after a deploy': 180,
  'Manual refund replay after ledger lag': 240,
  'Fraud-rule change requested by the risk team': 300,
  'PaymentsLatencyHigh paged at 03:00': 60,
};

/** @internal */
export async function seedOpsTimeDemo(
  store: SreHealthStore,
  logger: LoggerService,
  now = new Date(),
): Promise<void> {
  if (!(await store.claimMeta(MARKER, now.toISOString()))) return;
  await timeTheFires(store);
  await resolveThePages(store, now);
  await pushInterrupts(store, now);
  await sortRefundReplay(store, now);
  logger.info('Seeded SRE Health demo ops time');
}

async function timeTheFires(store: SreHealthStore) {
  for (const fire of await store.fires.list(component('payments-api'))) {
    const minutes = FIRE_MINUTES[fire.title];
    const untimed =
      fire.timeSpentMinutes === null || fire.timeSpentMinutes === undefined;
    if (minutes !== undefined && untimed) {
      await store.fires.update(
        fire.id,
        fire.version,
        { timeSpentMinutes: minutes },
        ALICE,
      );
    }
  }
}

/** Each page of the story was resolved: latency pages in 35 minutes, ledger lag in 20. */
async function resolveThePages(store: SreHealthStore, now: Date) {
  const alerts = new AlertFiringStore(store.db);
  const refs = [component('payments-api'), component('ledger-service')];
  const pages = await alerts.pages(refs, new Date(now.getTime() - 120 * DAY));
  for (const ref of refs) {
    const ended = pages
      .filter(p => p.entityRef === ref && !p.endsAt)
      .map(p => {
        const startsAt = new Date(p.startsAt);
        const minutes = p.alertName === 'LedgerLagWarning' ? 20 : 35;
        return {
          alertName: p.alertName,
          startsAt,
          endsAt: new Date(startsAt.getTime() + minutes * 60_000),
        };
      })
      .filter(p => p.endsAt.getTime() <= now.getTime());
    if (ended.length) await alerts.record(ref, ended);
  }
}

/**
 * Eight weeks of on-call interrupts: ~16 h a week of general interrupts, and the refund
 * replay at 6 a week until its kindling item was cleared (three weeks ago), 1 a week since.
 */
async function pushInterrupts(store: SreHealthStore, now: Date) {
  const records = [];
  for (let weeksAgo = 7; weeksAgo >= 0; weeksAgo--) {
    const week = monday(now, weeksAgo);
    const startsAt = at(week, 0, 9);
    if (startsAt.getTime() > now.getTime()) continue;
    records.push({
      userRef: weeksAgo % 2 ? CAROL : 'user:default/dan',
      startsAt: startsAt.toISOString(),
      count: 14 + (weeksAgo % 3),
      minutes: 900 + 60 * (weeksAgo % 3),
    });
    let replays = 1;
    if (weeksAgo > 3) replays = 6;
    else if (weeksAgo === 3) replays = 3;
    records.push({
      startsAt: startsAt.toISOString(),
      count: replays,
      minutes: replays * 45,
      cause: REFUND_REPLAY,
    });
  }
  await new InterruptStore(store.db).push(
    PAYMENTS,
    records,
    'pagerduty-sync',
    now,
  );
}

/** The cleared kindling item, and the cause sorted once as toil and linked to it. */
async function sortRefundReplay(store: SreHealthStore, now: Date) {
  const active = await store.activeEngagement(PAYMENTS);
  const led = (await store.postmortems.list(component('payments-api'))).find(
    p => p.title === LED_POSTMORTEM_TITLE,
  );
  if (!active || !led) return;
  const records = new EngagementRecordStore(store.db, store.audit);
  const cleared = at(monday(now, 3), 2, 15);
  const item = await records.inEngagement(active.id, (trx, e) =>
    records.kindling.create(
      trx,
      e,
      {
        title: 'Replay refunds automatically after ledger lag',
        explanation:
          'The postmortem showed refunds stall whenever the ledger lags; an idempotent replay job removes the manual step instead of paging for it.',
        fixes_kind: 'postmortem',
        fixes_id: led.id,
        fixes_label: led.title,
        fixes_entity_ref: led.entityRef,
        assignee_ref: CAROL,
        reviewer_ref: ALICE,
        state: 'done',
        reviewed_by: ALICE,
        done_at: cleared,
        author: ALICE,
      },
      ALICE,
      new Date(cleared.getTime() - 9 * DAY),
    ),
  );
  await store.interruptCauses.create(
    {
      teamRef: PAYMENTS,
      causeKey: `interrupt:${REFUND_REPLAY}`,
      causeClass: 'toil',
      kindlingItemId: item.id,
    },
    ALICE,
  );
}
