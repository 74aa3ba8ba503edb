import type { Knex } from 'knex';
import { isoWeekStart } from '@sre-health/backstage-plugin-sre-health-common';
import { unitOfWork } from '../database/unitOfWork';
import { toIso } from '../database/tables';

/** An on-call interrupt record as a pusher sends it. @internal */
export interface PushedInterrupt {
  userRef?: string;
  startsAt: string;
  count: number;
  minutes: number;
  cause?: string;
}

/** A stored interrupt record. @internal */
export interface InterruptRecord {
  teamRef: string;
  userRef: string | null;
  startsAt: string;
  weekStart: string;
  count: number;
  minutes: number;
  cause: string | null;
  source: string;
}

const KEY = ['team_ref', 'user_ref', 'starts_at', 'cause'];

/**
 * On-call interrupt records pushed per team (and person), idempotent on their natural key
 * (team, user, start, cause): pushing the same record again replaces its figures.
 * @internal
 */
export class InterruptStore {
  constructor(private readonly db: Knex) {}

  async push(
    teamRef: string,
    records: ReadonlyArray<PushedInterrupt>,
    source: string,
    now: Date,
  ): Promise<number> {
    return unitOfWork(this.db, { entityRefs: [teamRef] }, async trx => {
      for (let i = 0; i < records.length; i += 200) {
        const rows = records.slice(i, i + 200).map(r => ({
          team_ref: teamRef,
          user_ref: r.userRef ?? '',
          starts_at: new Date(r.startsAt),
          week_start: isoWeekStart(r.startsAt),
          cause: r.cause ?? '',
          count: r.count,
          minutes: r.minutes,
          source,
          pushed_at: now,
        }));
        await trx('oncall_interrupts')
          .insert(rows)
          .onConflict(KEY)
          .merge(['count', 'minutes', 'source', 'pushed_at', 'week_start']);
      }
      return records.length;
    });
  }

  /** The team's records from `since` on, oldest first. */
  async list(teamRef: string, since: Date): Promise<InterruptRecord[]> {
    const rows = await this.db('oncall_interrupts')
      .where({ team_ref: teamRef })
      .andWhere('starts_at', '>=', since)
      .orderBy('starts_at');
    return rows.map((r: any) => ({
      teamRef: r.team_ref,
      userRef: r.user_ref || null,
      startsAt: toIso(r.starts_at),
      weekStart: r.week_start,
      count: Number(r.count),
      minutes: Number(r.minutes),
      cause: r.cause || null,
      source: r.source,
    }));
  }
}
