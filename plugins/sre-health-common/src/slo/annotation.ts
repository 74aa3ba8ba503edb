import type { SloDefinition } from './definition';

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

/** Parses an SLO window like `30d` into days. @public */
export function parseWindowDays(
  value: string | undefined,
  fallback = 30,
): number {
  const match = /^(\d{1,3})d$/.exec(value?.trim() ?? '');
  const days = match ? Number(match[1]) : fallback;
  return days >= 1 && days <= 365 ? days : fallback;
}

/**
 * The shorthand SLO of the `slo-target` annotation: an availability ratio over events
 * pushed to SRE Health, rolling window, Occurrences budgeting.
 * @public
 */
export function annotationSlo(
  targetPercent: string | undefined,
  window: string | undefined,
): SloDefinition | undefined {
  const target = parseTargetPercent(targetPercent);
  if (target === undefined) return undefined;
  return {
    name: 'availability',
    displayName: 'Availability',
    description:
      'Declared with the sre-health.dev/slo-target annotation; good/total events pushed to SRE Health.',
    indicator: {
      type: 'ratio',
      counter: false,
      good: { sourceType: 'pushed' },
      total: { sourceType: 'pushed' },
    },
    timeWindow: {
      duration: { value: parseWindowDays(window), unit: 'd' },
      rolling: true,
    },
    budgetingMethod: 'Occurrences',
    target,
  };
}
