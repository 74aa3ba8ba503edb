import { VersionedRow, toIso } from './tables';

/*
 * What every aggregate's row <-> record mapping shares. Inputs are already validated by the
 * request schemas in -common; mappings only translate.
 */

/** The versioned columns every record carries. */
export function versioned(row: VersionedRow) {
  return {
    id: row.id,
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** Only the fields present in `input` are copied, renamed to their columns. */
export function pick<TRow>(
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
