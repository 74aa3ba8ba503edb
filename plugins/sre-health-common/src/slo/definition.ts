import type { Duration } from './duration';

/** Where an indicator's numbers come from. @public */
export interface MetricQuery {
  /** `prometheus`: a data source from app-config; `pushed`: events pushed to SRE Health. */
  sourceType: 'prometheus' | 'pushed';
  /** Name of the data source in `sreHealth.dataSources` (Prometheus only). */
  sourceRef?: string;
  /** PromQL selector or expression (Prometheus only). */
  query?: string;
}

/** @public */
export type SloIndicator =
  | {
      type: 'ratio';
      /** The queries are monotonic counters (Prometheus `increase`), not per-interval counts. */
      counter: boolean;
      good?: MetricQuery;
      bad?: MetricQuery;
      total: MetricQuery;
    }
  | {
      type: 'threshold';
      metric: MetricQuery;
    };

/** @public */
export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

/** @public */
export type ThresholdOp = 'lt' | 'lte' | 'gt' | 'gte';

/** One objective of an OpenSLO SLO, normalised: each objective is evaluated as its own SLO. @public */
export interface SloDefinition {
  /** Unique per entity: the SLO's metadata.name, plus `/<objective>` when it has several. */
  name: string;
  displayName: string;
  description: string;
  indicator: SloIndicator;
  timeWindow: { duration: Duration; rolling: boolean; calendarStart?: string };
  budgetingMethod: BudgetingMethod;
  /** Target as a fraction, e.g. 0.999. */
  target: number;
  /** Threshold indicators: a sample is good when `value <op> threshold`. */
  op?: ThresholdOp;
  threshold?: number;
  /** Timeslices: a slice is good when its SLI reaches this fraction. */
  timeSliceTarget?: number;
  timeSliceWindow?: Duration;
}

/** Where an SLO definition came from. @public */
export type SloOrigin = 'file' | 'api' | 'annotation';

/** A problem in an OpenSLO document: which document, which field, what is wrong. @public */
export interface SloProblem {
  /** e.g. `SLO payments-availability` or `document 2`. */
  document: string;
  /** e.g. `spec.objectives[0].target`. */
  path: string;
  message: string;
}
