import type { Knex } from 'knex';

/**
 * A counter per entity (or team) ref of the writes to what its tab shows, so a cached read
 * can tell with one indexed query whether it is still current (see EntityHealthCache).
 * Bumped in the write's own transaction, never before it: a reader that sees the new
 * revision must also see the write. Writes never call this: they go through `unitOfWork`
 * (./unitOfWork.ts), the only caller, which bumps every ref the write touched.
 * @internal
 */
export async function bumpEntityRevision(
  db: Knex | Knex.Transaction,
  entityRef: string,
): Promise<void> {
  await db('entity_revisions')
    .insert({ entity_ref: entityRef, revision: 1 })
    .onConflict('entity_ref')
    .merge({ revision: db.raw('entity_revisions.revision + 1') });
}

/**
 * The revision of each ref, 0 for a ref never written. Every cached tab read runs this, so
 * it is plain SQL: knex's query builder cost more than the indexed lookup (bench/load).
 * @internal
 */
export async function readEntityRevisions(
  db: Knex,
  entityRefs: readonly string[],
): Promise<Map<string, number>> {
  const revisions = new Map(entityRefs.map(ref => [ref, 0]));
  if (entityRefs.length === 0) return revisions;
  const raw = await db.raw(
    `SELECT entity_ref, revision FROM entity_revisions WHERE entity_ref IN (${entityRefs
      .map(() => '?')
      .join(', ')})`,
    [...entityRefs],
  );
  const rows: Array<{ entity_ref: string; revision: number | string }> =
    Array.isArray(raw) ? raw : raw.rows;
  for (const row of rows) revisions.set(row.entity_ref, Number(row.revision));
  return revisions;
}
