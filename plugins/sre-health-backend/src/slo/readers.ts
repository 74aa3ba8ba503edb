import {
  SloDefinition,
  MetricQuery,
  durationMs,
  formatDuration,
} from '@sre-health/backstage-plugin-sre-health-common';
import type {
  SliReader,
  SliReaderFactory,
} from '@sre-health/backstage-plugin-sre-health-node';
import { CountWindow, SloEventStore } from './SloEventStore';
import { PrometheusClient } from './PrometheusClient';

export type { SliReader, SliReaderFactory };

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** @internal */
export class PushedEventsReader implements SliReader {
  readonly label = 'pushed events';
  readonly external = false;

  constructor(
    private readonly events: SloEventStore,
    private readonly entityRef: string,
    private readonly slo: SloDefinition,
  ) {}

  async read(windows: ReadonlyArray<CountWindow>, from: Date, now: Date) {
    if (this.slo.budgetingMethod === 'Occurrences') {
      const name = this.slo.name;
      return this.events.occurrences(this.entityRef, name, now, windows, from);
    }
    const [counts, series] = await Promise.all([
      this.counts(windows, now),
      this.series(from, now),
    ]);
    return { counts, series };
  }

  async counts(windows: ReadonlyArray<CountWindow>, now: Date) {
    if (this.slo.budgetingMethod === 'Occurrences') {
      return this.events.windowCounts(
        this.entityRef,
        this.slo.name,
        now,
        windows,
      );
    }
    return this.events.sliceCounts(
      this.entityRef,
      this.slo.name,
      now,
      windows,
      this.slo.timeSliceTarget ?? 1,
    );
  }

  async series(from: Date, to: Date) {
    if (this.slo.budgetingMethod === 'Occurrences') {
      return this.events.hourlySeries(this.entityRef, this.slo.name, from, to);
    }
    return this.events.hourlySliceSeries(
      this.entityRef,
      this.slo.name,
      from,
      to,
      this.slo.timeSliceTarget ?? 1,
    );
  }
}

const SELECTOR = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^{}]*\})?$/;
const PROM_OPS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

function promDuration(ms: number): string {
  return ms % MINUTE === 0
    ? formatDuration(ms)
    : `${Math.max(1, Math.round(ms / 1000))}s`;
}

/**
 * PromQL for an SLO definition. Ratio indicators over counters use `increase`, over
 * per-interval counts `sum_over_time`; timeslices are evaluated with subqueries at the
 * slice resolution, so Prometheus does the per-slice arithmetic.
 * @internal
 */
export class PromQlBuilder {
  constructor(private readonly slo: SloDefinition) {}

  private range(q: string, w: string, step = '1m'): string {
    return SELECTOR.test(q.trim())
      ? `${q.trim()}[${w}]`
      : `(${q})[${w}:${step}]`;
  }

  private aggregate(m: MetricQuery, w: string, counter: boolean): string {
    return counter
      ? `sum(increase(${this.range(m.query!, w)}))`
      : `sum(sum_over_time(${this.range(m.query!, w)}))`;
  }

  private sliceMs(): number {
    return this.slo.timeSliceWindow
      ? durationMs(this.slo.timeSliceWindow)
      : MINUTE;
  }

  /** Good and total for the window `w` (a PromQL duration). */
  queries(w: string): { good: string; total: string } {
    const ind = this.slo.indicator;
    const sw = promDuration(this.sliceMs());
    if (ind.type === 'threshold') {
      const q = ind.metric.query!;
      const op = PROM_OPS[this.slo.op!];
      return {
        good: `sum(sum_over_time((${q} ${op} bool ${this.slo.threshold})[${w}:${sw}]))`,
        total: `sum(count_over_time((${q})[${w}:${sw}]))`,
      };
    }
    const agg = (m: MetricQuery, window: string) =>
      this.aggregate(m, window, ind.counter);
    const good = (window: string) =>
      ind.good
        ? agg(ind.good, window)
        : `(${agg(ind.total, window)} - ${agg(ind.bad!, window)})`;
    if (this.slo.budgetingMethod === 'Occurrences') {
      return { good: good(w), total: agg(ind.total, w) };
    }
    const ratio = `(${good(sw)} / ${agg(ind.total, sw)})`;
    if (this.slo.budgetingMethod === 'RatioTimeslices') {
      return {
        good: `sum_over_time(${ratio}[${w}:${sw}])`,
        total: `count_over_time(${ratio}[${w}:${sw}])`,
      };
    }
    return {
      good: `sum_over_time((${ratio} >= bool ${this.slo.timeSliceTarget})[${w}:${sw}])`,
      total: `count_over_time((${agg(ind.total, sw)} > 0)[${w}:${sw}])`,
    };
  }
}

/** @internal */
export class PrometheusReader implements SliReader {
  readonly external = true;
  readonly label: string;
  private readonly promql: PromQlBuilder;

  constructor(
    private readonly client: PrometheusClient,
    sourceName: string,
    slo: SloDefinition,
  ) {
    this.label = `prometheus:${sourceName}`;
    this.promql = new PromQlBuilder(slo);
  }

  async counts(windows: ReadonlyArray<CountWindow>, now: Date) {
    const entries = await Promise.all(
      windows.map(async w => {
        const { good, total } = this.promql.queries(
          promDuration(now.getTime() - w.from.getTime()),
        );
        const [g, t] = await Promise.all([
          this.client.instant(good, now),
          this.client.instant(total, now),
        ]);
        return [w.key, { good: g, total: t }] as const;
      }),
    );
    return new Map(entries);
  }

  async series(from: Date, to: Date) {
    const { good, total } = this.promql.queries('1h');
    // The sample at t covers (t - 1h, t]; label it with the hour it starts.
    const start = new Date(Math.ceil(from.getTime() / HOUR) * HOUR + HOUR);
    if (start > to) return [];
    const [g, t] = await Promise.all([
      this.client.range(good, start, to, 3600),
      this.client.range(total, start, to, 3600),
    ]);
    const totals = new Map(t.map(s => [s.t, s.value]));
    return g.map(s => ({
      t: new Date(s.t - HOUR).toISOString(),
      good: s.value,
      total: totals.get(s.t) ?? 0,
    }));
  }
}

/** The built-in reader of events pushed to SRE Health (`type: sre-health`). @internal */
export function pushedEventsReaders(events: SloEventStore): SliReaderFactory {
  return {
    sourceTypes: ['pushed'],
    create: ({ entityRef, slo }) =>
      new PushedEventsReader(events, entityRef, slo),
  };
}

/** The built-in Prometheus reader, over the data sources of `sreHealth.dataSources`. @internal */
export function prometheusReaders(
  clients: ReadonlyMap<string, PrometheusClient>,
): SliReaderFactory {
  return {
    sourceTypes: ['prometheus'],
    check(_slo, source) {
      if (!source.query?.trim()) {
        return 'a Prometheus source needs a PromQL query in metricSource.spec.query';
      }
      if (!source.sourceRef) {
        return 'a Prometheus source needs metricSourceRef, the name of a data source of sreHealth.dataSources';
      }
      return undefined;
    },
    create({ slo, source }) {
      const client = clients.get(source.sourceRef!);
      if (!client) {
        // configured later, it computes: an operational state, not a definition's
        throw new Error(
          `data source "${source.sourceRef}" is not configured (sreHealth.dataSources)`,
        );
      }
      return new PrometheusReader(client, source.sourceRef!, slo);
    },
  };
}
