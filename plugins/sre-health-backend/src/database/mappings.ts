import type { Knex } from 'knex';
import type {
  AlertDiagnosis,
  Complaint,
  DeferredProblem,
  Versioned,
  Engagement,
  EngagementPhase,
  ExpertiseLevel,
  ExpertiseRecord,
  Fire,
  FireKind,
  FlagSource,
  FlagStatus,
  OpsLoadSample,
  Postmortem,
  SloDefinitionRecord,
  StressorFlag,
} from '@internal/backstage-plugin-sre-health-common';
import { RecordMapping } from './VersionedRepository';
import { sloDocumentJson } from '../slo/sloDocument';
import {
  AlertDiagnosisRow,
  ComplaintRow,
  DeferredProblemRow,
  EngagementRow,
  ExpertiseRow,
  FireRow,
  OpsLoadSampleRow,
  PostmortemRow,
  SloDefinitionRow,
  StressorFlagRow,
  VersionedRow,
  toIso,
  toIsoOrNull,
} from './tables';

/*
 * Row <-> record mapping of each table. Inputs here are already validated by the
 * request schemas in -common; these functions only translate.
 */

function versioned(row: VersionedRow) {
  return {
    id: row.id,
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** Only the fields present in `input` are copied, renamed to their columns. */
function pick<TRow>(
  input: Record<string, unknown>,
  columns: Record<string, keyof TRow>,
) {
  const out: Partial<TRow> = {};
  for (const [field, column] of Object.entries(columns)) {
    if (input[field] !== undefined) {
      (out as Record<string, unknown>)[column as string] = input[field];
    }
  }
  return out;
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

/** @internal */
export interface NewEngagement {
  teamRef: string;
  sreRef: string;
  startDate: string;
  goals: string;
}
/** @internal */
export type EngagementChanges = Partial<
  Pick<Engagement, 'phase' | 'goals' | 'endDate'>
>;

/** @internal */
export async function activeEngagementRow(
  db: Knex | Knex.Transaction,
  teamRef: string,
): Promise<EngagementRow | undefined> {
  return db<EngagementRow>('engagements')
    .where({ team_ref: teamRef })
    .whereNot({ phase: 'closed' })
    .first();
}

/** @internal */
export const engagementMapping: RecordMapping<
  Engagement,
  EngagementRow,
  NewEngagement,
  EngagementChanges
> = {
  resourceType: 'engagement',
  table: 'engagements',
  refColumn: 'team_ref',
  orderBy: [{ column: 'start_date', order: 'desc' }],
  toRecord: row => ({
    ...versioned(row),
    teamRef: row.team_ref,
    sreRef: row.sre_ref,
    phase: row.phase as EngagementPhase,
    startDate: row.start_date,
    endDate: row.end_date,
    goals: row.goals,
    createdBy: row.created_by,
  }),
  fromCreate: (input, actor) => ({
    team_ref: input.teamRef,
    sre_ref: input.sreRef,
    phase: 'learn',
    start_date: input.startDate,
    end_date: null,
    goals: input.goals,
    created_by: actor,
  }),
  fromUpdate: input =>
    pick<EngagementRow>(input, {
      phase: 'phase',
      goals: 'goals',
      endDate: 'end_date',
    }),
  describeDuplicate: async (trx, values, current) => {
    const teamRef = values.team_ref ?? current?.teamRef ?? '';
    const active = await activeEngagementRow(trx, teamRef);
    return active
      ? `${teamRef} already has an embedded SRE: ${active.sre_ref} (engagement ${active.id}, phase ${active.phase}). Only one SRE is embedded in a team at a time.`
      : `${teamRef} already has an active engagement. Only one SRE is embedded in a team at a time.`;
  },
};

/** @internal */
export interface NewPostmortem {
  entityRef: string;
  title: string;
  occurredAt: string;
  impact: string;
  actionItems: Array<{ text: string }>;
}

/** @internal */
export const postmortemMapping: RecordMapping<
  Postmortem,
  PostmortemRow,
  NewPostmortem,
  Partial<Omit<NewPostmortem, 'entityRef'>>
> = {
  resourceType: 'postmortem',
  table: 'postmortems',
  refColumn: 'entity_ref',
  orderBy: [{ column: 'occurred_at', order: 'desc' }],
  toRecord: row => ({
    ...versioned(row),
    entityRef: row.entity_ref,
    title: row.title,
    occurredAt: toIso(row.occurred_at),
    impact: row.impact,
    actionItems: JSON.parse(row.action_items),
    author: row.author,
  }),
  fromCreate: (input, actor) => ({
    entity_ref: input.entityRef,
    title: input.title,
    occurred_at: new Date(input.occurredAt),
    impact: input.impact,
    action_items: JSON.stringify(input.actionItems),
    author: actor,
  }),
  fromUpdate: input => {
    const changes = pick<PostmortemRow>(input, {
      title: 'title',
      impact: 'impact',
    });
    if (input.occurredAt) changes.occurred_at = new Date(input.occurredAt);
    if (input.actionItems)
      changes.action_items = JSON.stringify(input.actionItems);
    return changes;
  },
  describeDuplicate: async () => 'postmortem already exists',
};

/** @internal */
export interface NewFire {
  entityRef: string;
  title: string;
  occurredAt: string;
  kind: FireKind;
  rationale: string;
}

/** @internal */
export const fireMapping: RecordMapping<
  Fire,
  FireRow,
  NewFire,
  Partial<Omit<NewFire, 'entityRef'>>
> = {
  resourceType: 'fire',
  table: 'fires',
  refColumn: 'entity_ref',
  orderBy: [{ column: 'occurred_at', order: 'desc' }],
  toRecord: row => ({
    ...versioned(row),
    entityRef: row.entity_ref,
    title: row.title,
    occurredAt: toIso(row.occurred_at),
    kind: row.kind as FireKind,
    rationale: row.rationale,
    author: row.author,
  }),
  fromCreate: (input, actor) => ({
    entity_ref: input.entityRef,
    title: input.title,
    occurred_at: new Date(input.occurredAt),
    kind: input.kind,
    rationale: input.rationale,
    author: actor,
  }),
  fromUpdate: input => {
    const changes = pick<FireRow>(input, {
      title: 'title',
      kind: 'kind',
      rationale: 'rationale',
    });
    if (input.occurredAt) changes.occurred_at = new Date(input.occurredAt);
    return changes;
  },
  describeDuplicate: async () => 'fire already exists',
};

/** @internal */
export interface NewOpsLoadSample {
  teamRef: string;
  weekStart: string;
  opsHours: number;
  projectHours: number;
}

/** @internal */
export const opsLoadSampleMapping: RecordMapping<
  OpsLoadSample,
  OpsLoadSampleRow,
  NewOpsLoadSample,
  Partial<Pick<NewOpsLoadSample, 'opsHours' | 'projectHours'>>
> = {
  resourceType: 'ops-load-sample',
  table: 'ops_load_samples',
  refColumn: 'team_ref',
  orderBy: [{ column: 'week_start', order: 'asc' }],
  toRecord: row => ({
    ...versioned(row),
    teamRef: row.team_ref,
    weekStart: row.week_start,
    opsHours: Number(row.ops_hours),
    projectHours: Number(row.project_hours),
    author: row.author,
  }),
  fromCreate: (input, actor) => ({
    team_ref: input.teamRef,
    week_start: input.weekStart,
    ops_hours: input.opsHours,
    project_hours: input.projectHours,
    author: actor,
  }),
  fromUpdate: input =>
    pick<OpsLoadSampleRow>(input, {
      opsHours: 'ops_hours',
      projectHours: 'project_hours',
    }),
  describeDuplicate: async (_trx, values) =>
    `${values.team_ref} already has an ops-load sample for the week of ${values.week_start}; update it instead`,
};

/** @internal */
export interface NewExpertise {
  entityRef: string;
  userRef: string;
  level: ExpertiseLevel;
}

/** @internal */
export const expertiseMapping: RecordMapping<
  ExpertiseRecord,
  ExpertiseRow,
  NewExpertise,
  { level?: ExpertiseLevel }
> = {
  resourceType: 'expertise',
  table: 'expertise',
  refColumn: 'entity_ref',
  orderBy: [{ column: 'user_ref', order: 'asc' }],
  toRecord: row => ({
    ...versioned(row),
    entityRef: row.entity_ref,
    userRef: row.user_ref,
    level: row.level as ExpertiseLevel,
    author: row.author,
  }),
  fromCreate: (input, actor) => ({
    entity_ref: input.entityRef,
    user_ref: input.userRef,
    level: input.level,
    author: actor,
  }),
  fromUpdate: input => pick<ExpertiseRow>(input, { level: 'level' }),
  describeDuplicate: async (_trx, values) =>
    `${values.user_ref}'s expertise on ${values.entity_ref} is already recorded; update it instead`,
};

/** @internal */
export interface NewSloDefinition {
  entityRef: string;
  name: string;
  document: Record<string, unknown>;
}

/** @internal */
export const sloDefinitionMapping: RecordMapping<
  SloDefinitionRecord,
  SloDefinitionRow,
  NewSloDefinition,
  { document?: Record<string, unknown> }
> = {
  resourceType: 'slo-definition',
  table: 'slo_definitions',
  refColumn: 'entity_ref',
  orderBy: [{ column: 'name', order: 'asc' }],
  toRecord: row => ({
    ...versioned(row),
    entityRef: row.entity_ref,
    name: row.name,
    document: JSON.parse(row.document),
    author: row.author,
  }),
  fromCreate: (input, actor) => ({
    entity_ref: input.entityRef,
    name: input.name,
    document: sloDocumentJson(input.document),
    author: actor,
  }),
  fromUpdate: input =>
    input.document ? { document: sloDocumentJson(input.document) } : {},
  describeDuplicate: async (_trx, values) =>
    `${values.entity_ref} already has an SLO named ${values.name}; update it instead`,
};

/** @internal */
export const deferredProblemMapping: RecordMapping<
  DeferredProblem,
  DeferredProblemRow,
  Omit<DeferredProblem, keyof Versioned | 'author'>,
  Partial<Pick<DeferredProblem, 'title' | 'deferredUntil' | 'dueDate' | 'status'>>
> = {
  resourceType: 'deferred-problem',
  table: 'deferred_problems',
  refColumn: 'entity_ref',
  orderBy: [{ column: 'created_at', order: 'asc' }],
  toRecord: row => ({
    ...versioned(row),
    entityRef: row.entity_ref,
    title: row.title,
    deferredUntil: row.deferred_until,
    dueDate: row.due_date,
    status: row.status as DeferredProblem['status'],
    author: row.author,
  }),
  fromCreate: (input, actor) => ({
    entity_ref: input.entityRef,
    title: input.title,
    deferred_until: input.deferredUntil,
    due_date: input.dueDate ?? null,
    status: input.status,
    author: actor,
  }),
  fromUpdate: input =>
    pick<DeferredProblemRow>(input, {
      title: 'title',
      deferredUntil: 'deferred_until',
      dueDate: 'due_date',
      status: 'status',
    }),
  describeDuplicate: async () => 'deferred problem already exists',
};

/** @internal */
export const complaintMapping: RecordMapping<
  Complaint,
  ComplaintRow,
  Omit<Complaint, keyof Versioned | 'author'>,
  Partial<Pick<Complaint, 'summary' | 'source'>>
> = {
  resourceType: 'complaint',
  table: 'complaints',
  refColumn: 'entity_ref',
  orderBy: [{ column: 'received_at', order: 'desc' }],
  toRecord: row => ({
    ...versioned(row),
    entityRef: row.entity_ref,
    receivedAt: toIso(row.received_at),
    summary: row.summary,
    source: row.source,
    author: row.author,
  }),
  fromCreate: (input, actor) => ({
    entity_ref: input.entityRef,
    received_at: new Date(input.receivedAt),
    summary: input.summary,
    source: input.source,
    author: actor,
  }),
  fromUpdate: input => pick<ComplaintRow>(input, { summary: 'summary', source: 'source' }),
  describeDuplicate: async () => 'complaint already exists',
};

/** @internal */
export const alertDiagnosisMapping: RecordMapping<
  AlertDiagnosis,
  AlertDiagnosisRow,
  Omit<AlertDiagnosis, keyof Versioned | 'author'>,
  Partial<Pick<AlertDiagnosis, 'diagnosis' | 'runbookUrl' | 'ownerRef'>>
> = {
  resourceType: 'alert-diagnosis',
  table: 'alert_diagnoses',
  refColumn: 'entity_ref',
  orderBy: [{ column: 'alert_name', order: 'asc' }],
  toRecord: row => ({
    ...versioned(row),
    entityRef: row.entity_ref,
    alertName: row.alert_name,
    diagnosis: row.diagnosis,
    runbookUrl: row.runbook_url,
    ownerRef: row.owner_ref,
    author: row.author,
  }),
  fromCreate: (input, actor) => ({
    entity_ref: input.entityRef,
    alert_name: input.alertName,
    diagnosis: input.diagnosis,
    runbook_url: input.runbookUrl,
    owner_ref: input.ownerRef,
    author: actor,
  }),
  fromUpdate: input =>
    pick<AlertDiagnosisRow>(input, {
      diagnosis: 'diagnosis',
      runbookUrl: 'runbook_url',
      ownerRef: 'owner_ref',
    }),
  describeDuplicate: async (_trx, values) =>
    `${values.entity_ref} already has a diagnosis for ${values.alert_name}; update it instead`,
};
