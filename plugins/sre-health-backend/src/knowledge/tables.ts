import type { DbTimestamp } from '../database/tables';

/** A row of `truck_factor_analyses`, as knex returns it. @internal */
export interface TruckFactorAnalysisRow {
  entity_ref: string;
  repository: string;
  status: 'ok' | 'unavailable';
  reason: string | null;
  head_sha: string | null;
  /** TruckFactorState, JSON. */
  state: string | null;
  /** StoredTruckFactorResult, JSON. */
  result: string | null;
  /** StoredAuthorship, JSON. */
  authorship: string | null;
  analyzed_at: DbTimestamp;
  duration_ms: number;
}

/** A row of `oncall_shifts`. @internal */
export interface OnCallShiftRow {
  entity_ref: string;
  user_ref: string;
  starts_at: DbTimestamp;
  ends_at: DbTimestamp;
  source: string;
  recorded_at: DbTimestamp;
}
