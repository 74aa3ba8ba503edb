/**
 * The phases of an embedding engagement, in the order the book runs them. They say where
 * the engagement is, not what it may do: the phases overlap (an outage in week one is when
 * the SRE leads the next postmortem; SLO work can start early), so nothing is locked to one.
 * @public
 */
export const ENGAGEMENT_PHASES = [
  'learn',
  'share-context',
  'drive-change',
  'report',
  'closed',
] as const;

/** @public */
export type EngagementPhase = (typeof ENGAGEMENT_PHASES)[number];

/** @public */
export interface EngagementPhaseDefinition {
  phase: EngagementPhase;
  title: string;
  summary: string;
}

/** @public */
export const PHASES: ReadonlyArray<EngagementPhaseDefinition> = [
  {
    phase: 'learn',
    title: 'Learn the service',
    summary:
      'Shadow on-call, sort the team, identify the largest sources of stress and prioritise them by stress level.',
  },
  {
    phase: 'share-context',
    title: 'Share context',
    summary:
      'Lead the next blameless postmortem; sort the fires into toil and overhead and explain why.',
  },
  {
    phase: 'drive-change',
    title: 'Drive change',
    summary:
      'Write SLOs, clear the kindling one issue at a time, explain the reasoning.',
  },
  {
    phase: 'report',
    title: 'After-action report',
    summary:
      'Write down what was decided at each step and why, so the team keeps the reasoning.',
  },
  {
    phase: 'closed',
    title: 'Closed',
    summary: 'The SRE has left; the report stays with the team.',
  },
];

/** @public */
export function isEngagementPhase(value: string): value is EngagementPhase {
  return (ENGAGEMENT_PHASES as ReadonlyArray<string>).includes(value);
}

/** @public */
export function phaseIndex(phase: EngagementPhase): number {
  return ENGAGEMENT_PHASES.indexOf(phase);
}

/** An engagement occupies its team's single SRE seat until it is closed. @public */
export function isActivePhase(phase: EngagementPhase): boolean {
  return phase !== 'closed';
}

/**
 * Why a phase change is not allowed, or undefined when it is. Engagements move forward
 * (skipping is allowed: a short engagement may go straight to the report); a closed
 * engagement is frozen.
 * @public
 */
export function phaseTransitionProblem(
  from: EngagementPhase,
  to: EngagementPhase,
): string | undefined {
  if (from === 'closed') {
    return 'the engagement is closed and can no longer change';
  }
  if (phaseIndex(to) < phaseIndex(from)) {
    return `phase can only move forward: ${from} → ${to} goes back`;
  }
  return undefined;
}
