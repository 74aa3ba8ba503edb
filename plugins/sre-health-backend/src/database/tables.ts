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

