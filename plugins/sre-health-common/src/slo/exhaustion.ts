import type { AlertSeverity } from './definition';
import type { AlertRuleState, BurnRate } from './math';

/*
 * When the error budget runs out if the current burn goes on. A burn rate of 1 spends the
 * whole budget over exactly one SLO window, so the share left lasts
 * `budgetRemaining × sloWindow ÷ burnRate`. Used by the verdict ("at this rate the month's
 * budget is gone in 36 h") and by the burn-down chart's projection.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What the estimate needs of an SLO (an `SloSummary` fits). @public */
export interface ExhaustionInput {
  /** Share of the error budget left: 1 untouched, 0 spent, negative overspent. */
  budgetRemaining: number | null | undefined;
  /** Length of the SLO window in milliseconds. */
  windowMs: number;
}

/**
 * Milliseconds until the error budget is spent at `rate` (a burn rate, e.g. 19.7):
 * `budgetRemaining × windowMs ÷ rate`. 0 when the budget is already exhausted; null when
 * it is never spent at this rate (rate null or ≤ 0) or the budget is unknown.
 * @public
 */
export function timeToExhaustion(
  slo: ExhaustionInput,
  rate: number | null | undefined,
): number | null {
  const remaining = slo.budgetRemaining;
  if (remaining === null || remaining === undefined || !isFinite(slo.windowMs))
    return null;
  if (remaining <= 0) return 0;
  if (rate === null || rate === undefined || !(rate > 0)) return null;
  return (remaining * slo.windowMs) / rate;
}

/** Long windows of the burn-rate alerts, fastest first: the "current" burn is the first with data. */
const CURRENT_BURN_WINDOWS = ['1h', '6h', '1d', '3d'];

/**
 * The burn going on now: the 1h burn rate (the long window of the fast page), or, without
 * data there, the next longer window's (6h, 1d, 3d). Null when none has data.
 * @public
 */
export function currentBurn(
  burnRates: ReadonlyArray<BurnRate>,
): { window: string; rate: number } | null {
  for (const window of CURRENT_BURN_WINDOWS) {
    const rate = burnRates.find(b => b.window === window)?.rate;
    if (rate !== null && rate !== undefined && isFinite(rate)) {
      return { window, rate };
    }
  }
  return null;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * A time to exhaustion as a short phrase to follow "gone in": `45 min`, `36 h`, `4 days`,
 * `9 weeks`. Hours up to three days, days up to eight weeks. `now` for 0 (already
 * exhausted), null for null (never at this rate).
 * @public
 */
export function describeExhaustion(ms: number | null): string | null {
  if (ms === null || !isFinite(ms) || ms < 0) return null;
  if (ms === 0) return 'now';
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))} min`;
  const hours = Math.round(ms / HOUR);
  if (hours < 72) return `${hours} h`;
  const days = Math.round(ms / DAY);
  if (days < 56) return plural(days, 'day');
  return plural(Math.round(ms / (7 * DAY)), 'week');
}

/**
 * What the current burn means for the budget, as a clause: `the budget is already spent`,
 * `at this rate the 30d budget is gone in 36 h`, or '' when it is never spent at this rate.
 * @public
 */
export function exhaustionOutlook(
  slo: ExhaustionInput & { window: string },
  rate: number | null | undefined,
): string {
  const left = timeToExhaustion(slo, rate);
  if (left === 0) return 'the budget is already spent';
  if (left === null) return '';
  return `at this rate the ${slo.window} budget is gone in ${describeExhaustion(
    left,
  )}`;
}

/** Time to exhaustion at each look-back window's burn rate. @public */
export function exhaustionByWindow(
  slo: ExhaustionInput,
  burnRates: ReadonlyArray<BurnRate>,
): Array<{ window: string; ms: number | null; text: string | null }> {
  return burnRates.map(b => {
    const ms = timeToExhaustion(slo, b.rate);
    return { window: b.window, ms, text: describeExhaustion(ms) };
  });
}

/** What a rule firing means and what to do about it, by its severity. */
const TO_DO: Record<AlertSeverity, string> = {
  page: 'Page: act now, find what changed and roll it back or mitigate.',
  ticket:
    'Ticket: a slower burn, to fix within working days before it becomes a page.',
};

/**
 * One sentence per firing rule: what fires, what it means for the budget and what to do,
 * e.g. "sev1 (page) fires: the 1h burn is 19.7× (above 14.4×); at this rate the 30d
 * budget is gone in 36 h. Page: act now, …".
 * @public
 */
export function describeFiringRule(
  slo: ExhaustionInput & { window: string },
  rule: AlertRuleState,
  rate: number | null | undefined,
): string {
  const name =
    rule.severityName && rule.severityName !== rule.severity
      ? `${rule.severityName} (${rule.severity})`
      : rule.severity;
  const op = {
    lt: 'below',
    lte: 'at or below',
    gte: 'at or above',
    gt: 'above',
  }[rule.op ?? 'gt'];
  const burn =
    rate === null || rate === undefined ? 'no data' : `${formatTimes(rate)}`;
  const outlook = exhaustionOutlook(slo, rate);
  return `${name} fires: the ${rule.long} burn is ${burn} (${op} ${formatTimes(
    rule.threshold,
  )})${outlook ? `; ${outlook}` : ''}. ${TO_DO[rule.severity]}`;
}

function formatTimes(rate: number): string {
  return `${Number(rate.toFixed(1))}×`;
}
