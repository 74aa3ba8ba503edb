import type { Duration } from './duration';

/** @public */
export type AlertSeverity = 'page' | 'ticket';

/** Where an indicator's numbers come from. @public */
export interface MetricQuery {
  /**
   * The metric source type, lower-cased, which picks the SLI reader: `prometheus` (a data
   * source from app-config), `pushed` (events pushed to SRE Health; written `sre-health`),
   * or any other type an adopter's reader handles (e.g. `datadog`).
   */
  sourceType: string;
  /** The type as the document (or its DataSource) writes it, e.g. `Datadog`. */
  typeName?: string;
  /** `metricSourceRef`: the DataSource, also the name in `sreHealth.dataSources`. */
  sourceRef?: string;
  /** `spec.query` when it is a string (PromQL for Prometheus). */
  query?: string;
  /** The metric source's `spec`, for readers that need more than a query. */
  spec?: Record<string, unknown>;
}

/**
 * A burn-rate alert rule decided by an OpenSLO AlertPolicy: its condition's lookback
 * window, operator, threshold and severity name.
 * @public
 */
export interface SloAlertRule {
  /** The lookback window, as a burn-rate window name where one has its length (`1h`, `1d`). */
  long: string;
  /** The short window that guards it (the workbook's, for the four tiers), else `long`. */
  short: string;
  /** Whether it pages or opens a ticket. */
  severity: AlertSeverity;
  /** The AlertCondition's severity, e.g. `sev1` or `page`. */
  severityName: string;
  op: ThresholdOp;
  threshold: number;
  /** Names of the AlertPolicy and its AlertCondition. */
  policy: string;
  condition: string;
  /** Set when the rule never fires (e.g. the policy's `alertWhenBreaching` is false). */
  off?: string;
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
  timeWindow: {
    duration: Duration;
    rolling: boolean;
    /** Calendar windows: the instant the first period starts. */
    calendarStart?: string;
    /** Calendar windows: the IANA time zone whose wall clock periods follow. */
    timeZone?: string;
  };
  budgetingMethod: BudgetingMethod;
  /** Target as a fraction, e.g. 0.999. */
  target: number;
  /** Threshold indicators: a sample is good when `value <op> threshold`. */
  op?: ThresholdOp;
  threshold?: number;
  /** Timeslices: a slice is good when its SLI reaches this fraction. */
  timeSliceTarget?: number;
  timeSliceWindow?: Duration;
  /** `spec.service`. */
  service?: string;
  /**
   * The burn-rate rules its AlertPolicies give; undefined when it names none (the
   * workbook's four tiers apply).
   */
  alertRules?: SloAlertRule[];
}

/**
 * A valid SLO (by the OpenSLO spec) that SRE Health does not compute, and why: e.g. a
 * composite SLO, or "no reader for Datadog". Shown as defined, never as an error.
 * @public
 */
export interface SloNotComputable {
  name: string;
  displayName: string;
  description: string;
  /** e.g. `SLO checkout-latency`. */
  document: string;
  reason: string;
  /** Where it is defined, when known (the file's URL, `api:<id>`). */
  location?: string;
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
  /** The document's position in its file, from 1. */
  index?: number;
}
