/*
 * Row types of the plugin's tables, exactly as knex returns them. Timestamps come back as
 * Date (PostgreSQL), epoch milliseconds or strings (SQLite): read them through `toIso`.
 */

/** @internal */
export type DbTimestamp = Date | number | string;

/** @internal */
export interface VersionedRow {
  id: string;
  version: number;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
}

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
export interface EngagementRow extends VersionedRow {
  team_ref: string;
  sre_ref: string;
  phase: string;
  start_date: string;
  end_date: string | null;
  goals: string;
  created_by: string;
}

/** @internal */
export interface PostmortemRow extends VersionedRow {
  entity_ref: string;
  title: string;
  occurred_at: DbTimestamp;
  impact: string;
  action_items: string;
  author: string;
}

/** @internal */
export interface FireRow extends VersionedRow {
  entity_ref: string;
  title: string;
  occurred_at: DbTimestamp;
  kind: string;
  rationale: string;
  author: string;
}

/** @internal */
export interface OpsLoadSampleRow extends VersionedRow {
  team_ref: string;
  week_start: string;
  ops_hours: number;
  project_hours: number;
  author: string;
}

/** @internal */
export interface ExpertiseRow extends VersionedRow {
  entity_ref: string;
  user_ref: string;
  level: string;
  author: string;
}

/** @internal */
export interface SloBucketRow {
  entity_ref: string;
  slo_name: string;
  bucket_start: DbTimestamp;
  good: number | string;
  total: number | string;
}

/** @internal */
export interface AuditLogRow {
  id: number | string;
  entity_ref: string;
  actor: string;
  action: string;
  resource_type: string;
  resource_id: string;
  before: string | null;
  after: string | null;
  at: DbTimestamp;
}

/** @internal */
export function toIso(value: DbTimestamp): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  // SQLite may hand back "YYYY-MM-DD HH:MM:SS.sss" (UTC) for values knex formatted itself.
  const numeric = Number(value);
  if (Number.isFinite(numeric)) return new Date(numeric).toISOString();
  return new Date(
    value.includes('T') ? value : `${value.replace(' ', 'T')}Z`,
  ).toISOString();
}

/** @internal */
export function toIsoOrNull(
  value: DbTimestamp | null | undefined,
): string | null {
  return value === null || value === undefined ? null : toIso(value);
}

/** @internal */
export interface SloDefinitionRow extends VersionedRow {
  entity_ref: string;
  name: string;
  document: string;
  author: string;
}

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
