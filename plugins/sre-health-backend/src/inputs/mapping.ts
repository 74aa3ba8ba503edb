import type {
  AlertDiagnosis,
  Complaint,
  DeferredProblem,
  Versioned,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { RecordMapping } from '../database/VersionedRepository';
import { pick, versioned } from '../database/mapping';
import { VersionedRow, toIso, DbTimestamp } from '../database/tables';

/** @internal */
export interface DeferredProblemRow extends VersionedRow {
  entity_ref: string;
  title: string;
  deferred_until: string;
  due_date: string | null;
  status: string;
  author: string;
}

/** @internal */
export interface ComplaintRow extends VersionedRow {
  entity_ref: string;
  received_at: DbTimestamp;
  summary: string;
  source: string;
  author: string;
}

/** @internal */
export interface AlertDiagnosisRow extends VersionedRow {
  entity_ref: string;
  alert_name: string;
  diagnosis: string;
  runbook_url: string;
  owner_ref: string;
  author: string;
}

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
