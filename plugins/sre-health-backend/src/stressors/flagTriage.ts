import type { ResourcePermission } from '@backstage/plugin-permission-common';
import { ConflictError, InputError } from '@backstage/errors';
import {
  FlagStatus,
  StressorFlag,
  sreHealthAnnotationUpdatePermission,
  sreHealthStressorFlagDismissPermission,
} from '@sre-health/backstage-plugin-sre-health-common';

/** The fields of a flag change that decide who may make it. */
type FlagChange = {
  status?: string;
  dismissedReason?: string | null;
  exemptUntil?: string | null;
  exemptReason?: string | null;
};

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
  const triaged = current.status === 'dismissed' || current.status === 'exempt';
  const triage = changes
    ? changes.status === 'dismissed' ||
      changes.status === 'exempt' ||
      changes.dismissedReason !== undefined ||
      changes.exemptUntil !== undefined ||
      changes.exemptReason !== undefined ||
      (triaged && changes.status !== undefined)
    : triaged;
  return triage
    ? sreHealthStressorFlagDismissPermission
    : sreHealthAnnotationUpdatePermission;
}

/** Statuses a flag may be exempted from: it stresses the team now. */
const EXEMPTIBLE: ReadonlyArray<FlagStatus> = ['open', 'mitigating', 'exempt'];

/**
 * A person's change of a flag's exemption, beyond its schema: only a flag that stresses the
 * team (open or mitigating) can be exempted (409 otherwise), and an exemption's date or
 * reason belong to an exempt flag (400 naming the field otherwise).
 * @internal
 */
export function checkExemptionChange<T extends FlagChange>(
  changes: T,
  current: { id: string; status: string },
): T {
  const status = changes.status ?? current.status;
  if (
    changes.status === 'exempt' &&
    !EXEMPTIBLE.includes(current.status as FlagStatus)
  ) {
    throw new ConflictError(
      `stressor-flag ${current.id} is ${current.status}: only an open or mitigating flag can be exempted`,
    );
  }
  if (status !== 'exempt') {
    for (const field of ['exemptUntil', 'exemptReason'] as const) {
      if (changes[field] !== undefined) {
        throw new InputError(
          `Invalid body: ${field}: only an exempt flag has one; send status 'exempt' with exemptUntil and exemptReason`,
        );
      }
    }
  }
  return changes;
}
