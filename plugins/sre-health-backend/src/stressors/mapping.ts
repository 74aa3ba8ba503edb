import {
  DETECTOR_AUTHOR,
  FlagSource,
  FlagStatus,
  StressorFlag,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { RecordMapping } from '../database/VersionedRepository';
import { pick, versioned } from '../database/mapping';
import { VersionedRow, toIsoOrNull, DbTimestamp } from '../database/tables';

/** @internal */
export interface StressorFlagRow extends VersionedRow {
  entity_ref: string;
  stressor_key: string;
  /** The level the evidence proposes (the detector's, or the one the flag was raised with). */
  proposed_level: number;
  evidence: string;
  status: string;
  source: string;
  author: string;
  resolved_at: DbTimestamp | null;
  /** The team's rating: the level that counts once set. */
  rated_level: number | null;
  rated_by: string | null;
  rated_at: DbTimestamp | null;
  confirmed_by: string | null;
  dismissed_reason: string | null;
  /** While exempt: the last exempt day (YYYY-MM-DD), the justification and who granted it. */
  exempt_until: string | null;
  exempt_reason: string | null;
  exempt_by: string | null;
  facts: string | null;
  detected_at: DbTimestamp | null;
}

/** @internal */
export interface NewStressorFlag {
  entityRef: string;
  stressorKey: string;
  /** A person's flag is rated at this level by them; the detector's only proposes it. */
  stressLevel: number;
  evidence: string;
  status: FlagStatus;
  source?: FlagSource;
  facts?: Record<string, number | string>;
}
/** @internal */
export type StressorFlagChanges = Partial<
  Pick<
    StressorFlag,
    | 'evidence'
    | 'status'
    | 'dismissedReason'
    | 'exemptUntil'
    | 'exemptReason'
    | 'source'
    | 'facts'
    | 'proposedLevel'
  >
> & {
  /** A person's rating; from the detector, a proposal (the detector never rates). */
  stressLevel?: number;
  /** The caller confirms a detected flag. */
  confirm?: true;
  /** A detector saw the stressor again now. */
  detected?: true;
};

/** @internal */
export const stressorFlagMapping: RecordMapping<
  StressorFlag,
  StressorFlagRow,
  NewStressorFlag,
  StressorFlagChanges
> = {
  resourceType: 'stressor-flag',
  table: 'stressor_flags',
  refColumn: 'entity_ref',
  // by priority (see compareFlagsByPriority): rated flags by their rating, then the rest
  orderBy: [
    { column: 'rated_level', order: 'desc', nulls: 'last' },
    { column: 'proposed_level', order: 'desc' },
    { column: 'created_at', order: 'asc' },
  ],
  toRecord: row => ({
    ...versioned(row),
    entityRef: row.entity_ref,
    stressorKey: row.stressor_key,
    stressLevel: Number(row.rated_level ?? row.proposed_level),
    proposedLevel: Number(row.proposed_level),
    ratedLevel: row.rated_level === null ? null : Number(row.rated_level),
    ratedBy: row.rated_by,
    ratedAt: toIsoOrNull(row.rated_at),
    evidence: row.evidence,
    status: row.status as FlagStatus,
    source: row.source as FlagSource,
    author: row.author,
    resolvedAt: toIsoOrNull(row.resolved_at),
    confirmedBy: row.confirmed_by,
    dismissedReason: row.dismissed_reason,
    exemptUntil: row.exempt_until ?? null,
    exemptReason: row.exempt_reason ?? null,
    exemptBy: row.exempt_by ?? null,
    facts: row.facts ? JSON.parse(row.facts) : null,
    detectedAt: toIsoOrNull(row.detected_at),
  }),
  fromCreate: (input, actor, now) => ({
    entity_ref: input.entityRef,
    stressor_key: input.stressorKey,
    proposed_level: input.stressLevel,
    ...(actor === DETECTOR_AUTHOR
      ? { rated_level: null, rated_by: null, rated_at: null }
      : { rated_level: input.stressLevel, rated_by: actor, rated_at: now }),
    evidence: input.evidence,
    status: input.status,
    source: input.source ?? 'sre',
    author: actor,
    resolved_at: input.status === 'resolved' ? now : null,
    confirmed_by: null,
    dismissed_reason: null,
    exempt_until: null,
    exempt_reason: null,
    exempt_by: null,
    facts: input.facts ? JSON.stringify(input.facts) : null,
    detected_at: input.source === 'detected' ? now : null,
  }),
  fromUpdate: (input, current, now, actor) => {
    const changes = pick<StressorFlagRow>(input, {
      proposedLevel: 'proposed_level',
      evidence: 'evidence',
      status: 'status',
      dismissedReason: 'dismissed_reason',
      source: 'source',
    });
    if (input.stressLevel !== undefined) {
      if (actor === DETECTOR_AUTHOR) {
        changes.proposed_level = input.stressLevel;
      } else {
        changes.rated_level = input.stressLevel;
        changes.rated_by = actor;
        changes.rated_at = now;
      }
    }
    if (input.facts) changes.facts = JSON.stringify(input.facts);
    if (input.detected) changes.detected_at = now;
    if (input.status && input.status !== current.status) {
      changes.resolved_at = input.status === 'resolved' ? now : null;
      if (input.status !== 'dismissed') changes.dismissed_reason = null;
    }
    // An exemption lives while the flag is exempt (the database checks it): granting or
    // changing it records who did; leaving `exempt` ends it (the audit log keeps it).
    const exempt = (input.status ?? current.status) === 'exempt';
    if (exempt) {
      if (input.exemptUntil !== undefined)
        changes.exempt_until = input.exemptUntil;
      if (input.exemptReason !== undefined) {
        changes.exempt_reason = input.exemptReason;
      }
      if (
        input.status === 'exempt' ||
        input.exemptUntil !== undefined ||
        input.exemptReason !== undefined
      ) {
        changes.exempt_by = actor;
      }
    } else if (current.status === 'exempt') {
      changes.exempt_until = null;
      changes.exempt_reason = null;
      changes.exempt_by = null;
    }
    if (input.confirm) {
      changes.confirmed_by = actor;
      if (current.source === 'detected') changes.source = 'both';
    }
    return changes;
  },
  describeDuplicate: async (trx, values, current) => {
    const entityRef = values.entity_ref ?? current?.entityRef;
    const key = values.stressor_key ?? current?.stressorKey;
    const existing: StressorFlagRow | undefined = await trx('stressor_flags')
      .where({ entity_ref: entityRef, stressor_key: key })
      .whereNot({ status: 'resolved' })
      .first();
    return `${entityRef} already has an unresolved ${key} flag${
      existing ? ` (${existing.id}, flagged by ${existing.author})` : ''
    }; update that flag instead`;
  },
};
