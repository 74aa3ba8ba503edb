import type { ErrorBudget } from '@sre-health/backstage-plugin-sre-health-common';

/** A budget amount: one decimal from 10 up (`31.2`, `1,000`), two below (`4.32`). */
export function formatAmount(value: number): string {
  return new Intl.NumberFormat('en-US', {
    maximumFractionDigits: Math.abs(value) < 10 ? 2 : 1,
  }).format(value);
}

/**
 * The error budget in its unit: `412 of 1,000 events left`, `31.2 of 43.2 minutes left`;
 * a spent one is `exhausted: overspent by 25 of 100 events`.
 */
export function formatBudget(budget: ErrorBudget): string {
  const total = formatAmount(budget.total);
  if (budget.remaining < 0) {
    return `exhausted: overspent by ${formatAmount(
      -budget.remaining,
    )} of ${total} ${budget.unit}`;
  }
  if (budget.remaining === 0) {
    return `exhausted: all ${total} ${budget.unit} spent`;
  }
  return `${formatAmount(budget.remaining)} of ${total} ${budget.unit} left`;
}

/**
 * The share of the error budget left: `94%`, `0.4%`, or `exhausted` once it is spent,
 * never a negative percent. `—` without data.
 */
export function formatBudgetLeft(
  fraction: number | null | undefined,
  digits = 1,
): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) {
    return '—';
  }
  if (fraction <= 0) {
    return 'exhausted';
  }
  return `${Number((Math.min(fraction, 1) * 100).toFixed(digits))}%`;
}

/** A burn rate: `0.50×`, `20.0×`, or `—` without data. */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) {
    return '—';
  }
  return `${rate < 10 ? rate.toFixed(2) : rate.toFixed(1)}×`;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** How long ago an ISO timestamp was: `5 minutes ago`, `3 hours ago`, `2 days ago`. */
export function formatAge(iso: string, now: number = Date.now()): string {
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (seconds < 60) {
    return 'less than a minute ago';
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return relative.format(-minutes, 'minute');
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return relative.format(-hours, 'hour');
  }
  return relative.format(-Math.floor(hours / 24), 'day');
}
