import type { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  StressorFlag,
  sreHealthAnnotationUpdatePermission,
  sreHealthStressorFlagDismissPermission,
} from '@sre-health/backstage-plugin-sre-health-common';

/** The fields of a flag change that decide who may make it. */
type FlagChange = { status?: string; dismissedReason?: string };

/**
 * The permission a change of `current` needs (`changes` undefined: its deletion). Dismissal
 * is the SRE's verdict on a detection, so dismissing, undoing a dismissal (any other
 * status, or deleting the flag, which the detector would raise again) and rewording its
 * reason take the dismiss permission; every other change is the team's record.
 * @internal
 */
export function flagChangePermission(
  current: Pick<StressorFlag, 'status'>,
  changes?: FlagChange,
): ResourcePermission<'catalog-entity'> {
  const dismissed = current.status === 'dismissed';
  const triage = changes
    ? changes.status === 'dismissed' ||
      changes.dismissedReason !== undefined ||
      (dismissed && changes.status !== undefined)
    : dismissed;
  return triage
    ? sreHealthStressorFlagDismissPermission
    : sreHealthAnnotationUpdatePermission;
}
