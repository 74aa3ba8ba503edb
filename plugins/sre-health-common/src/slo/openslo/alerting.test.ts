import { describeFiringRule, exhaustionByWindow } from '../exhaustion';
import { evaluateAlerts } from '../math';
import { parseOpenSlo } from './parse';

const DAY = 86_400_000;

const policy = (
  name: string,
  severity: string,
  condition: object,
  extra = {},
) => ({
  kind: 'AlertPolicy',
  metadata: { name },
  spec: {
    ...extra,
    conditions: [
      {
        kind: 'AlertCondition',
        metadata: { name: `${name}-c` },
        spec: { severity, condition },
      },
    ],
    notificationTargets: [
      {
        kind: 'AlertNotificationTarget',
        metadata: { name: 't' },
        spec: { target: 'slack' },
      },
    ],
  },
});

const sloWith = (alertPolicies: unknown[] | undefined) =>
  parseOpenSlo([
    {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'api' },
      spec: {
        indicator: {
          spec: {
            ratioMetric: {
              good: { metricSource: { type: 'sre-health', spec: {} } },
              total: { metricSource: { type: 'sre-health', spec: {} } },
            },
          },
        },
        timeWindow: [{ duration: '30d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: 0.999 }],
        alertPolicies,
      },
    },
  ]).slos[0];

const rates = (rate: number) =>
  ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '12h'].map(window => ({
    window,
    rate,
  }));

describe('AlertPolicy decides the burn-rate tiers', () => {
  it('keeps the workbook tiers when the SLO names no policy', () => {
    const slo = sloWith(undefined);
    expect(slo.alertRules).toBeUndefined();
    const state = evaluateAlerts(rates(20), 30 * DAY, slo.alertRules);
    expect(state.rules.map(r => [r.long, r.severity, r.firing])).toEqual([
      ['1h', 'page', true],
      ['6h', 'page', true],
      ['1d', 'ticket', true],
      ['3d', 'ticket', true],
    ]);
  });

  it('turns on the named tiers with their severity names and thresholds; the others stay off', () => {
    const slo = sloWith([
      policy('fast', 'sev1', {
        kind: 'burnrate',
        op: 'gt',
        threshold: 10,
        lookbackWindow: '60m',
      }),
      policy('slow', 'warning', {
        op: 'gte',
        threshold: 2,
        lookbackWindow: '24h',
      }),
      policy('custom', 'page', {
        op: 'gt',
        threshold: 4,
        lookbackWindow: '12h',
      }),
    ]);
    expect(slo.alertRules).toEqual([
      expect.objectContaining({
        long: '1h',
        short: '5m',
        severity: 'page',
        severityName: 'sev1',
        threshold: 10,
      }),
      expect.objectContaining({
        long: '1d',
        short: '2h',
        severity: 'ticket',
        severityName: 'warning',
        op: 'gte',
        threshold: 2,
      }),
      expect.objectContaining({
        long: '12h',
        short: '12h',
        severity: 'page',
        policy: 'custom',
      }),
    ]);
    const burning = evaluateAlerts(rates(3), 30 * DAY, slo.alertRules);
    expect(burning.state).toBe('ticket');
    expect(burning.rules.map(r => [r.long, r.firing, r.off ?? null])).toEqual([
      ['1h', false, null],
      ['1d', true, null],
      ['12h', false, null],
      ['6h', false, 'no alert policy of this SLO turns this tier on'],
      ['3d', false, 'no alert policy of this SLO turns this tier on'],
    ]);
    expect(evaluateAlerts(rates(11), 30 * DAY, slo.alertRules).state).toBe(
      'page',
    );
  });

  it('switches a tier off when its policy does not alert on breaches', () => {
    const slo = sloWith([
      policy(
        'quiet',
        'page',
        { op: 'gt', threshold: 1, lookbackWindow: '1h' },
        { alertWhenBreaching: false },
      ),
    ]);
    const state = evaluateAlerts(rates(50), 30 * DAY, slo.alertRules);
    expect(state.state).toBe('none');
    expect(state.rules[0]).toMatchObject({
      long: '1h',
      firing: false,
      off: expect.stringContaining('alertWhenBreaching'),
    });
  });
});

describe('time to exhaustion and the sentence per firing rule', () => {
  const slo = { budgetRemaining: 0.5, windowMs: 30 * DAY, window: '30d' };

  it('gives the time to exhaustion per window', () => {
    expect(
      exhaustionByWindow(slo, [
        { window: '1h', rate: 10 },
        { window: '1d', rate: 0 },
      ]),
    ).toEqual([
      { window: '1h', ms: 1.5 * DAY, text: '36 h' },
      { window: '1d', ms: null, text: null },
    ]);
  });

  it('says what a firing rule means and what to do', () => {
    expect(
      describeFiringRule(
        slo,
        {
          severity: 'page',
          severityName: 'sev1',
          long: '1h',
          short: '5m',
          threshold: 14.4,
          firing: true,
        },
        10,
      ),
    ).toBe(
      'sev1 (page) fires: the 1h burn is 10× (above 14.4×); at this rate the 30d budget is gone in 36 h. Page: act now, find what changed and roll it back or mitigate.',
    );
    expect(
      describeFiringRule(
        { ...slo, budgetRemaining: 0 },
        {
          severity: 'ticket',
          long: '3d',
          short: '6h',
          threshold: 1,
          firing: true,
        },
        1.5,
      ),
    ).toMatch(
      /^ticket fires: the 3d burn is 1\.5× \(above 1×\); the budget is already spent\. Ticket:/,
    );
  });
});
