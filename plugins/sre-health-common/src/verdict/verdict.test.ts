import { evaluateAlerts } from '../slo/math';
import type {
  EntityHealth,
  Postmortem,
  SloSummary,
  StressorFlag,
} from '../types';
import { computeVerdict } from './verdict';
import { testFlag } from '../__testUtils__/flags';

const DAY = 86_400_000;

function slo(overrides: Partial<SloSummary> = {}): SloSummary {
  const burnRates = overrides.burnRates ?? [
    { window: '5m', rate: 0.5 },
    { window: '30m', rate: 0.5 },
    { window: '1h', rate: 0.5 },
    { window: '2h', rate: 0.5 },
    { window: '6h', rate: 0.5 },
    { window: '1d', rate: 0.5 },
    { window: '3d', rate: 0.5 },
  ];
  return {
    name: 'availability',
    displayName: 'Availability',
    description: '',
    origin: 'annotation',
    location: 'annotation',
    source: 'pushed events',
    target: 0.999,
    window: '30d',
    windowMs: 30 * DAY,
    windowDays: 30,
    budgetingMethod: 'Occurrences',
    sli: 0.9995,
    totalEvents: 1000,
    badEvents: 1,
    budget: null,
    budgetRemaining: 0.9,
    burnRates,
    alert: evaluateAlerts(burnRates, 30 * DAY),
    status: 'healthy',
    burnDown: [],
    computedAt: '2026-12-01T00:00:00Z',
    ...overrides,
  } as SloSummary;
}

function burning(rate1h: number, rate5m = rate1h): SloSummary {
  const burnRates = [
    { window: '5m', rate: rate5m },
    { window: '30m', rate: 2 },
    { window: '1h', rate: rate1h },
    { window: '2h', rate: 2 },
    { window: '6h', rate: 2 },
    { window: '1d', rate: 1 },
    { window: '3d', rate: 0.8 },
  ];
  return slo({
    burnRates,
    alert: evaluateAlerts(burnRates, 30 * DAY),
    budgetRemaining: 0.94,
  });
}

let ids = 0;
function flag(
  stressorKey: string,
  stressLevel: number,
  more: Partial<StressorFlag> = {},
): StressorFlag {
  ids += 1;
  return testFlag({
    id: String(ids),
    createdAt: `2026-10-0${(ids % 9) + 1}T00:00:00Z`,
    updatedAt: '2026-10-01T00:00:00Z',
    entityRef: 'component:default/payments-api',
    stressorKey,
    stressLevel,
    proposedLevel: stressLevel,
    evidence: '',
    source: 'detected',
    author: 'sre-health:detector',
    ...more,
  });
}

/** The team rated the flag at `level`: it becomes the flag's level. */
function rated(level: number): Partial<StressorFlag> {
  return {
    ratedLevel: level,
    stressLevel: level,
    ratedBy: 'user:default/carol',
  };
}

function postmortem(title: string, items: string[]): Postmortem {
  return {
    id: title,
    version: 1,
    createdAt: '2026-10-01T00:00:00Z',
    updatedAt: '2026-10-01T00:00:00Z',
    entityRef: 'component:default/payments-api',
    title,
    occurredAt: '2026-10-01T00:00:00Z',
    impact: '',
    contributingFactors: [],
    actionItems: items.map(text => ({ text })),
    author: 'user:default/alice',
  };
}

function health(overrides: Partial<EntityHealth> = {}): EntityHealth {
  return {
    entityRef: 'component:default/payments-api',
    ownerRef: 'group:default/payments-team',
    slos: [slo()],
    sloProblems: [],
    stressors: [],
    knowledgeSilo: {
      tier: 'standard',
      servingCritical: false,
      busFactor: 3,
      risk: 'low',
      operators: [],
    },
    engagement: null,
    opsLoad: null,
    fires: [],
    fireCounts: { toil: 0, overhead: 0, unsorted: 0 },
    postmortems: [],
    postmortemCount: 0,
    ...overrides,
  };
}

