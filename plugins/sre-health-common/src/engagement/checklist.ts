import { ENGAGEMENT_PHASES, EngagementPhase, phaseIndex } from '../phases';
import type { ChecklistTick, EngagementSituation, WorkPhase } from './types';

/** One item of a phase checklist, as the book describes the phase. @public */
export interface ChecklistItemDefinition {
  phase: WorkPhase;
  key: string;
  title: string;
  /** What counts as evidence, shown next to the item. */
  hint: string;
}

/**
 * The book's checklist of each phase. Phases guide, they do not gate: any item can be
 * ticked with evidence in any phase (an outage in week one is when the SRE leads the next
 * postmortem), and an item ticked before its phase says so. Moving on with unticked items
 * needs a reason, which is kept.
 * @public
 */
export const ENGAGEMENT_CHECKLIST: ReadonlyArray<ChecklistItemDefinition> = [
  {
    phase: 'learn',
    key: 'shadowed-on-call',
    title: 'Shadowed the on-call rotation',
    hint: 'Which shifts, and what the pages were.',
  },
  {
    phase: 'learn',
    key: 'team-sorted',
    title: 'Sorted the team (reliability or readiness for growth)',
    hint: 'Small team on a critical service, or a brand-new service, and why.',
  },
  {
    phase: 'learn',
    key: 'stressors-prioritised',
    title: 'Identified the largest sources of stress and prioritised them',
    hint: 'The stressor flags, ordered by stress level.',
  },
  {
    phase: 'share-context',
    key: 'postmortem-led',
    title: 'Led the next postmortem, blameless',
    hint: 'Which postmortem; why the system misled people who acted rightly.',
  },
  {
    phase: 'share-context',
    key: 'fires-sorted',
    title: 'Sorted the fires: toil or overhead',
    hint: 'How many fires of each kind.',
  },
  {
    phase: 'share-context',
    key: 'fires-shared',
    title: 'Shared the list with the team, with a reason for each',
    hint: 'Where the list lives and when it was discussed.',
  },
  {
    phase: 'drive-change',
    key: 'slos-written',
    title: 'Wrote SLOs',
    hint: 'Which SLOs, and what they showed about the outages.',
  },
  {
    phase: 'drive-change',
    key: 'kindling-cleared',
    title:
      'Cleared kindling: one useful piece of work per team member, explained via the postmortem, reviewed',
    hint: 'The kindling items done, and the reviews.',
  },
  {
    phase: 'drive-change',
    key: 'reasoning-explained',
    title: 'Explained the reasoning, so the team can predict it',
    hint: 'Design reviews where the team reasoned as the SRE would.',
  },
  {
    phase: 'report',
    key: 'report-written',
    title: 'Wrote the after-action report',
    hint: 'The summary and principles of the report are written.',
  },
];

/** @public */
export function checklistItem(
  key: string,
): ChecklistItemDefinition | undefined {
  return ENGAGEMENT_CHECKLIST.find(i => i.key === key);
}

/**
 * The phase the engagement was in when `tick` was ticked, if that was before the item's
 * own phase ("ticked early"); undefined otherwise, and for ticks older than the record of it.
 * @public
 */
export function tickedEarlyIn(
  tick: Pick<ChecklistTick, 'phase' | 'tickedInPhase'>,
): EngagementPhase | undefined {
  const at = tick.tickedInPhase;
  return at && phaseIndex(at) < phaseIndex(tick.phase) ? at : undefined;
}

/** @public */
export function checklistFor(
  phase: EngagementPhase,
): ReadonlyArray<ChecklistItemDefinition> {
  return ENGAGEMENT_CHECKLIST.filter(i => i.phase === phase);
}

/**
 * The phases an engagement leaves behind when it moves forward from `from` to `to`:
 * `from` itself and any phase it skips.
 * @public
 */
export function phasesLeft(
  from: EngagementPhase,
  to: EngagementPhase,
): WorkPhase[] {
  const a = phaseIndex(from);
  const b = phaseIndex(to);
  if (b <= a) return [];
  return ENGAGEMENT_PHASES.slice(a, b).filter(
    (p): p is WorkPhase => p !== 'closed',
  );
}

/** Keys of the checklist items of `phases` that are not in `ticked`. @public */
export function openChecklistItems(
  phases: ReadonlyArray<WorkPhase>,
  ticked: Iterable<string>,
): string[] {
  const done = new Set(ticked);
  return ENGAGEMENT_CHECKLIST.filter(
    i => phases.includes(i.phase) && !done.has(i.key),
  ).map(i => i.key);
}

/** The book's sorting of a team, with the focus it implies. @public */
export interface SituationDefinition {
  situation: EngagementSituation;
  title: string;
  focus: string;
}

/** @public */
export const ENGAGEMENT_SITUATIONS: ReadonlyArray<SituationDefinition> = [
  {
    situation: 'small-team-critical-service',
    title: 'Small team, business-critical service',
    focus: 'Reliability',
  },
  {
    situation: 'new-service',
    title: 'Brand-new service',
    focus: 'Readiness for explosive growth',
  },
  {
    situation: 'other',
    title: 'Other',
    focus: 'As the SRE sorted it (see the notes)',
  },
];

/** @public */
export function situationDefinition(
  situation: EngagementSituation | null | undefined,
): SituationDefinition | undefined {
  return ENGAGEMENT_SITUATIONS.find(s => s.situation === situation);
}
