import {
  formatAge,
  formatBudget,
  formatBudgetLeft,
  formatBurnRate,
} from './sloFormat';

describe('formatBudget', () => {
  it('states the budget left in its unit', () => {
    expect(
      formatBudget({
        unit: 'events',
        total: 1000.0000000000001,
        consumed: 588,
        remaining: 412,
        remainingFraction: 0.412,
      }),
    ).toBe('412 of 1,000 events left');
    expect(
      formatBudget({
        unit: 'minutes',
        total: 43.2,
        consumed: 12,
        remaining: 31.2,
        remainingFraction: 31.2 / 43.2,
      }),
    ).toBe('31.2 of 43.2 minutes left');
    expect(
      formatBudget({
        unit: 'minutes',
        total: 4.32,
        consumed: 4,
        remaining: 0.32,
        remainingFraction: 0.32 / 4.32,
      }),
    ).toBe('0.32 of 4.32 minutes left');
  });

  it('states an overspent budget', () => {
    expect(
      formatBudget({
        unit: 'events',
        total: 100,
        consumed: 125,
        remaining: -25,
        remainingFraction: -0.25,
      }),
    ).toBe('exhausted: overspent by 25 of 100 events');
    expect(
      formatBudget({
        unit: 'minutes',
        total: 43.2,
        consumed: 43.2,
        remaining: 0,
        remainingFraction: 0,
      }),
    ).toBe('exhausted: all 43.2 minutes spent');
  });
});

describe('formatBudgetLeft', () => {
  it('is a percent while budget is left', () => {
    expect(formatBudgetLeft(0.94)).toBe('94%');
    expect(formatBudgetLeft(0.0042)).toBe('0.4%');
    expect(formatBudgetLeft(1)).toBe('100%');
    expect(formatBudgetLeft(null)).toBe('—');
  });

  it('reads exhausted once spent, never a negative percent', () => {
    expect(formatBudgetLeft(0)).toBe('exhausted');
    expect(formatBudgetLeft(-15.02)).toBe('exhausted');
    expect(formatBudgetLeft(-Infinity)).toBe('exhausted');
  });
});

describe('formatBurnRate', () => {
  it('keeps two decimals below 10 and one above', () => {
    expect(formatBurnRate(0.5)).toBe('0.50×');
    expect(formatBurnRate(14.4)).toBe('14.4×');
    expect(formatBurnRate(null)).toBe('—');
  });
});

describe('formatAge', () => {
  const now = Date.parse('2026-01-10T12:00:00.000Z');
  it.each([
    ['2026-01-10T11:59:30.000Z', 'less than a minute ago'],
    ['2026-01-10T11:55:00.000Z', '5 minutes ago'],
    ['2026-01-10T11:59:00.000Z', '1 minute ago'],
    ['2026-01-10T09:00:00.000Z', '3 hours ago'],
    ['2026-01-08T12:00:00.000Z', '2 days ago'],
    // A clock ahead of the browser's is not "in 2 minutes".
    ['2026-01-10T12:02:00.000Z', 'less than a minute ago'],
  ])('%s is %s', (iso, expected) => {
    expect(formatAge(iso, now)).toBe(expected);
  });
});
