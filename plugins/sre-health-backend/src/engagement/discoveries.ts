import type { Knex } from 'knex';
import {
  EngagementFinds,
  engagementFinds,
} from '@sre-health/backstage-plugin-sre-health-common';

/**
 * What engagements found between two days of the scorecard's snapshots: the teams with an
 * engagement under way at some time between them, their ancestry, the groups nested under
 * them, and their counts on the two days, summed by `engagementFinds`. `scope` is the trend's selection (`['*']`: the
 * whole organisation).
 * @internal
 */
export async function readEngagementFinds(
  db: Knex,
  window: { from: string; to: string },
  scope: string[],
): Promise<EngagementFinds> {
  const rows: Array<{ team_ref: string }> = await db('engagements')
    .where('start_date', '<=', window.to)
    .where(q =>
      q.whereNot('phase', 'closed').orWhere('end_date', '>=', window.from),
    )
    .distinct('team_ref');
  const engaged = rows.map(r => r.team_ref);
  if (engaged.length === 0) {
    return { byGroup: new Map(), byStressor: new Map() };
  }
  const [ancestry, below] = await Promise.all([
    db('group_ancestors')
      .whereIn('descendant_ref', engaged)
      .select('ancestor_ref', 'descendant_ref'),
    db('group_ancestors')
      .whereIn('ancestor_ref', engaged)
      .where('depth', '>', 0)
      .distinct('descendant_ref'),
  ]);
  const nested: string[] = below.map(r => r.descendant_ref);
  const counts = await db('scorecard_snapshots')
    .whereIn('day', [window.from, window.to])
    .whereIn('group_ref', [...new Set([...engaged, ...nested])])
    .select('day', 'group_ref', 'stressor_key', 'open_flags');
  return engagementFinds({
    from: window.from,
    to: window.to,
    engaged,
    nested,
    ancestry: ancestry.map(a => ({
      ancestorRef: a.ancestor_ref,
      descendantRef: a.descendant_ref,
    })),
    counts: counts.map(c => ({
      day: c.day,
      groupRef: c.group_ref,
      stressorKey: c.stressor_key,
      openFlags: Number(c.open_flags),
    })),
    scope: scope.includes('*') ? '*' : scope,
  });
}
