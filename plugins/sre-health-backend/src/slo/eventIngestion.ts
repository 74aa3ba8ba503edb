import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { SloEventStore } from './SloEventStore';
import type { SloService } from './SloService';

/** A pushed bucket of good/total events, as the request carries it. */
export interface PushedBucket {
  start: string;
  good: number;
  total: number;
}

/**
 * The rules of pushed SLO events: the SLO must take pushed events; buckets may not lie in
 * the future, repeat, or arrive later than the tolerance behind the newest one. Every
 * problem is named in one 400 and nothing is stored.
 */
export class SloEventIngestion {
  constructor(
    private readonly deps: {
      slos: SloService;
      events: SloEventStore;
      /** `sreHealth.ingestion.lateToleranceMinutes`. */
      lateToleranceMinutes: number;
      now?: () => number;
    },
  ) {}

  async push(
    entity: Entity,
    entityRef: string,
    slo: string,
    pushed: readonly PushedBucket[],
  ): Promise<number> {
    const definition = await this.deps.slos.find(entity, entityRef, slo);
    const ind = definition?.indicator;
    if (
      !definition ||
      (ind?.type === 'ratio' ? ind.total : ind?.metric)?.sourceType !== 'pushed'
    ) {
      throw new NotFoundError(
        `slo: ${entityRef} has no SLO named ${slo} that takes pushed events`,
      );
    }
    const lateToleranceMs = this.deps.lateToleranceMinutes * 60_000;
    const now = (this.deps.now ?? Date.now)();
    const latest = (
      await this.deps.events.latestBucket(entityRef, slo)
    )?.getTime();
    const seen = new Set<number>();
    const problems: string[] = [];
    const buckets = pushed.map((b, i) => {
      const start = Date.parse(b.start);
      if (start > now + 60_000)
        problems.push(`buckets[${i}].start: ${b.start} is in the future`);
      if (latest !== undefined && start < latest - lateToleranceMs) {
        problems.push(
          `buckets[${i}].start: ${
            b.start
          } is older than the latest bucket (${new Date(
            latest,
          ).toISOString()}) by more than the ${
            lateToleranceMs / 60_000
          }-minute tolerance`,
        );
      }
      if (seen.has(start))
        problems.push(`buckets[${i}].start: ${b.start} appears twice`);
      seen.add(start);
      return { start: new Date(start), good: b.good, total: b.total };
    });
    if (problems.length > 0) {
      throw new InputError(`Invalid body: ${problems.slice(0, 10).join('; ')}`);
    }
    await this.deps.events.ingest(entityRef, slo, buckets);
    return buckets.length;
  }
}
