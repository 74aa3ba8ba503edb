import type { Knex } from 'knex';
import type { EventCounts } from '@internal/backstage-plugin-sre-health-common';
import { unitOfWork } from '../database/unitOfWork';
import { isPostgres } from '../database/dialect';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** One minute of good/total events of one SLO. @internal */
export interface SloEventBucket {
  start: Date;
  good: number;
  total: number;
}

/** A look-back window ending now, keyed for the caller. @internal */
export interface CountWindow {
  key: string;
  from: Date;
}

const floorHour = (t: number) => Math.floor(t / HOUR) * HOUR;
const ceilHour = (t: number) => Math.ceil(t / HOUR) * HOUR;

/**
 * Pushed SLO events. Minute buckets are the truth; an hourly rollup, recomputed from them
 * for every hour a push touches, lets a 30-day status read ~720 rollup rows plus at most
 * an hour of minutes per window. A push replaces its buckets, so a retried push never
 * double counts.
 * @internal
 */
export class SloEventStore {
  constructor(private readonly db: Knex) {}

  async latestBucket(
    entityRef: string,
    sloName: string,
  ): Promise<Date | undefined> {
    const row = await this.db('slo_events')
      .where({ entity_ref: entityRef, slo_name: sloName })
      .max({ latest: 'bucket_start' })
      .first();
    return row?.latest === null || row?.latest === undefined
      ? undefined
      : toDate(row.latest);
  }

  async ingest(
    entityRef: string,
    sloName: string,
    buckets: SloEventBucket[],
  ): Promise<void> {
    if (buckets.length === 0) return;
    await unitOfWork(this.db, { entityRefs: [entityRef] }, async trx => {
      await this.lockSlo(trx, entityRef, sloName);
      const rows = buckets.map(b => ({
        entity_ref: entityRef,
        slo_name: sloName,
        bucket_start: b.start,
        hour_start: new Date(floorHour(b.start.getTime())),
        good: b.good,
        total: b.total,
      }));
      for (let i = 0; i < rows.length; i += 200) {
        await trx('slo_events')
          .insert(rows.slice(i, i + 200))
          .onConflict(['entity_ref', 'slo_name', 'bucket_start'])
          .merge(['good', 'total']);
      }
      // One range query per touched hour, each served by the primary key.
      const hours = [...new Set(rows.map(r => r.hour_start.getTime()))];
      for (const hour of hours) {
        await trx.raw(
          `INSERT INTO slo_events_hourly (entity_ref, slo_name, hour_start, good, total)
           SELECT entity_ref, slo_name, hour_start, SUM(good), SUM(total)
             FROM slo_events
            WHERE entity_ref = ? AND slo_name = ? AND bucket_start >= ? AND bucket_start < ?
            GROUP BY entity_ref, slo_name, hour_start
           ON CONFLICT (entity_ref, slo_name, hour_start)
           DO UPDATE SET good = excluded.good, total = excluded.total`,
          [entityRef, sloName, new Date(hour), new Date(hour + HOUR)],
        );
      }
    });
  }

  /** Writes precomputed hourly rollups directly (history imports, demo data). */
  async importHourly(
    entityRef: string,
    sloName: string,
    hours: SloEventBucket[],
  ): Promise<void> {
    const rows = hours.map(h => ({
      entity_ref: entityRef,
      slo_name: sloName,
      hour_start: new Date(floorHour(h.start.getTime())),
      good: h.good,
      total: h.total,
    }));
    await unitOfWork(this.db, { entityRefs: [entityRef] }, async trx => {
      for (let i = 0; i < rows.length; i += 200) {
        await trx('slo_events_hourly')
          .insert(rows.slice(i, i + 200))
          .onConflict(['entity_ref', 'slo_name', 'hour_start'])
          .ignore();
      }
    });
  }

  /**
   * Good/total events in each window [from, now]: whole hours from the rollup, the partial
   * first hour from minute buckets. Two queries whatever the number of windows.
   */
  async windowCounts(
    entityRef: string,
    sloName: string,
    now: Date,
    windows: ReadonlyArray<CountWindow>,
  ): Promise<Map<string, EventCounts>> {
    const result = new Map<string, EventCounts>(
      windows.map(w => [w.key, { good: 0, total: 0 }]),
    );
    if (windows.length === 0) return result;
    const add = (key: string, good: unknown, total: unknown) => {
      const c = result.get(key)!;
      c.good += Number(good ?? 0);
      c.total += Number(total ?? 0);
    };

    const hourly = windows.map(w => ({
      key: w.key,
      from: new Date(ceilHour(w.from.getTime())),
    }));
    const earliestHour = new Date(
      Math.min(...hourly.map(w => w.from.getTime())),
    );
    const hourSums = hourly.flatMap((_, i) => [
      `SUM(CASE WHEN hour_start >= ? THEN good ELSE 0 END) AS g${i}`,
      `SUM(CASE WHEN hour_start >= ? THEN total ELSE 0 END) AS t${i}`,
    ]);
    const hourRow = await this.db('slo_events_hourly')
      .select(
        this.db.raw(
          hourSums.join(', '),
          hourly.flatMap(w => [w.from, w.from]),
        ),
      )
      .where({ entity_ref: entityRef, slo_name: sloName })
      .andWhere('hour_start', '>=', earliestHour)
      .andWhere('hour_start', '<=', now)
      .first();
    hourly.forEach((w, i) =>
      add(w.key, hourRow?.[`g${i}`], hourRow?.[`t${i}`]),
    );

    const heads = windows
      .map(w => {
        const hour = ceilHour(w.from.getTime());
        // A window inside the current hour reads minutes up to and including `now`.
        const to = hour <= now.getTime() ? hour : now.getTime() + 1;
        return { key: w.key, from: w.from, to: new Date(to) };
      })
      .filter(h => h.from < h.to);
    if (heads.length > 0) {
      // UNION ALL of plain ranges: each uses the primary key, where an OR of ranges may
      // make the planner scan every minute of the SLO.
      const union = heads
        .map(
          () =>
            'SELECT ? AS k, SUM(good) AS g, SUM(total) AS t FROM slo_events WHERE entity_ref = ? AND slo_name = ? AND bucket_start >= ? AND bucket_start < ?',
        )
        .join(' UNION ALL ');
      const raw = await this.db.raw(
        union,
        heads.flatMap(h => [h.key, entityRef, sloName, h.from, h.to]),
      );
      const headRows: Array<{ k: string; g: unknown; t: unknown }> =
        Array.isArray(raw) ? raw : raw.rows;
      for (const row of headRows) add(row.k, row.g, row.t);
    }
    return result;
  }

