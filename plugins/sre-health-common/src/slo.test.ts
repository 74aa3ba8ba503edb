import {
  burnRate,
  parseTargetPercent,
  parseWindowDays,
  summarizeSlo,
} from './slo';

describe('burnRate', () => {
  it('is the error rate over the allowed error rate', () => {
    // 99.9% target allows 0.1% errors; 1.44% errors burns 14.4x (the workbook's page line).
    expect(burnRate({ good: 9856, total: 10000 }, 0.999)).toBeCloseTo(14.4, 10);
    expect(burnRate({ good: 999, total: 1000 }, 0.999)).toBeCloseTo(1, 10);
    expect(burnRate({ good: 0, total: 0 }, 0.999)).toBeNull();
  });
});

describe('summarizeSlo', () => {
  const base = {
    name: 'availability',
    target: 0.999,
    windowDays: 30,
    source: 'test',
  };
  const quiet = [{ window: '1h', good: 1000, total: 1000 }];

  it('computes SLI and budget: 1,000,000 events, 400 bad, 99.9% → 60% of the budget left', () => {
    const s = summarizeSlo({
      ...base,
      window: { good: 999_600, total: 1_000_000 },
      burnWindows: quiet,
    });
    expect(s.sli).toBeCloseTo(0.9996, 10);
    expect(s.badEvents).toBe(400);
    expect(s.budgetRemaining).toBeCloseTo(0.6, 10);
    expect(s.status).toBe('healthy');
  });

  it('is at risk under a quarter of the budget, or when the last hour burns above 14.4', () => {
    expect(
      summarizeSlo({
        ...base,
        window: { good: 999_200, total: 1_000_000 },
        burnWindows: quiet,
      }).status,
    ).toBe('at-risk');
    const fast = [{ window: '1h', good: 9800, total: 10_000 }]; // 20x
    expect(
      summarizeSlo({
        ...base,
        window: { good: 999_900, total: 1_000_000 },
        burnWindows: fast,
      }).status,
    ).toBe('at-risk');
  });

  it('is breached when the budget is spent', () => {
    const s = summarizeSlo({
      ...base,
      window: { good: 998_500, total: 1_000_000 },
      burnWindows: quiet,
    });
    expect(s.budgetRemaining).toBeCloseTo(-0.5, 10);
    expect(s.status).toBe('breached');
  });

  it('says no-data without events', () => {
    const s = summarizeSlo({
      ...base,
      window: { good: 0, total: 0 },
      burnWindows: [],
    });
    expect(s).toMatchObject({
      status: 'no-data',
      sli: null,
      budgetRemaining: null,
    });
  });
});

describe('annotation parsing', () => {
  it('reads targets in percent and rejects nonsense', () => {
    expect(parseTargetPercent('99.9')).toBe(0.999);
    expect(parseTargetPercent('100')).toBeUndefined();
    expect(parseTargetPercent('abc')).toBeUndefined();
    expect(parseTargetPercent(undefined)).toBeUndefined();
  });
  it('reads windows in days with a 30-day default', () => {
    expect(parseWindowDays('28d')).toBe(28);
    expect(parseWindowDays('4w')).toBe(30);
    expect(parseWindowDays(undefined)).toBe(30);
  });
});
