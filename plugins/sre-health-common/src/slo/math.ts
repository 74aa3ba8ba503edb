import type { AlertSeverity, SloAlertRule, ThresholdOp } from './definition';
import { formatDuration } from './duration';

/*
 * Error budgets and burn rates, after the SRE Workbook ("Alerting on SLOs"). Inputs are
 * event counts (Occurrences budgeting) or slice counts (Timeslices: `good` slices met the
 * slice target, `total` slices had data); everything below is pure arithmetic.
 */

/** @public */
export interface EventCounts {
  good: number;
  total: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Look-back windows of the burn-rate table. @public */
export const BURN_RATE_WINDOWS: ReadonlyArray<{ window: string; ms: number }> =
  [
    { window: '5m', ms: 5 * MINUTE },
    { window: '30m', ms: 30 * MINUTE },
    { window: '1h', ms: HOUR },
    { window: '2h', ms: 2 * HOUR },
    { window: '6h', ms: 6 * HOUR },
    { window: '1d', ms: DAY },
    { window: '3d', ms: 3 * DAY },
  ];

/**
 * The workbook's multi-window, multi-burn-rate alerts. Each rule fires when both its long
 * and its short window burn faster than the threshold that spends `budgetFraction` of the
 * budget within the long window. For a 30-day SLO that gives the workbook's table:
 * 2% in 1h = 14.4, 5% in 6h = 6, 10% in 1d = 3, 10% in 3d = 1. For other SLO windows the
 * same budget fractions are kept, so thresholds scale with the window length:
 * threshold = budgetFraction × sloWindow / longWindow (a 28-day SLO pages at 13.44).
 * @public
 */
export const MULTIWINDOW_ALERT_RULES: ReadonlyArray<{
  severity: AlertSeverity;
  long: string;
  short: string;
  budgetFraction: number;
}> = [
  { severity: 'page', long: '1h', short: '5m', budgetFraction: 0.02 },
  { severity: 'page', long: '6h', short: '30m', budgetFraction: 0.05 },
  { severity: 'ticket', long: '1d', short: '2h', budgetFraction: 0.1 },
  { severity: 'ticket', long: '3d', short: '6h', budgetFraction: 0.1 },
];

/** Below this share of budget left an SLO is at risk even if nothing burns fast. @public */
export const AT_RISK_BUDGET_REMAINING = 0.25;

/** @public */
export interface BurnRate {
  window: string;
  /** Error rate ÷ the error rate the SLO allows; 1 spends the budget exactly over the SLO window. */
  rate: number | null;
}

/** @public */
export interface AlertRuleState {
  severity: AlertSeverity;
  long: string;
  short: string;
  threshold: number;
  firing: boolean;
  /** The AlertCondition's severity name, when an AlertPolicy decides the rule. */
  severityName?: string;
  /** The AlertPolicy that decides the rule. */
  policy?: string;
  /** The comparison, when an AlertPolicy gives one other than `gt`. */
  op?: ThresholdOp;
  /** Why the rule never fires: no policy of the SLO turns this tier on, or it is switched off. */
  off?: string;
}

/** @public */
export interface AlertState {
  state: AlertSeverity | 'none';
  rules: AlertRuleState[];
}

/** @public */
export function burnRate(counts: EventCounts, target: number): number | null {
  if (counts.total <= 0) return null;
  return (counts.total - counts.good) / counts.total / (1 - target);
}

/** @public */
export function alertThreshold(
  budgetFraction: number,
  sloWindowMs: number,
  longWindow: string,
): number {
  const long = BURN_RATE_WINDOWS.find(w => w.window === longWindow)!;
  return Number(((budgetFraction * sloWindowMs) / long.ms).toFixed(6));
}

function compare(rate: number, op: ThresholdOp, threshold: number) {
  if (op === 'lt') return rate < threshold;
  if (op === 'lte') return rate <= threshold;
  if (op === 'gte') return rate >= threshold;
  return rate > threshold;
}

/**
 * The alert state from the burn rates. Without `rules` the workbook's four tiers apply;
 * with the rules an SLO's AlertPolicies give, those rules apply (threshold, operator and
 * severity as the policy says) and the tiers no policy names stay off.
 * @public
 */
export function evaluateAlerts(
  burnRates: ReadonlyArray<BurnRate>,
  sloWindowMs: number,
  rules?: ReadonlyArray<SloAlertRule>,
): AlertState {
  const rate = (w: string) => burnRates.find(b => b.window === w)?.rate ?? null;
  const fires = (w: string, op: ThresholdOp, threshold: number) => {
    const r = rate(w);
    return r !== null && compare(r, op, threshold);
  };
  const defaults = MULTIWINDOW_ALERT_RULES.map(rule => ({
    severity: rule.severity,
    long: rule.long,
    short: rule.short,
    threshold: alertThreshold(rule.budgetFraction, sloWindowMs, rule.long),
  }));
  const states: AlertRuleState[] = rules
    ? [
        ...rules.map(r => ({
          severity: r.severity,
          long: r.long,
          short: r.short,
          threshold: r.threshold,
          op: r.op,
          severityName: r.severityName,
          policy: r.policy,
          ...(r.off ? { off: r.off } : {}),
          firing:
            !r.off &&
            fires(r.long, r.op, r.threshold) &&
            fires(r.short, r.op, r.threshold),
        })),
        ...defaults
          .filter(d => !rules.some(r => r.long === d.long))
          .map(d => ({
            ...d,
            firing: false,
            off: 'no alert policy of this SLO turns this tier on',
          })),
      ]
    : defaults.map(d => ({
        ...d,
        firing:
          fires(d.long, 'gt', d.threshold) && fires(d.short, 'gt', d.threshold),
      }));
  const firing = (s: AlertSeverity) =>
    states.some(r => r.firing && r.severity === s);
  let state: AlertState['state'] = 'none';
  if (firing('page')) state = 'page';
  else if (firing('ticket')) state = 'ticket';
  return { state, rules: states };
}

/** @public */
export type SloStatus = 'healthy' | 'at-risk' | 'breached' | 'no-data';

/** @public */
export interface ErrorBudget {
  /** `events` for Occurrences budgeting, `minutes` for Timeslices. */
  unit: 'events' | 'minutes';
  total: number;
  consumed: number;
  remaining: number;
  /** remaining ÷ total: 1 untouched, 0 spent, negative overspent. */
  remainingFraction: number;
}

/** @public */
export interface BudgetPoint {
  t: string;
  budgetRemaining: number;
}

/** @public */
export interface SloMathInput {
  target: number;
  windowMs: number;
  budgetingMethod: 'Occurrences' | 'Timeslices' | 'RatioTimeslices';
  /** Slice length for Timeslices budgeting. */
  sliceMs?: number;
  /** Counts over the SLO window (so far, for calendar windows). */
  window: EventCounts;
  burnWindows: ReadonlyArray<EventCounts & { window: string }>;
  /** Counts per step from the window's start, oldest first, for the burn-down chart. */
  series?: ReadonlyArray<EventCounts & { t: string }>;
  /** The rules the SLO's AlertPolicies give; the workbook's tiers without. */
  alertRules?: ReadonlyArray<SloAlertRule>;
}

/** @public */
export interface SloMath {
  sli: number | null;
  budget: ErrorBudget | null;
  burnRates: BurnRate[];
  alert: AlertState;
  status: SloStatus;
  burnDown: BudgetPoint[];
}

function budgetTotal(input: SloMathInput): {
  total: number;
  unitScale: number;
  unit: ErrorBudget['unit'];
} {
  if (input.budgetingMethod === 'Occurrences') {
    return {
      total: (1 - input.target) * input.window.total,
      unitScale: 1,
      unit: 'events',
    };
  }
  // Time-based budget: the whole window's slices, counted in minutes.
  const sliceMs = input.sliceMs ?? MINUTE;
  const slices = input.windowMs / sliceMs;
  return {
    total: (1 - input.target) * slices,
    unitScale: sliceMs / MINUTE,
    unit: 'minutes',
  };
}

/** The most points of an SLO's burn-down (one every 4 hours for 30 days of hours). @public */
export const MAX_BURN_DOWN_POINTS = 180;

/** Everything the SLO card shows, from counts alone. @public */
export function computeSloMath(input: SloMathInput): SloMath {
  const burnRates = input.burnWindows.map(w => ({
    window: w.window,
    rate: burnRate(w, input.target),
  }));
  const alert = evaluateAlerts(burnRates, input.windowMs, input.alertRules);
  if (input.window.total <= 0) {
    return {
      sli: null,
      budget: null,
      burnRates,
      alert,
      status: 'no-data',
      burnDown: [],
    };
  }
  const bad = input.window.total - input.window.good;
  const { total, unitScale, unit } = budgetTotal(input);
  const remainingFraction = total > 0 ? 1 - bad / total : -Infinity;
  const budget: ErrorBudget = {
    unit,
    total: total * unitScale,
    consumed: bad * unitScale,
    remaining: (total - bad) * unitScale,
    remainingFraction,
  };
  let status: SloStatus = 'healthy';
  if (remainingFraction <= 0) status = 'breached';
  else if (
    alert.state !== 'none' ||
    remainingFraction < AT_RISK_BUDGET_REMAINING
  )
    status = 'at-risk';

  // The budget left after each step, thinned to at most MAX_BURN_DOWN_POINTS (every k-th
  // step, and always the last): a 30-day hourly series is 720 points, more than the chart
  // has pixels, and was 80% of the tab's response.
  const series = input.series ?? [];
  const every = Math.max(1, Math.ceil(series.length / MAX_BURN_DOWN_POINTS));
  const burnDown: BudgetPoint[] = [];
  let cumulativeBad = 0;
  series.forEach((point, i) => {
    cumulativeBad += point.total - point.good;
    if (i % every === every - 1 || i === series.length - 1) {
      burnDown.push({
        t: point.t,
        budgetRemaining: total > 0 ? 1 - cumulativeBad / total : 0,
      });
    }
  });
  return {
    sli: input.window.good / input.window.total,
    budget,
    burnRates,
    alert,
    status,
    burnDown,
  };
}

/** `30d`, or `1M (calendar)`. @public */
export function describeWindow(windowMs: number, calendar?: string): string {
  return calendar ? `${calendar} (calendar)` : formatDuration(windowMs);
}
