import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import { nestedGroupRefs, parentGroupRefs } from '../catalog/nestedGroups';

/*
 * One SRE at a time, the book's rule, across nested groups and per SRE. An active
 * engagement holds a seat in its team and in every group nested under it when it started;
 * the database keeps one seat per group (a partial unique index on engagement_seats) and
 * one engagement without an override per SRE (a partial unique index on engagements). The
 * checks here run first, to name the engagement in the way, and cover what the catalog
 * knows but the seats cannot: a group nested under an engaged one after that engagement
 * started.
 */

type Db = Knex | Knex.Transaction;

/** The groups an engagement with a team occupies, and the groups above it. @internal */
export interface SeatPlan {
  teamRef: string;
  /** The team and the groups nested under it. */
  groups: string[];
  /** The groups the team is nested in. */
  ancestors: string[];
}

/** An active engagement in the way, and the group where it sits. */
interface Holder {
  id: string;
  team_ref: string;
  sre_ref: string;
  phase: string;
  group_ref: string;
}

/** The seats an engagement with `team` takes, read from the catalog as the caller sees it. @internal */
export async function planSeats(
  catalog: CatalogService,
  team: Entity,
  credentials: BackstageCredentials,
): Promise<SeatPlan> {
  const [groups, ancestors] = await Promise.all([
    nestedGroupRefs(catalog, team, credentials),
    parentGroupRefs(catalog, team, credentials),
  ]);
  return { teamRef: groups[0], groups, ancestors };
}

/** Active engagements holding a seat in any of `refs`, or (engagements without seats) of those teams. */
async function holders(db: Db, refs: string[]): Promise<Holder[]> {
  if (refs.length === 0) return [];
  const columns = ['e.id', 'e.team_ref', 'e.sre_ref', 'e.phase'];
  const [teams, seated] = await Promise.all([
    db('engagements as e')
      .whereNot('e.phase', 'closed')
      .whereIn('e.team_ref', refs)
      .select([...columns, 'e.team_ref as group_ref']),
    db('engagement_seats as s')
      .join('engagements as e', 'e.id', 's.engagement_id')
      .whereNot('s.engagement_phase', 'closed')
      .whereIn('s.group_ref', refs)
      .select([...columns, 's.group_ref']),
  ]);
  return [...teams, ...seated];
}

/** The SRE's active engagements; with `withoutOverride`, those started without one. */
function sreEngagements(
  db: Db,
  sreRef: string,
  withoutOverride = false,
): Promise<Holder[]> {
  const query = db('engagements as e')
    .where('e.sre_ref', sreRef)
    .whereNot('e.phase', 'closed')
    .orderBy('e.start_date', 'asc')
    .select('e.id', 'e.team_ref', 'e.sre_ref', 'e.phase');
  if (withoutOverride) query.whereNull('e.concurrent_reason');
  return query;
}

const who = (h: Holder) =>
  `${h.sre_ref} (engagement ${h.id}, phase ${h.phase})`;

function seatConflict(
  plan: Pick<SeatPlan, 'teamRef' | 'ancestors'>,
  h: Holder,
) {
  const { teamRef } = plan;
  if (h.team_ref === teamRef) {
    return `${teamRef} already has an embedded SRE: ${who(
      h,
    )}. Only one SRE is embedded in a team at a time.`;
  }
  // the engagement sits in this team, or in a group above it: this team is nested under it
  const above = h.group_ref === teamRef || plan.ancestors.includes(h.team_ref);
  return above
    ? `${teamRef} is nested under ${
        h.team_ref
      }, which already has an embedded SRE: ${who(
        h,
      )}. Only one SRE is embedded at a time across nested groups.`
    : `${
        h.team_ref
      }, nested under ${teamRef}, already has an embedded SRE: ${who(
        h,
      )}. Only one SRE is embedded at a time across nested groups.`;
}

function sreConflict(sreRef: string, others: Holder[]): string {
  const teams = others
    .map(e => `${e.team_ref} (engagement ${e.id}, phase ${e.phase})`)
    .join(', ');
  return `${sreRef} is already embedded with ${teams}. One SRE is embedded with one team at a time: a second engagement at the same time needs concurrentReason, saying why it cannot wait.`;
}

/**
 * 409 naming the engagement in the way: one holding a seat of the team, of a group nested
 * under it or above it; or, without `concurrentReason`, another engagement of the SRE.
 * @internal
 */
export async function assertCanStart(
  db: Db,
  plan: SeatPlan,
  sreRef: string,
  concurrentReason: string | null | undefined,
): Promise<void> {
  const [inTheWay] = await holders(db, [...plan.groups, ...plan.ancestors]);
  if (inTheWay) {
    throw new ConflictError(seatConflict(plan, inTheWay));
  }
  if (!concurrentReason) {
    const others = await sreEngagements(db, sreRef);
    if (others.length > 0) throw new ConflictError(sreConflict(sreRef, others));
  }
}

/** Takes the seats of a new engagement, in its transaction. @internal */
export async function claimSeats(
  trx: Knex.Transaction,
  engagement: { id: string; phase: string },
  groups: ReadonlyArray<string>,
): Promise<void> {
  if (groups.length === 0) return;
  await trx('engagement_seats').insert(
    [...new Set(groups)].map(group_ref => ({
      engagement_id: engagement.id,
      engagement_phase: engagement.phase,
      group_ref,
    })),
  );
}

/**
 * Which rule a start broke when the database refused it (a unique index), for the 409: a
 * racing start took a seat, or the SRE's one engagement without an override.
 * @internal
 */
export async function describeStartConflict(
  db: Db,
  start: { teamRef: string; sreRef: string; groups: ReadonlyArray<string> },
): Promise<string> {
  const plan = { teamRef: start.teamRef, ancestors: [] };
  const [inTheWay] = await holders(db, [
    ...new Set([start.teamRef, ...start.groups]),
  ]);
  if (inTheWay) return seatConflict(plan, inTheWay);
  const others = await sreEngagements(db, start.sreRef, true);
  if (others.length > 0) return sreConflict(start.sreRef, others);
  return `${start.teamRef} already has an active engagement. Only one SRE is embedded in a team at a time.`;
}
