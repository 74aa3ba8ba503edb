import type { Knex } from 'knex';
import { unitOfWork } from '../database/unitOfWork';

/** Alert firings per entity, idempotent on (entity, alert, start). @internal */
export class AlertFiringStore {
  constructor(private readonly db: Knex) {}

  async record(entityRef: string, firings: Array<{ alertName: string; startsAt: Date }>): Promise<number> {
    return unitOfWork(this.db, { entityRefs: [entityRef] }, async trx => {
      let written = 0;
      for (let i = 0; i < firings.length; i += 200) {
        const rows = firings.slice(i, i + 200).map(f => ({
          entity_ref: entityRef,
          alert_name: f.alertName,
          starts_at: f.startsAt,
        }));
        await trx('alert_firings').insert(rows).onConflict(['entity_ref', 'alert_name', 'starts_at']).ignore();
        written += rows.length;
      }
      return written;
    });
  }

  /** How often each alert fired since `since`, most frequent first. */
  async counts(entityRef: string, since: Date): Promise<Array<{ alertName: string; firings: number; lastFiredAt: Date }>> {
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
      lastFiredAt: r.last instanceof Date ? r.last : new Date(Number.isFinite(Number(r.last)) ? Number(r.last) : r.last),
    }));
  }
}
