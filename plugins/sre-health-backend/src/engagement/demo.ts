import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  Engagement,
  EngagementFigures,
  KindlingItem,
  PhaseTransition,
  StressorFigure,
  StressorFlag,
  buildAfterActionReport,
  computeEngagementFigures,
  endOfDay,
  opsFigureAt,
  renderAfterActionReportMarkdown,
} from '@internal/backstage-plugin-sre-health-common';
import type { SreHealthStore } from '../database';
import type { WriteTransaction } from '../database/unitOfWork';
import { backdate } from '../demo/backdate';
import { EngagementRecordStore } from './EngagementRecordStore';

/*
 * The demo organisation's engagement records: an earlier engagement with Search, closed with
 * its frozen after-action report, and the record of the engagement in progress with
 * Payments (which seedDemoData starts). Written once, guarded by a marker row.
 */

const MARKER = 'demo-engagement-record-seeded';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const ERIN = 'user:default/erin';
const FRANK = 'user:default/frank';
const CAROL = 'user:default/carol';
const DAN = 'user:default/dan';
const SEARCH = 'group:default/search-team';
const PAYMENTS = 'group:default/payments-team';
const DAY = 86_400_000;

const component = (name: string) => `component:default/${name}`;

/** Monday `weeksAgo` weeks before `now`, as YYYY-MM-DD. */
function monday(now: Date, weeksAgo: number): string {
  const d = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
  );
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 7 * weeksAgo);
  return d.toISOString().slice(0, 10);
}

/** A moment on a day: `day` plus some hours (UTC). */
function at(day: string, plusDays = 0, hour = 10): Date {
  return new Date(
    Date.parse(`${day}T00:00:00Z`) + plusDays * DAY + hour * 3_600_000,
  );
}

/** @internal */
export async function seedEngagementDemo(
  store: SreHealthStore,
  logger: LoggerService,
  now = new Date(),
): Promise<void> {
  if (!(await store.claimMeta(MARKER, now.toISOString()))) {
    return;
  }
  const records = new EngagementRecordStore(store.db, store.audit);
  await seedClosedSearchEngagement(store, records, now);
  await seedPaymentsRecord(store, records);
  logger.info('Seeded SRE Health demo engagement records');
}

