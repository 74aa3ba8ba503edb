/**
 * Every tab read checks the revisions of its entity and owner (EntityHealthCache). Under
 * load many reads arrive in the same turn of the event loop; this answers all of them with
 * one statement, issued once the turn's reads have asked (`setImmediate`). Each read still
 * sees every write committed before it began, because the statement runs after it asked;
 * only the round trip is shared.
 * @internal
 */
export function batchedRevisions(
  read: (entityRefs: readonly string[]) => Promise<Map<string, number>>,
): (entityRefs: readonly string[]) => Promise<Map<string, number>> {
  let batch:
    | { refs: Set<string>; result: Promise<Map<string, number>> }
    | undefined;
  return async entityRefs => {
    if (!batch) {
      const refs = new Set<string>();
      const result = new Promise(resolve => setImmediate(resolve)).then(() => {
        batch = undefined;
        return read([...refs]);
      });
      batch = { refs, result };
    }
    for (const ref of entityRefs) batch.refs.add(ref);
    const all = await batch.result;
    return new Map(entityRefs.map(ref => [ref, all.get(ref) ?? 0]));
  };
}
