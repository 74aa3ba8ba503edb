import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  EventCounts,
  MetricQuery,
  SloDefinition,
} from '@sre-health/backstage-plugin-sre-health-common';

/** A span to count over, from `from` to now; `key` names it in the result. @public */
export interface SliCountWindow {
  key: string;
  from: Date;
}

/**
 * Reads one SLO's indicator from its source: good/total counts per window (slices for
 * Timeslices budgeting) and an hourly series for the burn-down. Throwing marks that SLO
 * "source unavailable: <message>" with its last known status; other SLOs are unaffected.
 * @public
 */
export interface SliReader {
  /** Shown as the SLO's source, e.g. `prometheus:main` or `datadog:eu`. */
  label: string;
  /** Whether the numbers come from outside the portal's database (the status is then kept as last known). */
  external: boolean;
  counts(
    windows: ReadonlyArray<SliCountWindow>,
    now: Date,
  ): Promise<Map<string, EventCounts>>;
  series(from: Date, to: Date): Promise<Array<EventCounts & { t: string }>>;
  /** Both at once, where the source reads them in one go. */
  read?(
    windows: ReadonlyArray<SliCountWindow>,
    from: Date,
    now: Date,
  ): Promise<{
    counts: Map<string, EventCounts>;
    series: Array<EventCounts & { t: string }>;
  }>;
}

/**
 * Makes SLI readers for the metric source types it knows. An SLO whose source type no
 * factory reads is shown as "defined, not computable here: no reader for <type>".
 * @public
 */
export interface SliReaderFactory {
  /** Metric source types as OpenSLO writes them (`Prometheus`, `Datadog`); case does not matter. */
  sourceTypes: string[];
  /**
   * Why this SLO cannot be read here although its document is valid (e.g. no query in
   * `metricSource.spec`), or undefined when it can.
   */
  check?(slo: SloDefinition, source: MetricQuery): string | undefined;
  create(options: {
    entityRef: string;
    slo: SloDefinition;
    source: MetricQuery;
  }): SliReader;
}

/** @public */
export interface SreHealthSliReadersExtensionPoint {
  addReader(...readers: SliReaderFactory[]): void;
}

/**
 * Adds SLI readers to the SRE Health backend from a backend module. Prometheus and events
 * pushed to SRE Health are built in; a reader added here for the same type takes precedence.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'sre-health',
 *   moduleId: 'datadog-sli',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { readers: sreHealthSliReadersExtensionPoint },
 *       async init({ readers }) {
 *         readers.addReader({ sourceTypes: ['Datadog'], create: ({ slo, source }) => ... });
 *       },
 *     });
 *   },
 * });
 * ```
 * @public
 */
export const sreHealthSliReadersExtensionPoint =
  createExtensionPoint<SreHealthSliReadersExtensionPoint>({
    id: 'sre-health.sli-readers',
  });
