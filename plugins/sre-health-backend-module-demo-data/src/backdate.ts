import type { Knex } from 'knex';

/**
 * Dates a record the demo has just written through the ordinary store (which stamps every
 * insert "now") to when it happened in the demo's story: the row's created_at/updated_at
 * (plus any `extra` columns) and the audit entries written for it, so its age, its history
 * and the engagement timeline agree. Only the demo seeding calls this; the production
 * write path keeps stamping the real time.
 * @internal
 */
export async function backdate(
  db: Knex,
  table: string,
  id: string,
  when: Date,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await db(table)
    .where({ id })
    .update({ created_at: when, updated_at: when, ...extra });
  await db('audit_log').where({ resource_id: id }).update({ at: when });
}
