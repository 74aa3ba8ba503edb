import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DETECTOR_AUTHOR,
  Engagement,
  StressorFlag,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { AuditLog } from '../database/AuditLog';
import type { EngagementFiguresReader } from './figures';

/** An exemption that ran out, as detection ended it. @internal */
export interface ExpiredExemption {
  flagId: string;
  entityRef: string;
  stressorKey: string;
  exemptUntil: string;
  exemptReason: string | null;
  exemptBy: string | null;
  /** What the detection run found: the stressor still there (`open`) or gone (`resolved`). */
  outcome: 'open' | 'resolved';
  /** When the detection run ended the exemption. */
  at: string;
}

/**
 * The exemptions of the team's services that ran out since the engagement started (and
 * before it closed, if it did), read from the audit log: the detector's update that moved
 * a flag out of `exempt` after its last exempt day.
 * @internal
 */
export async function expiredExemptions(
  deps: { audit: AuditLog; figures: EngagementFiguresReader },
  engagement: Engagement,
  credentials: BackstageCredentials,
  until?: string,
): Promise<ExpiredExemption[]> {
  const services = await deps.figures.services(engagement.teamRef, credentials);
  const entries = await deps.audit.listUpdates({
    entityRefs: services.map(e =>
      stringifyEntityRef(e).toLocaleLowerCase('en-US'),
    ),
    resourceType: 'stressor-flag',
    actor: DETECTOR_AUTHOR,
    since: new Date(`${engagement.startDate.slice(0, 10)}T00:00:00.000Z`),
    beforeContains: '"status":"exempt"',
  });
  return entries.flatMap(e => {
    const before = e.before as Partial<StressorFlag> | null;
    const after = e.after as Partial<StressorFlag> | null;
    if (
      before?.status !== 'exempt' ||
      !before.exemptUntil ||
      (after?.status !== 'open' && after?.status !== 'resolved') ||
      // only an exemption whose last day was over: not one the signal's end closed early
      before.exemptUntil >= e.at.slice(0, 10) ||
      (until !== undefined && e.at > until)
    ) {
      return [];
    }
    return [
      {
        flagId: e.resourceId,
        entityRef: e.entityRef,
        stressorKey: String(before.stressorKey ?? ''),
        exemptUntil: before.exemptUntil,
        exemptReason: before.exemptReason ?? null,
        exemptBy: before.exemptBy ?? null,
        outcome: after.status,
        at: e.at,
      },
    ];
  });
}
