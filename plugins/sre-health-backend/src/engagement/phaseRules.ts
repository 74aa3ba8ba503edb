import type {
  Engagement,
  WorkPhase,
} from '@sre-health/backstage-plugin-sre-health-common';

/**
 * The phase an entry belongs to: the one it names, or the engagement's current phase.
 * Phases guide, they do not gate: a decision about SLOs may be filed under Drive change
 * in week one, when the work starts early.
 */
export function phaseFor(engagement: Engagement, phase?: WorkPhase): WorkPhase {
  return phase ?? (engagement.phase as WorkPhase);
}
