import type { Knex } from 'knex';

/**
 * Whether `db` (or a transaction of it) talks to PostgreSQL rather than the embedded SQLite:
 * the one place the plugin asks, for the few queries written per database.
 * @internal
 */
export function isPostgres(db: Knex | Knex.Transaction): boolean {
  const client = String(db.client.config.client ?? '');
  return client === 'pg' || client.includes('postgres');
}
