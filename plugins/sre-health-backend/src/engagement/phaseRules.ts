import { InputError } from '@backstage/errors';
import {
  Engagement,
  WorkPhase,
  phaseIndex,
} from '@internal/backstage-plugin-sre-health-common';

/** 400 naming `field` when `phase` is later than the engagement's current phase. */
export function requireReached(
  engagement: Engagement,
  phase: WorkPhase,
  field: string,
  what: string,
): void {
  if (phaseIndex(phase) > phaseIndex(engagement.phase)) {
    throw new InputError(
      `${field}: ${what} ${phase}, a later phase than the engagement's (${engagement.phase})`,
    );
  }
}

/** The phase an entry belongs to: the current one by default, never a later one. */
export function phaseFor(engagement: Engagement, phase?: WorkPhase): WorkPhase {
  const current = engagement.phase as WorkPhase;
  if (!phase) return current;
  requireReached(engagement, phase, 'phase', 'the entry is for');
  return phase;
}
