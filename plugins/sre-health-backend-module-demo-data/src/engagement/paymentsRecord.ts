import {
  Engagement,
  computeEngagementFigures,
  endOfDay,
} from '@sre-health/backstage-plugin-sre-health-common';
import type {
  EngagementRecordStore,
  SreHealthStore,
  WriteTransaction,
} from '@sre-health/backstage-plugin-sre-health-backend/seeding';
import { LED_POSTMORTEM_TITLE } from '../postmortems';
import { ALICE, CAROL, DAN, at, component } from '../story';

const PAYMENTS = 'group:default/payments-team';

/** The record of the engagement in progress with Payments (share context). */
export async function seedPaymentsRecord(
  store: SreHealthStore,
  records: EngagementRecordStore,
) {
  const active = await store.activeEngagement(PAYMENTS);
  if (!active) return;
  const services = [component('payments-api'), component('ledger-service')];
  const [samples, flags, postmortems] = await Promise.all([
    store.opsLoad.list(PAYMENTS),
    store.flags.listWhere(q => q.whereIn('entity_ref', services)),
    store.postmortems.list(component('payments-api')),
  ]);
  // What was open at the end of the start day, replayed from the flags' history.
  const startFigures = computeEngagementFigures({
    at: endOfDay(active.startDate),
    source: 'history',
    opsDate: active.startDate,
    ops: 'before',
    services,
    samples,
    flags,
    slos: null,
  });
  const start = active.startDate;
  const write = <T>(fn: (trx: WriteTransaction, e: Engagement) => Promise<T>) =>
    records.inEngagement(active.id, fn);

  await write((trx, e) =>
    records.writeProfile(
      trx,
      e,
      undefined,
      {
        situation: 'small-team-critical-service',
        situationNotes:
          'Two engineers own checkout payments and the ledger; every failed payment is lost revenue.',
      },
      ALICE,
      at(start, 1),
      startFigures,
    ),
  );
  const tick = (
    phase: string,
    itemKey: string,
    evidence: string,
    when: Date,
    linked: Record<string, string> = {},
    /** The phase the engagement was in: the item's own, unless ticked early. */
    tickedIn = phase,
  ) =>
    write((trx, e) =>
      records.ticks.create(
        trx,
        e,
        {
          phase,
          item_key: itemKey,
          evidence,
          ticked_by: ALICE,
          ticked_in_phase: tickedIn,
          ...linked,
        },
        ALICE,
        when,
      ),
    );
  await tick(
    'learn',
    'shadowed-on-call',
    'Shadowed Carol and Dan for a week: 19 pages, 14 of them PaymentsLatencyHigh.',
    at(start, 4),
  );
  await tick(
    'learn',
    'team-sorted',
    'Small team on a business-critical service: reliability first.',
    at(start, 5),
  );
  await tick(
    'learn',
    'stressors-prioritised',
    'Largest: undiagnosed PaymentsLatencyHigh (5/5) and the ledger knowledge gap (5/5).',
    at(start, 6),
  );
  // "Led the next postmortem" links to the one Alice led (see ../postmortems.ts).
  const led = postmortems.find(p => p.title === LED_POSTMORTEM_TITLE);
  if (led) {
    await tick(
      'share-context',
      'postmortem-led',
      'Led it blameless: the deploy looked healthy because the readiness probe passed before the pools were warm; nobody did anything wrong.',
      at(start, 11),
      {
        postmortem_id: led.id,
        postmortem_title: led.title,
        postmortem_entity_ref: led.entityRef,
      },
    );
  }
  // Phases guide, they do not gate: the SLO work began while context was still shared.
  await tick(
    'drive-change',
    'slos-written',
    'Drafted the ledger availability SLO (99.9% over 30 days) with Dan: the postmortem put the outage at half the month’s budget.',
    at(start, 13, 15),
    {},
    'share-context',
  );
  await write((trx, e) =>
    records.decisions.create(
      trx,
      e,
      {
        phase: 'learn',
        decision: 'Start with PaymentsLatencyHigh, not the ticket queue',
        reason:
          'It is most of the paging load and nobody knows whether it matters; emptying the queue would change nothing about next week.',
        example:
          '14 of 19 pages in the shadowed week were this alert; none led to a customer-visible problem.',
        author: ALICE,
      },
      ALICE,
      at(start, 6, 15),
    ),
  );
  await write((trx, e) =>
    records.questions.create(
      trx,
      e,
      {
        phase: 'share-context',
        question:
          'What did the gateway client tell you about the timeout before the outage, and where would you have looked?',
        asked_to: CAROL,
        answer: 'Nothing: the timeout was a library default we had never seen.',
        answered_at: at(start, 11),
        author: ALICE,
      },
      ALICE,
      at(start, 11),
    ),
  );
  await write((trx, e) =>
    records.questions.create(
      trx,
      e,
      {
        phase: 'share-context',
        question:
          'Which of these fires would you be glad never to see again, and which are simply part of running payments?',
        asked_to: 'payments-team',
        answer: '',
        answered_at: null,
        author: ALICE,
      },
      ALICE,
      at(start, 12),
    ),
  );
  const alertFlag = flags.find(f => f.stressorKey === 'undiagnosed-alerts');
  if (alertFlag) {
    await write((trx, e) =>
      records.kindling.create(
        trx,
        e,
        {
          title: 'Diagnose PaymentsLatencyHigh and write its runbook',
          explanation:
            'The checkout postmortem showed the alert fires on gateway retries users never see; a diagnosis and a burn-rate alert stop the pages for good.',
          fixes_kind: 'stressor-flag',
          fixes_id: alertFlag.id,
          fixes_label: `Undiagnosed common alerts on ${alertFlag.entityRef}`,
          fixes_entity_ref: alertFlag.entityRef,
          assignee_ref: CAROL,
          reviewer_ref: ALICE,
          state: 'in-progress',
          reviewed_by: null,
          done_at: null,
          author: ALICE,
        },
        ALICE,
        at(start, 13),
      ),
    );
  }
  if (led) {
    await write((trx, e) =>
      records.kindling.create(
        trx,
        e,
        {
          title: 'Warm the connection pools after a deploy',
          explanation:
            'Card authorisations time out after every deploy because pools start cold; warming them removes the fire instead of paging for it.',
          fixes_kind: 'postmortem',
          fixes_id: led.id,
          fixes_label: led.title,
          fixes_entity_ref: led.entityRef,
          assignee_ref: DAN,
          reviewer_ref: ALICE,
          state: 'proposed',
          reviewed_by: null,
          done_at: null,
          author: ALICE,
        },
        ALICE,
        at(start, 14),
      ),
    );
  }
}
