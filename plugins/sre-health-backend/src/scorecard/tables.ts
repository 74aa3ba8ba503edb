import type { DbTimestamp } from '../database/tables';

/** A service as the scorecard task copied it from the catalog. @internal */
export interface ScorecardEntityRow {
  entity_ref: string;
  name: string;
  title: string | null;
  owner_ref: string | null;
  system_ref: string | null;
  lifecycle: string | null;
  tier: string;
  slo_status: string | null;
  slo_budget_remaining: number | null;
  slo_count: number;
  truck_factor: number | null;
  synced_at: DbTimestamp;
}

/** @internal */
export interface ScorecardGroupRow {
  group_ref: string;
  name: string;
  title: string | null;
  type: string | null;
  parent_ref: string | null;
}

/** Closure of the group hierarchy: every group is its own ancestor at depth 0. @internal */
export interface GroupAncestorRow {
  ancestor_ref: string;
  descendant_ref: string;
  depth: number;
}

/** @internal */
export interface ScorecardSnapshotDayRow {
  day: string;
  taken_at: DbTimestamp;
  services: number;
  open_flags: number;
}

/** @internal */
export interface ScorecardSnapshotRow {
  day: string;
  group_ref: string;
  stressor_key: string;
  open_flags: number;
}