describe('computeVerdict', () => {
  it('is healthy when SLOs are within budget and nothing is flagged high', () => {
    const v = computeVerdict(
      health({ stressors: [flag('naive-capacity-plan', 2)] }),
    );
    expect(v.state).toBe('healthy');
    expect(v.budgetLeft).toBe(0.9);
    expect(v.actions.map(a => a.key)).toEqual(['stressor:naive-capacity-plan']);
  });

  it('pages on a firing page rule and leads with the burn, its outlook and its rule', () => {
    const v = computeVerdict(
      health({ slos: [burning(19.7)], stressors: [flag('knowledge-gap', 5)] }),
    );
    expect(v.state).toBe('paging');
    expect(v.headline).toMatch(
      /^Availability burns its error budget 19\.7× too fast over 1h/,
    );
    expect(v.actions[0]).toEqual({
      key: 'burn:availability:1h',
      text: 'Investigate the 1h burn of 19.7× on Availability',
      // 0.94 × 30 days ÷ 19.7 = 34.4 h
      reason: expect.stringMatching(
        /^at this rate the 30d budget is gone in 34 h; the page rule \(1h and 5m above 14\.4×\) is firing$/,
      ),
      anchor: 'slo-availability',
    });
    expect(v.actions[1].anchor).toBe('stressor-knowledge-gap');
  });

  it("names the alert policy's severity when a policy decides the rule", () => {
    const s = burning(19.7);
    const alert = evaluateAlerts(s.burnRates, 30 * DAY, [
      {
        long: '1h',
        short: '5m',
        severity: 'page',
        severityName: 'sev1',
        op: 'gt',
        threshold: 10,
        policy: 'fast-burn',
        condition: 'one-hour',
      },
    ]);
    const v = computeVerdict(health({ slos: [{ ...s, alert }] }));
    expect(v.state).toBe('paging');
    expect(v.actions[0].reason).toMatch(
      /; the sev1 \(page\) rule \(1h and 5m above 10\.0×\) is firing$/,
    );
  });

  it('does not page when only the long window burns (the short one recovered)', () => {
    const v = computeVerdict(health({ slos: [burning(19.7, 1)] }));
    expect(v.state).not.toBe('paging');
  });

  it('opens a ticket on a firing ticket rule only', () => {
    const burnRates = [
      { window: '5m', rate: 1 },
      { window: '30m', rate: 1 },
      { window: '1h', rate: 4 },
      { window: '2h', rate: 4 },
      { window: '6h', rate: 2 },
      { window: '1d', rate: 4 },
      { window: '3d', rate: 0.5 },
    ];
    const v = computeVerdict(
      health({
        slos: [slo({ burnRates, alert: evaluateAlerts(burnRates, 30 * DAY) })],
      }),
    );
    expect(v.state).toBe('ticket');
    expect(v.actions[0].text).toBe(
      'Investigate the 1d burn of 4.00× on Availability',
    );
  });

  it('is at risk for a high stressor, a single-person dependency, an exhausted budget or overload', () => {
    expect(
      computeVerdict(health({ stressors: [flag('undiagnosed-alerts', 4)] }))
        .state,
    ).toBe('at-risk');
    expect(
      computeVerdict(
        health({
          stressors: [flag('undiagnosed-alerts', 3, rated(4))],
        }),
      ).state,
    ).toBe('at-risk');
    expect(
      computeVerdict(
        health({
          stressors: [flag('undiagnosed-alerts', 4, rated(2))],
        }),
      ).state,
    ).toBe('healthy');
    const exhausted = computeVerdict(
      health({ slos: [slo({ budgetRemaining: -14.02, status: 'breached' })] }),
    );
    expect(exhausted.state).toBe('at-risk');
    expect(exhausted.headline).toContain(
      'the error budget of Availability is exhausted',
    );
    const overloaded = computeVerdict(
      health({
        opsLoad: {
          teamRef: 'group:default/payments-team',
          latestOpsShare: 0.7,
          windowWeeks: 4,
          window: [],
          windowOpsShare: 0.62,
          overloaded: true,
          samples: [],
        },
      }),
    );
    expect(overloaded.state).toBe('at-risk');
    expect(overloaded.actions).toEqual([
      expect.objectContaining({
        key: 'team:embed',
        reason: expect.stringContaining('62%'),
        anchor: 'team',
      }),
    ]);
    // Overload is sustained: the verdict speaks of the window, not the latest week.
    expect(overloaded.actions[0].reason).toBe(
      "ops work took 62% of the team's time over the last 4 weeks, above the 50% cap",
    );
    expect(overloaded.headline).toContain(
      'the team spent 62% of its time on ops over the last 4 weeks',
    );
  });

  it('asks for a second operator when one person holds the service', () => {
    const v = computeVerdict(
      health({
        entityRef: 'component:default/ledger-service',
        stressors: [flag('knowledge-gap', 4), flag('naive-capacity-plan', 2)],
        knowledgeSilo: {
          tier: 'critical',
          servingCritical: true,
          busFactor: 1,
          risk: 'high',
          operators: [],
          singlePersonDependency: true,
          keyPeople: ['user:default/carol'],
        },
      }),
    );
    expect(v.state).toBe('at-risk');
    expect(v.actions[0]).toMatchObject({
      text: 'Pair a second operator on ledger-service',
      reason: 'only carol can operate it (bus factor 1); stress level 4',
      anchor: 'stressor-knowledge-gap',
    });
    // The knowledge card's own action is not repeated under another anchor when a flag names it...
    expect(v.actions.map(a => a.key)).toEqual([
      'stressor:knowledge-gap',
      'stressor:naive-capacity-plan',
      'knowledge:single-person',
    ]);
  });

  it('speaks of the postmortem pattern and names no past postmortem (#16)', () => {
    const postmortems = [
      postmortem('Checkout payments failing for 38 minutes', [
        'Revert the timeout to 60 s',
        'Restart the pods',
      ]),
      postmortem('Fine one', ['Find out why the first 1 MB takes 60 s']),
    ];
    const v = computeVerdict(
      health({
        stressors: [
          flag('rollback-only-postmortems', 3, {
            facts: { withoutCauseItem: 1, recentPostmortems: 2 },
          }),
        ],
        postmortems,
      }),
    );
    expect(v.actions[0]).toMatchObject({
      text: 'Lead the next postmortem to an action item aimed at the cause',
      reason:
        '1 of the 2 recent postmortems has no action item that investigates or prevents the cause; stress level 3',
    });
    expect(JSON.stringify(v)).not.toContain('Checkout payments failing');

    // a flag raised by hand carries no facts: still the pattern
    const byHand = computeVerdict(
      health({
        stressors: [flag('rollback-only-postmortems', 4, { facts: null })],
        postmortems,
      }),
    );
    expect(byHand.actions[0].reason).toBe(
      'recent postmortems have no action item that investigates or prevents the cause; stress level 4',
    );
  });

  it('orders stressors by effective level and lists at most three actions', () => {
    const v = computeVerdict(
      health({
        slos: [],
        stressors: [
          flag('naive-capacity-plan', 2),
          flag('next-big-thing', 3, rated(5)),
          flag('devs-own-it', 4),
          flag('sre-service-growing', 1),
          flag('complaints-without-slo', 5, { status: 'dismissed' }),
        ],
      }),
    );
    expect(v.actions.map(a => a.key)).toEqual([
      'stressor:next-big-thing',
      'stressor:devs-own-it',
      'stressor:naive-capacity-plan',
    ]);
    expect(v.topStressors.map(s => [s.key, s.level])).toEqual([
      ['next-big-thing', 5],
      ['devs-own-it', 4],
      ['naive-capacity-plan', 2],
    ]);
  });

  it('says "no SLO" and asks for one when nothing else is wrong', () => {
    const v = computeVerdict(health({ slos: [] }));
    expect(v.state).toBe('no-slo');
    expect(v.budgetLeft).toBeNull();
    expect(v.actions).toEqual([
      expect.objectContaining({
        key: 'slo:write',
        text: 'Write an SLO for payments-api',
        anchor: 'slos',
      }),
    ]);
  });

  describe('compound risks', () => {
    const CAROL = 'user:default/carol';
    const silo = {
      tier: 'critical' as const,
      servingCritical: true,
      busFactor: 1,
      risk: 'high' as const,
      operators: [],
      singlePersonDependency: true,
      keyPeople: [CAROL],
      onCall: [
        {
          userRef: CAROL,
          shifts: 10,
          lastShiftEndedAt: '2026-11-30T00:00:00Z',
        },
        {
          userRef: 'user:default/dan',
          shifts: 2,
          lastShiftEndedAt: '2026-11-20T00:00:00Z',
        },
      ],
    };

    it('puts the service at risk and leads with the move that breaks the combination', () => {
      const v = computeVerdict(
        health({
          slos: [slo({ status: 'at-risk', budgetRemaining: 0.2 })],
          knowledgeSilo: silo,
        }),
      );
      expect(v.state).toBe('at-risk');
      expect(v.compoundRisks.map(r => r.key)).toEqual(['pager-silo']);
      expect(v.compoundRisks[0].evidence).toContain(
        'carol held 10 of its 12 on-call shifts',
      );
      expect(v.headline).toContain(
        'a compound risk: one person holds the knowledge and the pager',
      );
      expect(v.actions[0]).toEqual({
        key: 'compound:pager-silo',
        text: 'Train a second operator for payments-api and share its pager',
        reason:
          'carol is its last operator and carries its pager (10 of 12 shifts), while Availability burns its budget.',
        anchor: 'knowledge',
      });
      // the single-person action is the same move: not listed twice
      expect(
        v.actions.filter(a => a.anchor === 'knowledge').map(a => a.key),
      ).toEqual(['compound:pager-silo']);
    });

    it('names none when only parts hold, and leaves an exempt stressor out', () => {
      const parts = computeVerdict(
        health({
          slos: [],
          stressors: [
            flag('complaints-without-slo', 2),
            flag('rollback-only-postmortems', 2, { status: 'exempt' }),
          ],
        }),
      );
      expect(parts.compoundRisks).toEqual([]);
      const all = computeVerdict(
        health({
          slos: [],
          stressors: [
            flag('complaints-without-slo', 2),
            flag('rollback-only-postmortems', 2),
          ],
        }),
      );
      expect(all.state).toBe('at-risk');
      expect(all.compoundRisks.map(r => r.key)).toEqual([
        'complaints-unmeasured',
      ]);
      expect(all.actions[0].key).toBe('compound:complaints-unmeasured');
    });
  });
});
