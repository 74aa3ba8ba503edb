import type {
  FlagSource,
  FlagStatus,
  StressorFlag,
} from '@internal/backstage-plugin-sre-health-common';
import type { RecordMapping } from '../database/VersionedRepository';
import { pick, versioned } from '../database/mapping';
import { VersionedRow, toIsoOrNull, DbTimestamp } from '../database/tables';

/** @internal */
export interface StressorFlagRow extends VersionedRow {
  entity_ref: string;
  stressor_key: string;
  stress_level: number;
  evidence: string;
  status: string;
  source: string;
  author: string;
  resolved_at: DbTimestamp | null;
  level_override: number | null;
  confirmed_by: string | null;
  dismissed_reason: string | null;
  facts: string | null;
  detected_at: DbTimestamp | null;
}

/** @internal */
export interface NewStressorFlag {
  entityRef: string;
  stressorKey: string;
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
    'stressLevel' | 'evidence' | 'status' | 'levelOverride' | 'dismissedReason' | 'source' | 'facts'
  >
> & {
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
  orderBy: [
    { column: 'stress_level', order: 'desc' },
    { column: 'created_at', order: 'asc' },
  ],
  toRecord: row => ({
    ...versioned(row),
    entityRef: row.entity_ref,
    stressorKey: row.stressor_key,
    stressLevel: Number(row.stress_level),
    evidence: row.evidence,
    status: row.status as FlagStatus,
    source: row.source as FlagSource,
    author: row.author,
    resolvedAt: toIsoOrNull(row.resolved_at),
    levelOverride: row.level_override === null ? null : Number(row.level_override),
    confirmedBy: row.confirmed_by,
    dismissedReason: row.dismissed_reason,
    facts: row.facts ? JSON.parse(row.facts) : null,
    detectedAt: toIsoOrNull(row.detected_at),
  }),
  fromCreate: (input, actor, now) => ({
    entity_ref: input.entityRef,
    stressor_key: input.stressorKey,
    stress_level: input.stressLevel,
    evidence: input.evidence,
    status: input.status,
    source: input.source ?? 'sre',
    author: actor,
    resolved_at: input.status === 'resolved' ? now : null,
    level_override: null,
    confirmed_by: null,
    dismissed_reason: null,
    facts: input.facts ? JSON.stringify(input.facts) : null,
    detected_at: input.source === 'detected' ? now : null,
  }),
  fromUpdate: (input, current, now, actor) => {
    const changes = pick<StressorFlagRow>(input, {
      stressLevel: 'stress_level',
      evidence: 'evidence',
      status: 'status',
      levelOverride: 'level_override',
      dismissedReason: 'dismissed_reason',
      source: 'source',
    });
    if (input.facts) changes.facts = JSON.stringify(input.facts);
    if (input.detected) changes.detected_at = now;
    if (input.status && input.status !== current.status) {
      changes.resolved_at = input.status === 'resolved' ? now : null;
      if (input.status !== 'dismissed') changes.dismissed_reason = null;
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
