import type { MetricQuery, SloIndicator } from '../definition';
import type { Metric, SliSpec } from './schema';

/** A DataSource document: its type, for metric sources that name it without one. */
export interface KnownDataSource {
  type: string;
}

/** A problem at a path below the indicator, or a reason it is valid but not computed. */
export type IndicatorOutcome =
  | { indicator: SloIndicator }
  | { problem: { path: string; message: string } }
  | { notComputable: string };

/** `sre-health` and `pushed` are events pushed to SRE Health; other types are lower-cased. */
export function sourceTypeOf(typeName: string): string {
  const type = typeName.trim().toLocaleLowerCase('en-US');
  return type === 'sre-health' ? 'pushed' : type;
}

function toQuery(
  m: Metric,
  at: string,
  dataSources: ReadonlyMap<string, KnownDataSource>,
  missing: (ref: string) => string,
): MetricQuery | { path: string; message: string } {
  const { metricSourceRef: ref, type } = m.metricSource;
  const ds = ref !== undefined ? dataSources.get(ref) : undefined;
  if (ref !== undefined && !ds && type === undefined) {
    return {
      path: `${at}.metricSource.metricSourceRef`,
      message: `${missing(ref)}, and no type is given to use without one`,
    };
  }
  if (
    ds &&
    type !== undefined &&
    sourceTypeOf(type) !== sourceTypeOf(ds.type)
  ) {
    return {
      path: `${at}.metricSource.type`,
      message: `is ${type}, but DataSource ${ref} is of type ${ds.type}`,
    };
  }
  const typeName = type ?? ds!.type;
  const spec = m.metricSource.spec;
  return {
    sourceType: sourceTypeOf(typeName),
    typeName,
    sourceRef: ref,
    query: typeof spec.query === 'string' ? spec.query : undefined,
    spec,
  };
}

/**
 * An SLI's metrics as queries, with the types of the DataSources they name. Problems are
 * the document's (a reference that resolves nowhere, types that disagree); "not computable"
 * covers what the spec allows but SRE Health does not compute.
 */
export function toIndicator(
  spec: SliSpec,
  at: string,
  dataSources: ReadonlyMap<string, KnownDataSource>,
  /** Why a metricSourceRef names no DataSource. */
  missing: (ref: string) => string,
): IndicatorOutcome {
  if (spec.thresholdMetric) {
    const q = toQuery(
      spec.thresholdMetric,
      `${at}.thresholdMetric`,
      dataSources,
      missing,
    );
    if (!('sourceType' in q)) return { problem: q };
    if (q.sourceType === 'pushed') {
      return {
        notComputable:
          'pushed events carry good/total counts, not values to compare with a threshold',
      };
    }
    return { indicator: { type: 'threshold', metric: q } };
  }
  const ratio = spec.ratioMetric!;
  if (ratio.raw) {
    const q = toQuery(ratio.raw, `${at}.ratioMetric.raw`, dataSources, missing);
    if (!('sourceType' in q)) return { problem: q };
    return {
      notComputable:
        'raw (precomputed) ratio metrics are not computed here; use good or bad with total',
    };
  }
  const parts: Record<string, MetricQuery | undefined> = {};
  for (const key of ['good', 'bad', 'total'] as const) {
    const m = ratio[key];
    if (!m) continue;
    const q = toQuery(m, `${at}.ratioMetric.${key}`, dataSources, missing);
    if (!('sourceType' in q)) return { problem: q };
    parts[key] = q;
  }
  const types = new Set(Object.values(parts).map(p => p!.sourceType));
  if (types.size > 1) {
    return {
      notComputable: `good/bad and total come from different source types (${[
        ...types,
      ].join(', ')}); one reader must read both`,
    };
  }
  return {
    indicator: {
      type: 'ratio',
      counter: ratio.counter ?? true,
      good: parts.good,
      bad: parts.bad,
      total: parts.total!,
    },
  };
}
