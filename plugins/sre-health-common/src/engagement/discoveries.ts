import type { ScorecardChange, ScorecardChangeLists } from '../scorecard/types';

/*
 * Stressors found during an engagement are discoveries: the embedded SRE's first job is to
 * name the team's stressors, so a count that rises while an SRE is embedded mostly means
 * they are being written down, not that the team got worse. The trend says so.
 */

/** One count of the daily snapshots: a group's open stressors of one kind on one day. @public */
export interface SnapshotCount {
  day: string;
  groupRef: string;
  stressorKey: string;
  openFlags: number;
}

/** What engagements found between two snapshot days, per group and per stressor. @public */
export interface EngagementFinds {
  /** Per group: the rises of the engaged teams it contains (itself included). */
  byGroup: Map<string, number>;
  /** Per stressor: the rises of the engaged teams within the selection. */
  byStressor: Map<string, number>;
}

/**
 * How many stressors engagements found between `from` and `to`. An engaged team's net rise
 * (what it found less what it resolved) is credited to the team and to every group it is
 * nested in; a group nested under an engaged team is the SRE's ground too, so its net rise
 * is credited to it. Per stressor, each engaged team's rise of that stressor counts when
 * the team lies within `scope` (the selected groups, or `'*'` for the whole organisation).
 * A team nested in another engaged team counts once, through the outer one.
 * @public
 */
export function engagementFinds(input: {
  from: string;
  to: string;
  /** Teams with an engagement under way at some time between the two days. */
  engaged: ReadonlyArray<string>;
  /** Groups nested under the engaged teams. */
  nested?: ReadonlyArray<string>;
  /** Ancestry of the engaged teams (every group is its own ancestor). */
  ancestry: ReadonlyArray<{ ancestorRef: string; descendantRef: string }>;
  /** The snapshot counts of the engaged teams and the groups nested under them, on the two days. */
  counts: ReadonlyArray<SnapshotCount>;
  scope: ReadonlyArray<string> | '*';
}): EngagementFinds {
  const engaged = new Set(input.engaged);
  const ancestorsOf = new Map<string, string[]>();
  for (const a of input.ancestry) {
    if (!engaged.has(a.descendantRef)) continue;
    const list = ancestorsOf.get(a.descendantRef) ?? [];
    list.push(a.ancestorRef);
    ancestorsOf.set(a.descendantRef, list);
  }
  const outer = new Set(
    [...engaged].filter(
      team =>
        !(ancestorsOf.get(team) ?? []).some(a => a !== team && engaged.has(a)),
    ),
  );
  const rise = new Map<string, Map<string, number>>();
  for (const c of input.counts) {
    if (c.day !== input.from && c.day !== input.to) continue;
    const perKey = rise.get(c.groupRef) ?? new Map<string, number>();
    const sign = c.day === input.to ? 1 : -1;
    perKey.set(
      c.stressorKey,
      (perKey.get(c.stressorKey) ?? 0) + sign * c.openFlags,
    );
    rise.set(c.groupRef, perKey);
  }
  const net = (group: string) =>
    [...(rise.get(group)?.values() ?? [])].reduce((n, d) => n + d, 0);
  const byGroup = new Map<string, number>();
  const byStressor = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n: number) =>
    map.set(key, (map.get(key) ?? 0) + n);
  for (const team of outer) {
    const ancestors = ancestorsOf.get(team) ?? [team];
    const found = net(team);
    if (found > 0) {
      for (const group of new Set([team, ...ancestors])) {
        add(byGroup, group, found);
      }
    }
    const inScope =
      input.scope === '*' || ancestors.some(a => input.scope.includes(a));
    if (!inScope) continue;
    for (const [key, delta] of rise.get(team) ?? []) {
      if (delta > 0) add(byStressor, key, delta);
    }
  }
  for (const group of new Set([...engaged, ...(input.nested ?? [])])) {
    if (outer.has(group)) continue;
    const found = net(group);
    if (found > 0) byGroup.set(group, found);
  }
  return { byGroup, byStressor };
}

/**
 * Sorts the rises of `changes` by what engagements found (`found`, by change key): a rise
 * wholly found is `discovered`; one partly found stays `worsened`, carrying its found part.
 * @public
 */
export function splitDiscoveries(
  changes: Pick<ScorecardChangeLists, 'improved' | 'worsened'>,
  found: ReadonlyMap<string, number>,
): Required<ScorecardChangeLists> {
  const worsened: ScorecardChange[] = [];
  const discovered: ScorecardChange[] = [];
  for (const change of changes.worsened) {
    const part = Math.min(change.delta, found.get(change.key) ?? 0);
    if (part <= 0) worsened.push(change);
    else if (part >= change.delta) discovered.push({ ...change, found: part });
    else worsened.push({ ...change, found: part });
  }
  return { improved: changes.improved, worsened, discovered };
}
