import {
  alertThreshold,
  burnRate,
  computeSloMath,
  evaluateAlerts,
  MULTIWINDOW_ALERT_RULES,
  MAX_BURN_DOWN_POINTS,
} from './math';

const DAY = 86_400_000;
const rates = (r: Record<string, number>) =>
  Object.entries(r).map(([window, rate]) => ({ window, rate }));

describe('burn rate', () => {
  it('is the error rate over the allowed error rate', () => {
    // 99.9% allows 0.1% errors; 1.44% errors burns 14.4× (the workbook's page line).
    expect(burnRate({ good: 9856, total: 10000 }, 0.999)).toBeCloseTo(14.4, 10);
    expect(burnRate({ good: 999, total: 1000 }, 0.999)).toBeCloseTo(1, 10);
    expect(burnRate({ good: 0, total: 0 }, 0.999)).toBeNull();
  });
});

describe('multi-window, multi-burn-rate alerts (SRE Workbook, ch. 5)', () => {
  it('reproduces the workbook table for a 30-day SLO', () => {
    const table = MULTIWINDOW_ALERT_RULES.map(r => [
      r.severity,
      r.long,
      r.short,
      alertThreshold(r.budgetFraction, 30 * DAY, r.long),
    ]);
    expect(table).toEqual([
      ['page', '1h', '5m', 14.4],
      ['page', '6h', '30m', 6],
      ['ticket', '1d', '2h', 3],
      ['ticket', '3d', '6h', 1],
    ]);
  });

  it('scales thresholds with the SLO window, keeping the budget fractions', () => {
    expect(alertThreshold(0.02, 28 * DAY, '1h')).toBe(13.44);
    expect(alertThreshold(0.1, 7 * DAY, '3d')).toBeCloseTo(0.233333, 5);
  });

  it('pages only when both windows of a rule burn above the threshold', () => {
    const base = {
      '5m': 0,
      '30m': 0,
      '1h': 0,
      '2h': 0,
      '6h': 0,
      '1d': 0,
      '3d': 0,
    };
    expect(
      evaluateAlerts(rates({ ...base, '1h': 15, '5m': 15 }), 30 * DAY).state,
    ).toBe('page');
    expect(
      evaluateAlerts(rates({ ...base, '1h': 15, '5m': 2 }), 30 * DAY).state,
    ).toBe('none');
    expect(
      evaluateAlerts(rates({ ...base, '6h': 6.5, '30m': 7 }), 30 * DAY).state,
    ).toBe('page');
    expect(
      evaluateAlerts(rates({ ...base, '1d': 3.5, '2h': 4 }), 30 * DAY).state,
    ).toBe('ticket');
    expect(
      evaluateAlerts(rates({ ...base, '3d': 1.2, '6h': 1.1 }), 30 * DAY).state,
    ).toBe('ticket');
    // Exactly at the threshold does not fire: the workbook's condition is "greater than".
    expect(
      evaluateAlerts(rates({ ...base, '1h': 14.4, '5m': 14.4 }), 30 * DAY)
        .state,
    ).toBe('none');
  });
});

