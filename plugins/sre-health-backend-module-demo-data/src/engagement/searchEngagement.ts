import {
  Engagement,
  KindlingItem,
  PhaseTransition,
  buildAfterActionReport,
  renderAfterActionReportMarkdown,
} from '@sre-health/backstage-plugin-sre-health-common';
import type {
  EngagementRecordStore,
  SreHealthStore,
  WriteTransaction,
} from '@sre-health/backstage-plugin-sre-health-backend/seeding';
import { BOB, ERIN, FRANK, at, monday } from '../story';
import { SEARCH, seedSearchHistory } from './searchHistory';

/** Bob's engagement with Search, from its first day to its frozen after-action report. */
export async function seedClosedSearchEngagement(
  store: SreHealthStore,
  records: EngagementRecordStore,
  now: Date,
) {
  const {
    start,
    end,
    samples,
    startFigures,
    endFigures,
    alerts,
    rollbacks,
    postmortem,
    capacityFlag,
  } = await seedSearchHistory(store, now);

  const engagement = await records.startEngagement(
    {
      teamRef: SEARCH,
      sreRef: BOB,
      startDate: start,
      // planned for twelve weeks; it ran four days over
      plannedEndDate: at(start, 84).toISOString().slice(0, 10),
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

  const tick = (
    phase: string,
    itemKey: string,
    evidence: string,
    when: Date,
    linked: Record<string, string> = {},
  ) =>
    write((trx, e) =>
      records.ticks.create(
        trx,
        e,
        {
          phase,
          item_key: itemKey,
          evidence,
          ticked_by: BOB,
          ticked_in_phase: phase,
          ...linked,
        },
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
    {
      postmortem_id: postmortem.id,
      postmortem_title: postmortem.title,
      postmortem_entity_ref: postmortem.entityRef,
    },
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
