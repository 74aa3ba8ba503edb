import type { Knex } from 'knex';
import { bumpEntityRevision } from './entityRevisions';

const TOUCHED = Symbol('sre-health.touchedEntityRefs');

/**
 * A transaction opened by {@link unitOfWork}: it remembers the entity (or team) refs its
 * writes touched. Audited writes take one, so a write cannot happen outside a unit of work.
 * @internal
 */
export type WriteTransaction = Knex.Transaction & {
  readonly [TOUCHED]: Set<string>;
};

/** Marks `entityRefs` as changed by this unit of work: their revisions move at its end. @internal */
export function touch(trx: WriteTransaction, ...entityRefs: string[]): void {
  const touched = trx[TOUCHED];
  if (!touched) {
    throw new Error('touch() needs a transaction opened by unitOfWork()');
  }
  for (const ref of entityRefs) touched.add(ref);
}

/**
 * The one way a write reaches the database. Runs `work` in a transaction; the refs given
 * here and those the work touches get their revision bumped once each, in that same
 * transaction, just before it commits. A reader that sees the new revision therefore sees
 * the write, and a write that rolls back (a 409, a bad body) moves no revision.
 * @internal
 */
export async function unitOfWork<T>(
  db: Knex,
  options: { entityRefs?: readonly string[] },
  work: (trx: WriteTransaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async raw => {
    Object.defineProperty(raw, TOUCHED, {
      value: new Set<string>(options.entityRefs ?? []),
      enumerable: false,
    });
    const trx = raw as WriteTransaction;
    const result = await work(trx);
    // Sorted, so two units of work bumping the same refs never wait on each other in a cycle.
    for (const ref of [...trx[TOUCHED]].sort()) {
      await bumpEntityRevision(trx, ref);
    }
    return result;
  });
}