describe('computeSloMath', () => {
  const quiet = [{ window: '1h', good: 1000, total: 1000 }];
  const occurrences = {
    target: 0.999,
    windowMs: 30 * DAY,
    budgetingMethod: 'Occurrences' as const,
  };

  it('computes SLI and budget: 1,000,000 events, 400 bad at 99.9% → 600 of 1,000 left', () => {
    const m = computeSloMath({
      ...occurrences,
      window: { good: 999_600, total: 1_000_000 },
      burnWindows: quiet,
    });
    expect(m.sli).toBeCloseTo(0.9996, 12);
    expect(m.budget!.unit).toBe('events');
    expect(m.budget!.total).toBeCloseTo(1000, 6);
    expect(m.budget!.consumed).toBe(400);
    expect(m.budget!.remaining).toBeCloseTo(600, 6);
    expect(m.budget!.remainingFraction).toBeCloseTo(0.6, 12);
    expect(m.status).toBe('healthy');
  });

  it('is at risk under a quarter of the budget left, breached when spent', () => {
    expect(
      computeSloMath({
        ...occurrences,
        window: { good: 999_200, total: 1_000_000 },
        burnWindows: quiet,
      }).status,
    ).toBe('at-risk');
    const breached = computeSloMath({
      ...occurrences,
      window: { good: 998_500, total: 1_000_000 },
      burnWindows: quiet,
    });
    expect(breached.budget!.remainingFraction).toBeCloseTo(-0.5, 12);
    expect(breached.status).toBe('breached');
  });

  it('is at risk while an alert fires even with most of the budget left', () => {
    const burning = [
      { window: '5m', good: 980, total: 1000 },
      { window: '1h', good: 9800, total: 10000 },
    ];
    const m = computeSloMath({
      ...occurrences,
      window: { good: 999_900, total: 1_000_000 },
      burnWindows: burning,
    });
    expect(m.alert.state).toBe('page');
    expect(m.status).toBe('at-risk');
  });

  it('counts a time-based budget in minutes for timeslices', () => {
    // 30 days of 1-minute slices at 99.9%: 43.2 bad minutes allowed; 10 bad slices spent.
    const m = computeSloMath({
      target: 0.999,
      windowMs: 30 * DAY,
      budgetingMethod: 'Timeslices',
      sliceMs: 60_000,
      window: { good: 43_190, total: 43_200 },
      burnWindows: [],
    });
    expect(m.budget!.unit).toBe('minutes');
    expect(m.budget!.total).toBeCloseTo(43.2, 6);
    expect(m.budget!.consumed).toBe(10);
    expect(m.budget!.remainingFraction).toBeCloseTo(1 - 10 / 43.2, 10);
  });

  it('draws the burn-down from the series', () => {
    const m = computeSloMath({
      ...occurrences,
      window: { good: 2997, total: 3000 },
      burnWindows: [],
      series: [
        { t: 'a', good: 1000, total: 1000 },
        { t: 'b', good: 998, total: 1000 },
        { t: 'c', good: 999, total: 1000 },
      ],
    });
    // 3 errors allowed over 3000 events.
    expect(m.burnDown.map(p => Number(p.budgetRemaining.toFixed(6)))).toEqual([
      1, 0.333333, 0,
    ]);
  });

  it('thins a long burn-down to every k-th step, keeping the exact last point', () => {
    // 720 hourly steps, one bad event in each: 720 errors allowed over 720,000 events.
    const series = Array.from({ length: 720 }, (_, i) => ({
      t: `h${i}`,
      good: 999,
      total: 1000,
    }));
    const m = computeSloMath({
      ...occurrences,
      target: 0.999,
      window: { good: 719_280, total: 720_000 },
      burnWindows: [],
      series,
    });
    expect(m.burnDown).toHaveLength(MAX_BURN_DOWN_POINTS);
    expect(m.burnDown[0].t).toBe('h3');
    expect(m.burnDown[0].budgetRemaining).toBeCloseTo(1 - 4 / 720, 10);
    expect(m.burnDown[1].t).toBe('h7');
    expect(m.burnDown[MAX_BURN_DOWN_POINTS - 1].t).toBe('h719');
    expect(m.burnDown[MAX_BURN_DOWN_POINTS - 1].budgetRemaining).toBeCloseTo(
      0,
      10,
    );

    const odd = computeSloMath({
      ...occurrences,
      target: 0.999,
      window: { good: 999 * 181, total: 1000 * 181 },
      burnWindows: [],
      series: series.slice(0, 181),
    });
    // every second step, and the last one although 181 is odd
    expect(odd.burnDown.map(p => p.t).slice(-2)).toEqual(['h179', 'h180']);
    expect(odd.burnDown).toHaveLength(91);
  });

  it('says no-data without events', () => {
    const m = computeSloMath({
      ...occurrences,
      window: { good: 0, total: 0 },
      burnWindows: [],
    });
    expect(m).toMatchObject({ status: 'no-data', sli: null, budget: null });
  });
});
