import {
  AuditEntry,
  ChecklistTick,
  DETECTOR_AUTHOR,
  Engagement,
  EngagementDecision,
  EngagementPhase,
  KindlingItem,
  LeadingQuestion,
  PHASES,
  PhaseTransition,
  TimelineEvent,
  checklistItem,
  stressorTitle,
  tickedEarlyIn,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { ExpiredExemption } from './exemptions';

/** `user:default/alice` → `alice`; other namespaces stay: `ops/alice`. */
const nameOf = (ref: string) => ref.replace(/^[^:]+:(default\/)?/, '');

const phaseTitle = (phase: string) =>
  PHASES.find(p => p.phase === phase)?.title ?? phase;

/**
 * Phase changes made through the generic `PATCH /engagements/:id` (which takes no reason),
 * read from the audit log; those made through the record are already transitions.
 * @internal
 */
export function genericTransitions(
  engagement: Engagement,
  audit: ReadonlyArray<AuditEntry>,
  recorded: ReadonlyArray<PhaseTransition>,
): PhaseTransition[] {
  const known = new Set(recorded.map(t => t.engagementVersion));
  return audit
    .filter(
      e =>
        e.resourceType === 'engagement' &&
        e.resourceId === engagement.id &&
        e.action === 'update',
    )
    .flatMap(e => {
      const before = e.before as Partial<Engagement> | null;
      const after = e.after as Partial<Engagement> | null;
      if (
        !before?.phase ||
        !after?.phase ||
        before.phase === after.phase ||
        known.has(Number(after.version))
      ) {
        return [];
      }
      return [
        {
          id: `audit:${e.id}`,
          engagementId: engagement.id,
          teamRef: engagement.teamRef,
          from: before.phase,
          to: after.phase,
          reason: null,
          openItems: [],
          actor: e.actor,
          at: e.at,
          engagementVersion: Number(after.version),
          viaGenericUpdate: true,
        },
      ];
    });
}

/** The phase the engagement was in at `at`, from its transitions (oldest first). */
function phaseAt(
  transitions: ReadonlyArray<PhaseTransition>,
  at: string,
): EngagementPhase {
  let phase: EngagementPhase = 'learn';
  for (const t of transitions) {
    if (t.at <= at) phase = t.to;
  }
  return phase;
}

/** Everything that happened in an engagement, oldest first. @internal */
export function buildTimeline(input: {
  engagement: Engagement;
  transitions: ReadonlyArray<PhaseTransition>;
  ticks: ReadonlyArray<ChecklistTick>;
  decisions: ReadonlyArray<EngagementDecision>;
  kindling: ReadonlyArray<KindlingItem>;
  questions: ReadonlyArray<LeadingQuestion>;
  /** Exemptions of the team's stressor flags that ran out (see expiredExemptions). */
  exemptions?: ReadonlyArray<ExpiredExemption>;
}): TimelineEvent[] {
  const { engagement } = input;
  const transitions = [...input.transitions].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at),
  );
  const events: TimelineEvent[] = [
    {
      at: startedAt(engagement),
      kind: 'started',
      phase: 'learn',
      title: `${nameOf(engagement.sreRef)} embedded with ${nameOf(
        engagement.teamRef,
      )}`,
      detail: engagement.goals || undefined,
      actor: engagement.createdBy,
    },
  ];
  for (const t of transitions) {
    events.push({
      at: t.at,
      kind: t.to === 'closed' ? 'closed' : 'phase',
      phase: t.to,
      title:
        t.to === 'closed'
          ? 'Closed; after-action report frozen'
          : `${phaseTitle(t.from)} → ${phaseTitle(t.to)}`,
      detail:
        [
          t.reason ? `Reason: ${t.reason}` : undefined,
          t.openItems.length
            ? `Left open: ${t.openItems
                .map(k => checklistItem(k)?.title ?? k)
                .join('; ')}`
            : undefined,
          t.viaGenericUpdate
            ? 'Changed through the generic API (no reason recorded)'
            : undefined,
        ]
          .filter(Boolean)
          .join('. ') || undefined,
      actor: t.actor,
    });
  }
  for (const tick of input.ticks) {
    const early = tickedEarlyIn(tick);
    events.push({
      at: tick.createdAt,
      kind: 'checklist',
      phase: tick.phase,
      title: `Ticked${early ? ` early, in ${phaseTitle(early)}` : ''}: ${
        checklistItem(tick.itemKey)?.title ?? tick.itemKey
      }`,
      detail: tick.evidence,
      actor: tick.tickedBy,
    });
  }
  for (const d of input.decisions) {
    events.push({
      at: d.createdAt,
      kind: 'decision',
      phase: d.phase,
      title: `Decided: ${d.decision}`,
      detail: `Why: ${d.reason}`,
      actor: d.author,
    });
  }
  for (const k of input.kindling) {
    events.push({
      at: k.createdAt,
      kind: 'kindling',
      phase: phaseAt(transitions, k.createdAt),
      title: `Kindling proposed: ${k.title}`,
      detail: `${nameOf(k.assigneeRef)}; fixes ${k.fixes.kind} “${
        k.fixes.label
      }”`,
      actor: k.author,
    });
    if (k.doneAt) {
      events.push({
        at: k.doneAt,
        kind: 'kindling',
        phase: phaseAt(transitions, k.doneAt),
        title: `Kindling cleared: ${k.title}`,
        detail: `Reviewed by ${nameOf(k.reviewedBy ?? k.reviewerRef)}`,
        actor: k.reviewedBy ?? undefined,
      });
    }
  }
  for (const q of input.questions) {
    events.push({
      at: q.createdAt,
      kind: 'question',
      phase: q.phase,
      title: `Asked: ${q.question}`,
      detail: q.answer ? `Answer: ${q.answer}` : undefined,
      actor: q.author,
    });
  }
  for (const x of input.exemptions ?? []) {
    events.push({
      at: x.at,
      kind: 'exemption',
      phase: phaseAt(transitions, x.at),
      title: `Exemption expired: ${stressorTitle(x.stressorKey)} on ${nameOf(
        x.entityRef,
      )}`,
      detail: [
        `Exempt until ${x.exemptUntil}${
          x.exemptBy ? ` by ${nameOf(x.exemptBy)}` : ''
        }${x.exemptReason ? `: ${x.exemptReason}` : ''}`,
        x.outcome === 'open'
          ? 'Re-opened by detection: the stressor is still there'
          : 'Resolved by detection: the stressor is gone',
      ].join('. '),
      actor: DETECTOR_AUTHOR,
    });
  }
  return sortByDate(events);
}

/**
 * When the engagement started, as the timeline shows it: its start date, or when it was
 * recorded if that was earlier (a start planned ahead). An engagement recorded weeks after
 * it began would otherwise be listed after everything that happened in those weeks.
 */
function startedAt(engagement: Engagement): string {
  const startDay = `${engagement.startDate.slice(0, 10)}T00:00:00.000Z`;
  return Date.parse(startDay) < Date.parse(engagement.createdAt)
    ? startDay
    : engagement.createdAt;
}

/** Oldest first by the moment each event happened; events at the same moment keep their order. */
function sortByDate(events: TimelineEvent[]): TimelineEvent[] {
  return events
    .map((event, i) => ({ event, i, t: Date.parse(event.at) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map(x => x.event);
}
