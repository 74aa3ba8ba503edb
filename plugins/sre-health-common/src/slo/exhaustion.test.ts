import {
  currentBurn,
  describeExhaustion,
  timeToExhaustion,
} from './exhaustion';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;

describe('timeToExhaustion', () => {
  it('is the budget left times the window over the burn rate', () => {
    // 94% of a 30-day budget at 19.7×: 0.94 × 720 h / 19.7 ≈ 34.4 h.
    expect(
      timeToExhaustion({ budgetRemaining: 0.94, windowMs: MONTH }, 19.7),
    ).toBeCloseTo((0.94 * 720 * HOUR) / 19.7);
    // At 1× a full budget lasts exactly one window.
    expect(timeToExhaustion({ budgetRemaining: 1, windowMs: MONTH }, 1)).toBe(
      MONTH,
    );
    expect(
      timeToExhaustion({ budgetRemaining: 0.5, windowMs: 28 * DAY }, 2),
    ).toBe(7 * DAY);
  });

  it('is 0 when the budget is already exhausted, whatever the rate', () => {
    expect(timeToExhaustion({ budgetRemaining: 0, windowMs: MONTH }, 3)).toBe(
      0,
    );
    expect(
      timeToExhaustion({ budgetRemaining: -15.02, windowMs: MONTH }, null),
    ).toBe(0);
  });

  it('is null when the budget never runs out at this rate, or is unknown', () => {
    const slo = { budgetRemaining: 0.5, windowMs: MONTH };
    expect(timeToExhaustion(slo, 0)).toBeNull();
    expect(timeToExhaustion(slo, -1)).toBeNull();
    expect(timeToExhaustion(slo, null)).toBeNull();
    expect(timeToExhaustion(slo, undefined)).toBeNull();
    expect(timeToExhaustion(slo, NaN)).toBeNull();
    expect(
      timeToExhaustion({ budgetRemaining: null, windowMs: MONTH }, 2),
    ).toBeNull();
  });
});

describe('currentBurn', () => {
  it('is the 1h burn, or the next longer window with data', () => {
    expect(
      currentBurn([
        { window: '5m', rate: 40 },
        { window: '1h', rate: 19.7 },
        { window: '6h', rate: 3 },
      ]),
    ).toEqual({ window: '1h', rate: 19.7 });
    expect(
      currentBurn([
        { window: '1h', rate: null },
        { window: '1d', rate: 0.4 },
      ]),
    ).toEqual({ window: '1d', rate: 0.4 });
    expect(currentBurn([{ window: '5m', rate: 3 }])).toBeNull();
    expect(currentBurn([])).toBeNull();
  });
});

describe('describeExhaustion', () => {
  it.each([
    [20 * 1000, '1 min'],
    [45 * 60_000, '45 min'],
    [HOUR, '1 h'],
    [34.4 * HOUR, '34 h'],
    [36 * HOUR, '36 h'],
    [71 * HOUR, '71 h'],
    [72 * HOUR, '3 days'],
    [4 * DAY, '4 days'],
    [55 * DAY, '55 days'],
    [63 * DAY, '9 weeks'],
  ])('%d ms is %s', (ms, phrase) => {
    expect(describeExhaustion(ms)).toBe(phrase);
  });

  it('says now when already exhausted, and nothing when never', () => {
    expect(describeExhaustion(0)).toBe('now');
    expect(describeExhaustion(null)).toBeNull();
  });

  it('reads in a sentence', () => {
    const ms = timeToExhaustion(
      { budgetRemaining: 0.94, windowMs: MONTH },
      19.7,
    );
    expect(`the budget is gone in ${describeExhaustion(ms)}`).toBe(
      'the budget is gone in 34 h',
    );
  });
});
