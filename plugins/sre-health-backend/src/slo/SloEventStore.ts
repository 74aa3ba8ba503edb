import type { Knex } from 'knex';
import type { EventCounts } from '@sre-health/backstage-plugin-sre-health-common';
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

/**
 * One hour of the rollup. `t` is formatted when read: a burn-down reads it for one point in
 * four or five, and formatting ~720 timestamps per SLO on every tab read showed in profiles.
 * @internal
 */
export class HourCounts implements EventCounts {
  constructor(
    /** The hour's start, epoch milliseconds. */
    readonly hour: number,
    readonly good: number,
    readonly total: number,
  ) {}

  get t(): string {
    return new Date(this.hour).toISOString();
  }
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
      await this.write(trx, entityRef, sloName, buckets);
    });
  }

  /**
   * Writes the buckets like `ingest`, and tells how many minutes were already stored with
   * the same counts (`unchanged`) or with others (`replaced`), as read in the same
   * transaction: what a backfill run again reports.
   */
  async backfill(
    entityRef: string,
    sloName: string,
    buckets: SloEventBucket[],
  ): Promise<{ unchanged: number; replaced: number }> {
    // no spread: a backfill has up to 200,000 buckets
    let first = Infinity;
    let last = -Infinity;
    for (const b of buckets) {
      first = Math.min(first, b.start.getTime());
      last = Math.max(last, b.start.getTime());
    }
    const from = new Date(first);
    const to = new Date(last);
    return unitOfWork(this.db, { entityRefs: [entityRef] }, async trx => {
      await this.lockSlo(trx, entityRef, sloName);
      const stored = new Map<number, string>();
      const rows = await trx('slo_events')
        .where({ entity_ref: entityRef, slo_name: sloName })
        .whereBetween('bucket_start', [from, to])
        .select('bucket_start', 'good', 'total');
      for (const r of rows) {
        stored.set(
          toMs(r.bucket_start),
          `${Number(r.good)}/${Number(r.total)}`,
        );
      }
      let unchanged = 0;
      let replaced = 0;
      for (const b of buckets) {
        const was = stored.get(b.start.getTime());
        if (was === `${b.good}/${b.total}`) unchanged += 1;
        else if (was !== undefined) replaced += 1;
      }
      await this.write(trx, entityRef, sloName, buckets);
      return { unchanged, replaced };
    });
  }

  /** Replaces the buckets and recomputes the rollup of every hour they touch. */
  private async write(
    trx: Knex.Transaction,
    entityRef: string,
    sloName: string,
    buckets: SloEventBucket[],
  ): Promise<void> {
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
   * first hour from minute buckets. One statement whatever the number of windows.
   */
  async windowCounts(
    entityRef: string,
    sloName: string,
    now: Date,
    windows: ReadonlyArray<CountWindow>,
  ): Promise<Map<string, EventCounts>> {
    if (windows.length === 0) return new Map();
    return (await this.occurrences(entityRef, sloName, now, windows)).counts;
  }

  /** Hourly good/total from `from` to `to`, oldest first, for the burn-down chart. */
  async hourlySeries(
    entityRef: string,
    sloName: string,
    from: Date,
    to: Date,
  ): Promise<Array<EventCounts & { t: string }>> {
    const { hours } = await this.hoursAndHeads(
      entityRef,
      sloName,
      floorHour(from.getTime()),
      to,
      [],
    );
    return hours.map(h => ({ t: h.t, good: h.good, total: h.total }));
  }

  /**
   * What an Occurrences SLO's status needs, in one statement: the counts of every window
   * (see windowCounts) and, with `seriesFrom`, the hourly series from its hour to `now`
   * (see hourlySeries; its points format their time only when read).
   */
  async occurrences(
    entityRef: string,
    sloName: string,
    now: Date,
    windows: ReadonlyArray<CountWindow>,
    seriesFrom?: Date,
  ): Promise<{ counts: Map<string, EventCounts>; series: HourCounts[] }> {
    const wholeHoursFrom = windows.map(w => ceilHour(w.from.getTime()));
    const seriesHour =
      seriesFrom === undefined ? Infinity : floorHour(seriesFrom.getTime());
    const heads = windows
      .map((w, i) => {
        const hour = wholeHoursFrom[i];
        // A window inside the current hour reads minutes up to and including `now`.
        const to = hour <= now.getTime() ? hour : now.getTime() + 1;
        return { key: w.key, from: w.from, to: new Date(to) };
      })
      .filter(h => h.from < h.to);
    const read = await this.hoursAndHeads(
      entityRef,
      sloName,
      Math.min(seriesHour, ...wholeHoursFrom),
      now,
      heads,
    );
    const counts = new Map<string, EventCounts>();
    windows.forEach((w, i) => {
      const c = { good: 0, total: 0 };
      for (const h of read.hours) {
        if (h.hour >= wholeHoursFrom[i]) {
          c.good += h.good;
          c.total += h.total;
        }
      }
      const head = read.heads.get(w.key);
      if (head) {
        c.good += head.good;
        c.total += head.total;
      }
      counts.set(w.key, c);
    });
    return {
      counts,
      series: read.hours.filter(h => h.hour >= seriesHour),
    };
  }

  /**
   * Rollup hours in [fromHour, to], oldest first, and the minute sums of each head range,
   * in one statement: the heads are a VALUES list, each summed by its own index range scan
   * (an OR of ranges may make the planner scan every minute of the SLO; a UNION ALL branch
   * per head cost SQLite more to prepare than to run).
   */
  private async hoursAndHeads(
    entityRef: string,
    sloName: string,
    fromHour: number,
    to: Date,
    heads: ReadonlyArray<{ key: string; from: Date; to: Date }>,
  ): Promise<{ hours: HourCounts[]; heads: Map<string, EventCounts> }> {
    // On PostgreSQL, epoch milliseconds: parsing ~720 timestamps into Dates on every tab
    // read cost more CPU in the backend than the rest of the read (bench/load).
    const pg = isPostgres(this.db);
    const hourSql = pg
      ? 'CAST(EXTRACT(EPOCH FROM hour_start) * 1000 AS BIGINT)'
      : 'hour_start';
    const cast = (type: string) => (pg ? `CAST(? AS ${type})` : '?');
    const nothing = (type: string) => (pg ? `CAST(NULL AS ${type})` : 'NULL');
    let sql = `SELECT ${nothing(
      'TEXT',
    )} AS k, ${hourSql} AS h, good AS g, total AS t FROM slo_events_hourly WHERE entity_ref = ? AND slo_name = ? AND hour_start >= ? AND hour_start <= ?`;
    const bindings: unknown[] = [entityRef, sloName, new Date(fromHour), to];
    if (heads.length > 0) {
      const first = `(${cast('TEXT')}, ${cast('TIMESTAMPTZ')}, ${cast(
        'TIMESTAMPTZ',
      )})`;
      const values = heads.map((_, i) => (i === 0 ? first : '(?, ?, ?)'));
      // Each head its own index range scan. PostgreSQL is told so (LATERAL): joined, its
      // planner may read all of the SLO's minutes and test each against every head. SQLite
      // loops over the VALUES and searches the primary key for each (EXPLAIN QUERY PLAN).
      const range =
        'e.entity_ref = ? AND e.slo_name = ? AND e.bucket_start >= heads.f AND e.bucket_start < heads.t';
      const headSums = pg
        ? `SELECT heads.k, CAST(NULL AS BIGINT), s.g, s.t FROM heads CROSS JOIN LATERAL (SELECT SUM(e.good) AS g, SUM(e.total) AS t FROM slo_events e WHERE ${range}) s`
        : `SELECT heads.k, NULL, SUM(e.good), SUM(e.total) FROM heads JOIN slo_events e ON ${range} GROUP BY heads.k`;
      const withHeads = `WITH heads (k, f, t) AS (VALUES ${values.join(', ')})`;
      sql = `${withHeads} ${sql} UNION ALL ${headSums}`;
      bindings.unshift(...heads.flatMap(h => [h.key, h.from, h.to]));
      bindings.push(entityRef, sloName);
    }
    const raw = await this.db.raw(sql, bindings as Knex.RawBinding[]);
    const rows: Array<{
      k: string | null;
      h: unknown;
      g: unknown;
      t: unknown;
    }> = Array.isArray(raw) ? raw : raw.rows;
    const hours: HourCounts[] = [];
    const sums = new Map<string, EventCounts>();
    for (const row of rows) {
      if (row.k === null) {
        hours.push(new HourCounts(toMs(row.h), Number(row.g), Number(row.t)));
      } else {
        sums.set(row.k, {
          good: Number(row.g ?? 0),
          total: Number(row.t ?? 0),
        });
      }
    }
    // The rollup's primary key order, but UNION ALL does not promise it.
    for (let i = 1; i < hours.length; i++) {
      if (hours[i - 1].hour > hours[i].hour) {
        hours.sort((a, b) => a.hour - b.hour);
        break;
      }
    }
    return { hours, heads: sums };
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

/** Epoch milliseconds: SQLite's integers, PostgreSQL's BIGINT (text), or a timestamp. */
function toMs(value: unknown): number {
  if (typeof value === 'number') return value;
  const n = Number(value);
  return Number.isFinite(n) ? n : toDate(value).getTime();
}

function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const n = Number(value);
  return Number.isFinite(n) ? new Date(n) : new Date(String(value));
}

/** @internal */
export const SLO_BUCKET_MS = MINUTE;
