import type { Knex } from 'knex';
import { unitOfWork } from '../database/unitOfWork';
import { toIso } from '../database/tables';

/** A firing as recorded: a page when it reached a person. @internal */
export interface AlertFiring {
  alertName: string;
  startsAt: Date;
  /** Its resolution (Alertmanager's endsAt, or the pusher's); a future time means still firing. */
  endsAt?: Date;
  pagedUserRef?: string;
}

/** A recorded page of an entity, as the ops-time rules read it. @internal */
export interface RecordedPage {
  entityRef: string;
  alertName: string;
  startsAt: string;
  endsAt: string | null;
}

const KEY = ['entity_ref', 'alert_name', 'starts_at'];

/** Alert firings per entity, idempotent on (entity, alert, start). @internal */
export class AlertFiringStore {
  constructor(private readonly db: Knex) {}

  /**
   * Records firings; a firing already known keeps its row, and takes the end (and who was
   * paged) a later report brings.
   */
  async record(
    entityRef: string,
    firings: ReadonlyArray<AlertFiring>,
    source: 'alertmanager' | 'push' = 'push',
  ): Promise<number> {
    return unitOfWork(this.db, { entityRefs: [entityRef] }, async trx => {
      let written = 0;
      for (let i = 0; i < firings.length; i += 200) {
        const batch = firings.slice(i, i + 200);
        const row = (f: AlertFiring) => ({
          entity_ref: entityRef,
          alert_name: f.alertName,
          starts_at: f.startsAt,
          ends_at: f.endsAt ?? null,
          source,
          paged_user_ref: f.pagedUserRef ?? null,
        });
        const ended = batch.filter(f => f.endsAt).map(row);
        const open = batch.filter(f => !f.endsAt).map(row);
        if (ended.length)
          await trx('alert_firings')
            .insert(ended)
            .onConflict(KEY)
            .merge(['ends_at']);
        if (open.length)
          await trx('alert_firings').insert(open).onConflict(KEY).ignore();
        for (const f of batch.filter(b => b.pagedUserRef)) {
          await trx('alert_firings')
            .where({
              entity_ref: entityRef,
              alert_name: f.alertName,
              starts_at: f.startsAt,
            })
            .update({ paged_user_ref: f.pagedUserRef });
        }
        written += batch.length;
      }
      return written;
    });
  }

  /**
   * Alertmanager lists only alerts still firing, each with its projected end. A firing
   * recorded from it with an end still ahead that is no longer listed was resolved before
   * this poll: its end becomes `now`.
   */
  async closeUnlisted(
    listed: ReadonlyArray<{
      entityRef: string;
      alertName: string;
      startsAt: Date;
    }>,
    now: Date,
  ): Promise<number> {
    const seen = new Set(
      listed.map(
        l => `${l.entityRef}\u0000${l.alertName}\u0000${l.startsAt.getTime()}`,
      ),
    );
    const open = await this.db('alert_firings')
      .select(KEY)
      .where({ source: 'alertmanager' })
      .andWhere('ends_at', '>', now);
    let closed = 0;
    for (const r of open) {
      const startsAt = new Date(toIso(r.starts_at));
      if (
        seen.has(
          `${r.entity_ref}\u0000${r.alert_name}\u0000${startsAt.getTime()}`,
        )
      )
        continue;
      closed += await unitOfWork(this.db, { entityRefs: [r.entity_ref] }, trx =>
        trx('alert_firings')
          .where({
            entity_ref: r.entity_ref,
            alert_name: r.alert_name,
            starts_at: r.starts_at,
          })
          .update({ ends_at: now }),
      );
    }
    return closed;
  }

  /** The pages of these entities that started at or after `since`, oldest first. */
  async pages(
    entityRefs: readonly string[],
    since: Date,
  ): Promise<RecordedPage[]> {
    if (!entityRefs.length) return [];
    const rows = await this.db('alert_firings')
      .select('entity_ref', 'alert_name', 'starts_at', 'ends_at')
      .whereIn('entity_ref', entityRefs)
      .andWhere('starts_at', '>=', since)
      .orderBy('starts_at');
    return rows.map((r: any) => ({
      entityRef: r.entity_ref,
      alertName: r.alert_name,
      startsAt: toIso(r.starts_at),
      endsAt:
        r.ends_at === null || r.ends_at === undefined ? null : toIso(r.ends_at),
    }));
  }

  /** How often each alert fired since `since`, most frequent first. */
  async counts(
    entityRef: string,
    since: Date,
  ): Promise<Array<{ alertName: string; firings: number; lastFiredAt: Date }>> {
    const rows = await this.db('alert_firings')
      .select('alert_name')
      .count({ firings: '*' })
      .max({ last: 'starts_at' })
      .where({ entity_ref: entityRef })
      .andWhere('starts_at', '>=', since)
      .groupBy('alert_name')
      .orderBy('firings', 'desc');
    return rows.map((r: any) => ({
      alertName: r.alert_name,
      firings: Number(r.firings),
      lastFiredAt:
        r.last instanceof Date
          ? r.last
          : new Date(Number.isFinite(Number(r.last)) ? Number(r.last) : r.last),
    }));
  }
}