async function seedClosedSearchEngagement(
  store: SreHealthStore,
  records: EngagementRecordStore,
  now: Date,
) {
  const start = monday(now, 21);
  const end = new Date(Date.parse(`${monday(now, 9)}T00:00:00Z`) + 4 * DAY)
    .toISOString()
    .slice(0, 10);

  // Search before, during and after: over the cap before, back under it by the end.
  const shares: Array<[number, number]> = [
    [24, 0.58],
    [23, 0.62],
    [22, 0.64],
    [21, 0.63],
    [20, 0.66],
    [19, 0.6],
    [18, 0.57],
    [17, 0.55],
    [16, 0.52],
    [15, 0.5],
    [14, 0.47],
    [13, 0.45],
    [12, 0.42],
    [11, 0.4],
    [10, 0.38],
    [9, 0.36],
    [8, 0.35],
  ];
  for (const [weeksAgo, share] of shares) {
    const hours = 2 * 40; // a team of two
    const sample = await store.opsLoad.create(
      {
        teamRef: SEARCH,
        weekStart: monday(now, weeksAgo),
        opsHours: Math.round(hours * share),
        projectHours: hours - Math.round(hours * share),
      },
      BOB,
    );
    await backdate(
      store.db,
      'ops_load_samples',
      sample.id,
      at(monday(now, weeksAgo), 4, 17),
    );
  }

  // What Bob flagged while the team asked for help (before he embedded), and fixed for good.
  const alerts = await store.flags.create(
    {
      entityRef: component('search-api'),
      stressorKey: 'undiagnosed-alerts',
      stressLevel: 5,
      status: 'open',
      evidence:
        'SearchLatencyHigh fired 160 times in 30 days; nobody knew whether it mattered. On-call acked and waited.',
    },
    BOB,
  );
  const rollbacks = await store.flags.create(
    {
      entityRef: component('search-api'),
      stressorKey: 'rollback-only-postmortems',
      stressLevel: 3,
      status: 'open',
      evidence:
        'The last four postmortems: every action item is "roll back the index build".',
    },
    BOB,
  );
  for (const [flag, resolvedWeeksAgo] of [
    [alerts, 12],
    [rollbacks, 11],
  ] as const) {
    const resolvedAt = at(monday(now, resolvedWeeksAgo), 3);
    await backdate(store.db, 'stressor_flags', flag.id, at(start, -10), {
      status: 'resolved',
      resolved_at: resolvedAt,
      updated_at: resolvedAt,
    });
  }
  const postmortem = await store.postmortems.create(
    {
      entityRef: component('search-api'),
      title: 'Search served stale results for 3 hours after an index swap',
      occurredAt: at(monday(now, 19), 1, 14).toISOString(),
      impact:
        '3h05m of results up to a day old; 9% of searches returned sold-out products; 212 support tickets.',
      actionItems: [
        {
          text: 'Find out why the swap succeeded with an index that had not finished warming',
        },
        { text: 'Alert on index age, not on query latency alone' },
      ],
    },
    BOB,
  );
  // written up the day after the outage
  await backdate(
    store.db,
    'postmortems',
    postmortem.id,
    at(monday(now, 19), 2, 16),
  );
  const capacityFlag = (
    await store.flags.list(component('search-indexer'))
  ).find(
    f => f.stressorKey === 'naive-capacity-plan' && f.status !== 'resolved',
  );

  const flagFigure = (
    f: Pick<
      StressorFlag,
      'entityRef' | 'stressorKey' | 'stressLevel' | 'evidence'
    >,
  ): StressorFigure => ({
    entityRef: f.entityRef,
    stressorKey: f.stressorKey,
    stressLevel: f.stressLevel,
    evidence: f.evidence,
  });
  const indexerFlags: StressorFigure[] = [
    {
      entityRef: component('search-indexer'),
      stressorKey: 'naive-capacity-plan',
      stressLevel: 4,
      evidence: 'Capacity plan is "add workers when the queue backs up".',
    },
    {
      entityRef: component('search-indexer'),
      stressorKey: 'complaints-without-slo',
      stressLevel: 3,
      evidence:
        'Customers complain about stale search results; no freshness SLO.',
    },
  ];
  const samples = await store.opsLoad.list(SEARCH);
  const services = [component('search-api'), component('search-indexer')];
  const startFigures: EngagementFigures = {
    at: at(start).toISOString(),
    source: 'snapshot',
    services,
    ops: opsFigureAt(samples, start, 'before'),
    stressors: {
      open: 4,
      flags: [
        flagFigure(alerts),
        indexerFlags[0],
        flagFigure(rollbacks),
        indexerFlags[1],
      ],
    },
    slos: [],
  };
  const endFigures: EngagementFigures = {
    ...computeEngagementFigures({
      at: at(end, 0, 16).toISOString(),
      source: 'snapshot',
      opsDate: end,
      ops: 'until',
      services,
      samples,
      flags: [],
      slos: [
        {
          entityRef: component('search-api'),
          name: 'search-availability',
          displayName: 'Search availability',
          target: 0.995,
          sli: 0.9987,
          budgetRemaining: 0.74,
          status: 'healthy',
        },
      ],
    }),
    stressors: { open: 2, flags: indexerFlags },
  };

  const engagement = await records.startEngagement(
    {
      teamRef: SEARCH,
      sreRef: BOB,
      startDate: start,
      goals:
        'Get Search under the 50% ops cap: find out which alerts matter, stop the stale-index incidents, and leave the team with SLOs it trusts.',
      situation: 'small-team-critical-service',
      situationNotes:
        'Two engineers own search-api, which every product page depends on: reliability first, features later.',
      startFigures,
    },
    BOB,
    at(start, 0, 9),
  );

  let current: Engagement = engagement;
  const transitions: PhaseTransition[] = [];
  const move = async (
    to: Engagement['phase'],
    when: Date,
    reason: string | null,
    openItems: string[] = [],
  ) => {
    const changed = await records.inEngagement(current.id, (trx, e) =>
      records.changePhase(
        trx,
        e,
        e.version,
        { to, reason, openItems, endDate: to === 'closed' ? end : undefined },
        BOB,
        when,
      ),
    );
    current = changed.engagement;
    transitions.push(changed.transition);
  };
  const write = <T>(
    fn: (trx: WriteTransaction, e: Engagement) => Promise<T>,
  ): Promise<T> => records.inEngagement(current.id, fn);

  const tick = (phase: string, itemKey: string, evidence: string, when: Date) =>
    write((trx, e) =>
      records.ticks.create(
        trx,
        e,
        { phase, item_key: itemKey, evidence, ticked_by: BOB },
        BOB,
        when,
      ),
    );
  const decide = (
    phase: string,
    decision: string,
    reason: string,
    example: string,
    when: Date,
  ) =>
    write((trx, e) =>
      records.decisions.create(
        trx,
        e,
        { phase, decision, reason, example, author: BOB },
        BOB,
        when,
      ),
    );
  const ask = (
    phase: string,
    question: string,
    askedTo: string,
    answer: string,
    when: Date,
  ) =>
    write((trx, e) =>
      records.questions.create(
        trx,
        e,
        {
          phase,
          question,
          asked_to: askedTo,
          answer,
          answered_at: answer ? when : null,
          author: BOB,
        },
        BOB,
        when,
      ),
    );

  // Learn the service
  await tick(
    'learn',
    'shadowed-on-call',
    'Shadowed Erin and Frank for two weeks of on-call: 31 pages, 24 of them SearchLatencyHigh.',
    at(start, 9),
  );
  await tick(
    'learn',
    'team-sorted',
    'Small team (two engineers) on a business-critical service: focus on reliability.',
    at(start, 9, 14),
  );
  await tick(
    'learn',
    'stressors-prioritised',
    'Flagged 4 stressors; largest: undiagnosed SearchLatencyHigh (5/5), naive indexer capacity plan (4/5).',
    at(start, 10),
  );
  await decide(
    'learn',
    'Treat Search as a small team on a critical service: reliability before features',
    'Every product page calls search-api, and two people carry its on-call; an outage costs more than a late feature.',
    'The "saved searches" feature moved a quarter so the team could spend its project time on the alerting.',
    at(start, 10, 15),
  );
  await ask(
    'learn',
    'When SearchLatencyHigh fires at night, what do you look at first, and what would tell you it can wait until morning?',
    ERIN,
    'The p99 graph; honestly nothing tells us it can wait, so we always get up.',
    at(start, 4),
  );
  await move('share-context', at(monday(now, 19), 0, 9), null);

  // Share context
  await tick(
    'share-context',
    'postmortem-led',
    `Led "${postmortem.title}" blameless: the swap reported success because the health check only asked whether the index existed.`,
    at(monday(now, 19), 3),
  );
  await tick(
    'share-context',
    'fires-sorted',
    '11 fires in the last quarter: 7 toil (stale-index swaps, manual re-index), 4 overhead (ranking changes requested by product).',
    at(monday(now, 18), 2),
  );
  await decide(
    'share-context',
    'Lead the next postmortem instead of grading the old ones',
    'Grading old postmortems puts people on the defensive; leading the next one shows how to ask why the system misled them.',
    'The stale-index postmortem asked why the swap reported success, not who ran it; its action items became a warm-up check and an index-age alert.',
    at(monday(now, 19), 3, 15),
  );
  await decide(
    'share-context',
    'Re-index by hand is toil; ranking changes are overhead',
    'Toil should never happen and can be automated away; ranking requests are legitimate work that merely has deadlines.',
    'The weekly manual re-index was automated in drive-change; ranking requests stayed on the board as planned work.',
    at(monday(now, 18), 2, 15),
  );
  await ask(
    'share-context',
    'What did the swap tell you about the new index before you switched traffic to it?',
    FRANK,
    'Only that it existed. We assumed "exists" meant "warm".',
    at(monday(now, 19), 3, 11),
  );
  await move(
    'drive-change',
    at(monday(now, 16), 0, 9),
    'The fires list was shared in the weekly meeting but not yet discussed item by item; we go through it while writing the SLOs, which needs the same conversation.',
    ['fires-shared'],
  );

  // Drive change
  await tick(
    'drive-change',
    'slos-written',
    'search-availability (99.5% over 28 days) written with the team; it showed the stale-index outages cost 40% of a month’s budget.',
    at(monday(now, 15), 1),
  );
  const kindling = async (
    title: string,
    explanation: string,
    fixes: KindlingItem['fixes'],
    assigneeRef: string,
    state: KindlingItem['state'],
    created: Date,
    done?: Date,
  ) => {
    const item = await write((trx, e) =>
      records.kindling.create(
        trx,
        e,
        {
          title,
          explanation,
          fixes_kind: fixes.kind,
          fixes_id: fixes.id,
          fixes_label: fixes.label,
          fixes_entity_ref: fixes.entityRef,
          assignee_ref: assigneeRef,
          reviewer_ref: BOB,
          state,
          reviewed_by: done ? BOB : null,
          done_at: done ?? null,
          author: BOB,
        },
        BOB,
        created,
      ),
    );
    return item;
  };
  await kindling(
    'Diagnose SearchLatencyHigh: runbook, owner, and alert on user-visible latency only',
    'The postmortem showed the alert fired on a single slow shard that users never saw; alerting on the SLO’s burn rate pages only when users are affected, for good.',
    {
      kind: 'stressor-flag',
      id: alerts.id,
      label: `Undiagnosed common alerts on ${alerts.entityRef}`,
      entityRef: alerts.entityRef,
    },
    ERIN,
    'done',
    at(monday(now, 16), 1),
    at(monday(now, 12), 3),
  );
  await kindling(
    'Warm the new index and check its age before the swap',
    'The postmortem’s root cause: the swap only checked that the index existed. A warm-up and an age check make a stale swap impossible, not just rarer.',
    {
      kind: 'postmortem',
      id: postmortem.id,
      label: postmortem.title,
      entityRef: postmortem.entityRef,
    },
    FRANK,
    'done',
    at(monday(now, 16), 2),
    at(monday(now, 13), 4),
  );
  await kindling(
    'Postmortem template: a cause analysis before any rollback item',
    'Rollback-only postmortems restored service but never fixed anything; the template asks why the change broke before it allows "revert".',
    {
      kind: 'stressor-flag',
      id: rollbacks.id,
      label: `Rollback-only postmortems on ${rollbacks.entityRef}`,
      entityRef: rollbacks.entityRef,
    },
    ERIN,
    'done',
    at(monday(now, 14), 1),
    at(monday(now, 11), 2),
  );
  if (capacityFlag) {
    await kindling(
      'A capacity model for search-indexer from queue growth',
      '"Add workers when the queue backs up" reacts after customers see stale results; a model from catalogue growth plans ahead.',
      {
        kind: 'stressor-flag',
        id: capacityFlag.id,
        label: `Naive capacity plan on ${capacityFlag.entityRef}`,
        entityRef: capacityFlag.entityRef,
      },
      FRANK,
      'in-progress',
      at(monday(now, 11), 1),
    );
  }
  await tick(
    'drive-change',
    'kindling-cleared',
    '3 items done, one per engineer plus a second for Erin; each reviewed by Bob.',
    at(monday(now, 11), 3),
  );
  await tick(
    'drive-change',
    'reasoning-explained',
    'Erin reviewed the indexer capacity design and asked the questions Bob would have asked.',
    at(monday(now, 10), 2),
  );
  await decide(
    'drive-change',
    'Write the SLO before changing any alert',
    'Without an SLO, no one could say whether SearchLatencyHigh mattered; the SLO turned the argument into a number.',
    'Burn-rate alerts on search-availability replaced SearchLatencyHigh: 160 pages a month became 3.',
    at(monday(now, 15), 1, 15),
  );
  await ask(
    'drive-change',
    'If the catalogue doubled next quarter, which part of the indexer would you want to know about first?',
    FRANK,
    'The queue: how fast it grows per thousand products. That is the capacity model.',
    at(monday(now, 11), 2),
  );
  await move('report', at(monday(now, 10), 3, 9), null);

  // Report
  await write((trx, e) =>
    records.writeProfile(
      trx,
      e,
      1,
      {
        summary:
          'Search was over the ops cap because one undiagnosed alert paged for a shard users never saw, and index swaps could go live stale. The SLO, burn-rate alerts and the warm-up check removed most of the load; the indexer capacity plan is what remains.',
        principles: [
          'Alert on what users see (the SLO’s burn rate), never on one component’s symptom.',
          'A postmortem action item must fix why the change broke; "revert" is mitigation, not a fix.',
          'Before a swap or a deploy, check the new thing is ready, not only that it exists.',
        ],
      },
      BOB,
      at(monday(now, 9), 2),
    ),
  );
  await tick(
    'report',
    'report-written',
    'Summary and principles written with the team on the last week.',
    at(monday(now, 9), 3),
  );
  await move('closed', at(end, 0, 16), null);

  const db = store.db;
  const id = current.id;
  const [profile, ticks, decisions, kindlingItems, questions] =
    await Promise.all([
      records.getProfile(id),
      records.ticks.list(db, id),
      records.decisions.list(db, id),
      records.kindling.list(db, id),
      records.questions.list(db, id),
    ]);
  const generatedAt = at(end, 0, 16);
  const report = buildAfterActionReport({
    engagement: current,
    profile,
    ticks,
    decisions,
    kindling: kindlingItems,
    questions,
    transitions,
    samples,
    startFigures,
    endFigures,
    endDate: end,
    generatedAt: generatedAt.toISOString(),
    generatedBy: BOB,
  });
  await records.inEngagement(
    id,
    (trx, e) =>
      records.freezeReport(
        trx,
        e,
        report,
        renderAfterActionReportMarkdown(report),
        {
          frozenLate: false,
          actor: BOB,
          now: generatedAt,
        },
      ),
    { allowClosed: true },
  );
}

/** The record of the engagement in progress with Payments (share context). */
async function seedPaymentsRecord(
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
  const tick = (phase: string, itemKey: string, evidence: string, when: Date) =>
    write((trx, e) =>
      records.ticks.create(
        trx,
        e,
        { phase, item_key: itemKey, evidence, ticked_by: ALICE },
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
  const checkout = postmortems.find(p =>
    p.title.startsWith('Checkout payments failing'),
  );
  if (checkout) {
    await tick(
      'share-context',
      'postmortem-led',
      `Led "${checkout.title}" blameless: the client upgrade passed tests because none exercised a slow gateway.`,
      at(start, 10),
    );
  }
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
  if (checkout) {
    await write((trx, e) =>
      records.kindling.create(
        trx,
        e,
        {
          title: 'Warm the connection pools after a deploy',
          explanation:
            'Card authorisations time out after every deploy because pools start cold; warming them removes the fire instead of paging for it.',
          fixes_kind: 'postmortem',
          fixes_id: checkout.id,
          fixes_label: checkout.title,
          fixes_entity_ref: checkout.entityRef,
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