  /** Hourly good/total from `from` to `to`, oldest first, for the burn-down chart. */
  async hourlySeries(
    entityRef: string,
    sloName: string,
    from: Date,
    to: Date,
  ): Promise<Array<EventCounts & { t: string }>> {
    // On PostgreSQL, epoch milliseconds: parsing ~720 timestamps into Dates on every tab
    // read cost more CPU in the backend than the rest of the read (bench/load).
    const hourStart = isPostgres(this.db)
      ? this.db.raw(
          'CAST(EXTRACT(EPOCH FROM hour_start) * 1000 AS BIGINT) AS hour_start',
        )
      : 'hour_start';
    const rows = await this.db('slo_events_hourly')
      .select(hourStart, 'good', 'total')
      .where({ entity_ref: entityRef, slo_name: sloName })
      .andWhere('hour_start', '>=', new Date(floorHour(from.getTime())))
      .andWhere('hour_start', '<=', to)
      .orderBy('hour_start', 'asc');
    return rows.map(r => ({
      t: toDate(r.hour_start).toISOString(),
      good: Number(r.good),
      total: Number(r.total),
    }));
  }

  /**
   * Timeslices over pushed events: each minute bucket is a slice, good when its ratio
   * reaches `sliceTarget`. Reads minute buckets (the rollup cannot know the slice target).
   */
  async sliceCounts(
    entityRef: string,
    sloName: string,
    now: Date,
    windows: ReadonlyArray<CountWindow>,
    sliceTarget: number,
  ): Promise<Map<string, EventCounts>> {
    const earliest = new Date(Math.min(...windows.map(w => w.from.getTime())));
    const sums = windows.flatMap((_, i) => [
      `SUM(CASE WHEN bucket_start >= ? AND good >= CAST(? AS NUMERIC) * total THEN 1 ELSE 0 END) AS g${i}`,
      `SUM(CASE WHEN bucket_start >= ? THEN 1 ELSE 0 END) AS t${i}`,
    ]);
    const row = await this.db('slo_events')
      .select(
        this.db.raw(
          sums.join(', '),
          windows.flatMap(w => [w.from, String(sliceTarget), w.from]),
        ),
      )
      .where({ entity_ref: entityRef, slo_name: sloName })
      .andWhere('total', '>', 0)
      .andWhere('bucket_start', '>=', earliest)
      .andWhere('bucket_start', '<=', now)
      .first();
    return new Map(
      windows.map((w, i) => [
        w.key,
        {
          good: Number(row?.[`g${i}`] ?? 0),
          total: Number(row?.[`t${i}`] ?? 0),
        },
      ]),
    );
  }

  /** Per hour: good slices (minutes reaching `sliceTarget`) and slices with data. */
  async hourlySliceSeries(
    entityRef: string,
    sloName: string,
    from: Date,
    to: Date,
    sliceTarget: number,
  ): Promise<Array<EventCounts & { t: string }>> {
    const rows = await this.db('slo_events')
      .select('hour_start')
      .select(
        this.db.raw(
          'SUM(CASE WHEN good >= CAST(? AS NUMERIC) * total THEN 1 ELSE 0 END) AS good',
          [String(sliceTarget)],
        ),
      )
      .count({ total: '*' })
      .where({ entity_ref: entityRef, slo_name: sloName })
      .andWhere('total', '>', 0)
      .andWhere('bucket_start', '>=', from)
      .andWhere('bucket_start', '<=', to)
      .groupBy('hour_start')
      .orderBy('hour_start', 'asc');
    return rows.map((r: any) => ({
      t: toDate(r.hour_start).toISOString(),
      good: Number(r.good),
      total: Number(r.total),
    }));
  }

  /** Serialises pushes to one SLO so concurrent rollup recomputations cannot interleave. */
  private async lockSlo(
    trx: Knex.Transaction,
    entityRef: string,
    sloName: string,
  ) {
    if (isPostgres(trx)) {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [
        `sre-health:${entityRef}:${sloName}`,
      ]);
    }
    // SQLite serialises writers on its single connection.
  }
}

function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const n = Number(value);
  return Number.isFinite(n) ? new Date(n) : new Date(String(value));
}

/** @internal */
export const SLO_BUCKET_MS = MINUTE;
