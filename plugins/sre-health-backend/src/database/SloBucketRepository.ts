import type { Knex } from 'knex';
import type {
  EventCounts,
  SloBucket,
} from '@internal/backstage-plugin-sre-health-common';
import { SloBucketRow } from './tables';

/** Event counts of one SLO over the SLO window and each burn-rate window. @internal */
export interface SloWindowCounts {
  window: EventCounts;
  burnWindows: Array<EventCounts & { window: string }>;
}

/**
 * Good/total event counts per SLO and time bucket. Writes are idempotent on
 * (entity, SLO, bucket), so re-sending a bucket replaces it instead of double counting.
 * @internal
 */
export class SloBucketRepository {
  constructor(private readonly db: Knex) {}

  async upsert(
    entityRef: string,
    sloName: string,
    buckets: SloBucket[],
  ): Promise<void> {
    const rows = buckets.map(b => ({
      entity_ref: entityRef,
      slo_name: sloName,
      bucket_start: new Date(b.bucketStart),
      good: b.good,
      total: b.total,
    }));
    // Chunked: SQLite caps the number of bound parameters per statement.
    for (let i = 0; i < rows.length; i += 500) {
      await this.db<SloBucketRow>('slo_buckets')
        .insert(rows.slice(i, i + 500) as unknown as SloBucketRow[])
        .onConflict(['entity_ref', 'slo_name', 'bucket_start'])
        .merge(['good', 'total']);
    }
  }

  /**
   * Sums every window in one set-based query per entity, so the tab's read costs one
   * round trip whatever the number of SLOs.
   */
  async windowCounts(
    entityRef: string,
    now: Date,
    windowDays: number,
    burnWindows: ReadonlyArray<{ window: string; hours: number }>,
  ): Promise<Map<string, SloWindowCounts>> {
    const since = new Date(now.getTime() - windowDays * 86_400_000);
    const columns: string[] = [];
    const bindings: unknown[] = [];
    const add = (alias: string, from: Date) => {
      columns.push(
        `SUM(CASE WHEN bucket_start >= ? THEN good ELSE 0 END) AS ${alias}_good`,
        `SUM(CASE WHEN bucket_start >= ? THEN total ELSE 0 END) AS ${alias}_total`,
      );
      bindings.push(from, from);
    };
    add('w', since);
    burnWindows.forEach((w, i) =>
      add(`b${i}`, new Date(now.getTime() - w.hours * 3_600_000)),
    );
    const rows: Array<Record<string, unknown>> = await this.db('slo_buckets')
      .select('slo_name')
      .select(this.db.raw(columns.join(', '), bindings as Knex.ValueDict[]))
      .where({ entity_ref: entityRef })
      .andWhere('bucket_start', '>=', since)
      .andWhere('bucket_start', '<=', now)
      .groupBy('slo_name');
    const result = new Map<string, SloWindowCounts>();
    for (const row of rows) {
      const counts = (alias: string): EventCounts => ({
        good: Number(row[`${alias}_good`] ?? 0),
        total: Number(row[`${alias}_total`] ?? 0),
      });
      result.set(String(row.slo_name), {
        window: counts('w'),
        burnWindows: burnWindows.map((w, i) => ({
          window: w.window,
          ...counts(`b${i}`),
        })),
      });
    }
    return result;
  }
}
