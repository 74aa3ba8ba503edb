import type { BurnRate, SloStatus, SloSummary } from './types';

/** Look-back windows of the burn-rate table, with their length in hours. @public */
export const BURN_RATE_WINDOWS: ReadonlyArray<{
  window: string;
  hours: number;
}> = [
  { window: '1h', hours: 1 },
  { window: '6h', hours: 6 },
  { window: '1d', hours: 24 },
  { window: '3d', hours: 72 },
];

/** Below this share of budget left an SLO is at risk even if it is not burning fast. @public */
export const AT_RISK_BUDGET_REMAINING = 0.25;

/** @public */
export interface EventCounts {
  good: number;
  total: number;
}

/** Parses an SLO window like `30d`. @public */
export function parseWindowDays(
  value: string | undefined,
  fallback = 30,
): number {
  const match = /^(\d{1,3})d$/.exec(value?.trim() ?? '');
  const days = match ? Number(match[1]) : fallback;
  return days >= 1 && days <= 365 ? days : fallback;
}

/** Parses a target given in percent (`"99.9"`) into a fraction, or undefined if invalid. @public */
export function parseTargetPercent(
  value: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  const percent = Number(value);
  if (!Number.isFinite(percent) || percent <= 0 || percent >= 100)
    return undefined;
  // Rounded so "99.9" is 0.999, not 0.9990000000000001.
  return Number((percent / 100).toFixed(10));
}

/**
 * How fast the error budget burns: the observed error rate divided by the rate the SLO
 * allows. A burn rate of 1 spends the whole budget in exactly one SLO window.
 * @public
 */
export function burnRate(counts: EventCounts, target: number): number | null {
  if (counts.total <= 0) return null;
  const errorRate = (counts.total - counts.good) / counts.total;
  return errorRate / (1 - target);
}

/** @public */
export function summarizeSlo(options: {
  name: string;
  target: number;
  windowDays: number;
  source: string;
  window: EventCounts;
  burnWindows: ReadonlyArray<EventCounts & { window: string }>;
}): SloSummary {
  const { name, target, windowDays, source, window } = options;
  const bad = window.total - window.good;
  const burnRates: BurnRate[] = options.burnWindows.map(w => ({
    window: w.window,
    rate: burnRate(w, target),
  }));
  if (window.total <= 0) {
    return {
      name,
      target,
      windowDays,
      source,
      sli: null,
      totalEvents: 0,
      badEvents: 0,
      budgetRemaining: null,
      burnRates,
      status: 'no-data',
    };
  }
  const allowedBad = (1 - target) * window.total;
  const budgetRemaining = 1 - bad / allowedBad;
  return {
    name,
    target,
    windowDays,
    source,
    sli: window.good / window.total,
    totalEvents: window.total,
    badEvents: bad,
    budgetRemaining,
    burnRates,
    status: sloStatus(budgetRemaining, burnRates),
  };
}

/** Fast burn: the workbook's page threshold for a 30-day window over one hour. @public */
export const FAST_BURN_RATE = 14.4;

function sloStatus(budgetRemaining: number, burnRates: BurnRate[]): SloStatus {
  if (budgetRemaining <= 0) return 'breached';
  const fastBurn = burnRates.some(
    b => b.window === '1h' && b.rate !== null && b.rate > FAST_BURN_RATE,
  );
  if (fastBurn || budgetRemaining < AT_RISK_BUDGET_REMAINING) return 'at-risk';
  return 'healthy';
}
