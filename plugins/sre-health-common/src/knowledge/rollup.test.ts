import type { Operator } from './types';
import {
  mergeOperators,
  onCallOperators,
  operatorsWithout,
  summarizeKnowledge,
  summarizeTeamKnowledge,
  worseRisk,
} from './rollup';
import type { TruckFactorSummary } from './types';

const CAROL = 'user:default/carol';
const DAN = 'user:default/dan';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

const rec = (userRef: string, level: Operator['level']): Operator => ({
  userRef,
  level,
  source: 'recorded',
});
const ann = (userRef: string): Operator => ({
  userRef,
  level: 'can-operate',
  source: 'annotation',
});

function truckFactor(
  overrides: Partial<TruckFactorSummary> = {},
): TruckFactorSummary {
  return {
    status: 'ok',
    truckFactor: 1,
    activeTruckFactor: 1,
    activeTruckFactorAuthors: [CAROL],
    topAuthors: [],
    departedAuthors: [],
    lostFiles: { count: 0, paths: [] },
    fileCount: 10,
    analyzedAt: '2026-11-28T00:00:00.000Z',
    headSha: 'a'.repeat(40),
    ...overrides,
  };
}

describe('onCallOperators', () => {
  const now = new Date('2026-11-28T12:00:00Z');

  it('counts shifts that ended within 90 days and have started, per person', () => {
    const result = onCallOperators(
      [
        // ended 10 days ago
        {
          userRef: BOB,
          startsAt: '2026-11-11T00:00:00Z',
          endsAt: '2026-11-18T00:00:00Z',
        },
        // running now: counts, last end capped at now
        {
          userRef: BOB,
          startsAt: '2026-11-25T00:00:00Z',
          endsAt: '2026-12-02T00:00:00Z',
        },
        // ended 100 days ago: too old
        {
          userRef: DAN,
          startsAt: '2026-08-13T00:00:00Z',
          endsAt: '2026-08-20T00:00:00Z',
        },
        // starts next week: not yet
        {
          userRef: ALICE,
          startsAt: '2026-12-05T00:00:00Z',
          endsAt: '2026-12-12T00:00:00Z',
        },
        // ended 89 days ago: still counts
        {
          userRef: CAROL,
          startsAt: '2026-08-25T00:00:00Z',
          endsAt: '2026-09-01T00:00:00Z',
        },
      ],
      now,
    );
    expect(result).toEqual([
      { userRef: BOB, shifts: 2, lastShiftEndedAt: now.toISOString() },
      {
        userRef: CAROL,
        shifts: 1,
        lastShiftEndedAt: '2026-09-01T00:00:00.000Z',
      },
    ]);
  });
});

describe('mergeOperators', () => {
  it('keeps one entry per person, the most deliberate source winning, and lists all sources', () => {
    const ops = mergeOperators(
      [rec(CAROL, 'expert'), rec(ALICE, 'learning')],
      [ann(CAROL), ann(DAN)],
      [
        { userRef: ALICE, shifts: 1, lastShiftEndedAt: '2026-11-01T00:00:00Z' },
        { userRef: BOB, shifts: 3, lastShiftEndedAt: '2026-11-20T00:00:00Z' },
        { userRef: DAN, shifts: 1, lastShiftEndedAt: '2026-11-20T00:00:00Z' },
      ],
    );
    expect(ops).toEqual([
      {
        userRef: CAROL,
        level: 'expert',
        source: 'recorded',
        sources: ['recorded', 'annotation'],
      },
      { userRef: BOB, level: 'can-operate', source: 'on-call' },
      {
        userRef: DAN,
        level: 'can-operate',
        source: 'annotation',
        sources: ['annotation', 'on-call'],
      },
      // an SRE recorded "learning": the on-call shift does not promote her
      {
        userRef: ALICE,
        level: 'learning',
        source: 'recorded',
        sources: ['recorded', 'on-call'],
      },
    ]);
  });
});

describe('summarizeKnowledge', () => {
  it('counts distinct people who can operate, on-call included', () => {
    const s = summarizeKnowledge({
      tier: 'critical',
      recorded: [rec(CAROL, 'expert')],
      declared: [ann(CAROL)],
      onCall: [
        { userRef: BOB, shifts: 2, lastShiftEndedAt: '2026-11-20T00:00:00Z' },
        { userRef: CAROL, shifts: 1, lastShiftEndedAt: '2026-11-20T00:00:00Z' },
      ],
    });
    expect(s.busFactor).toBe(2);
    expect(s.risk).toBe('medium');
    expect(s.singlePersonDependency).toBe(false);
    expect(s.keyPeople).toEqual([]);
    expect(s.onCall).toHaveLength(2);
    expect(s.truckFactor).toBeUndefined();
  });

  it('takes the worse of operations and code risk, and names the one person', () => {
    const s = summarizeKnowledge({
      tier: 'critical',
      recorded: [rec(CAROL, 'expert'), rec(DAN, 'can-operate')],
      declared: [ann(ALICE)],
      truckFactor: truckFactor(),
    });
    expect(s.busFactor).toBe(3);
    // three operators would be low risk; one person holding the code is not
    expect(s.risk).toBe('high');
    expect(s.singlePersonDependency).toBe(true);
    expect(s.keyPeople).toEqual([CAROL]);
  });

  it('names the single operator and the single author once each', () => {
    const s = summarizeKnowledge({
      tier: 'standard',
      recorded: [rec(DAN, 'expert')],
      declared: [],
      truckFactor: truckFactor({
        activeTruckFactor: 1,
        activeTruckFactorAuthors: [CAROL],
      }),
    });
    expect(s.keyPeople).toEqual([DAN, CAROL]);
    expect(s.risk).toBe('medium');
  });

  it('does not count the embedded SRE, who leaves when the engagement ends', () => {
    const s = summarizeKnowledge({
      tier: 'critical',
      recorded: [rec(CAROL, 'expert'), rec(ALICE, 'can-operate')],
      declared: [],
      onCall: [
        { userRef: ALICE, shifts: 3, lastShiftEndedAt: '2026-11-20T00:00:00Z' },
      ],
      embeddedSre: ALICE,
    });
    expect(s.busFactor).toBe(1);
    expect(s.operators.map(o => o.userRef)).toEqual([CAROL]);
    expect(s.embeddedSre).toMatchObject({
      userRef: ALICE,
      level: 'can-operate',
    });
    expect(s.singlePersonDependency).toBe(true);
    expect(s.keyPeople).toEqual([CAROL]);
    // the SRE's shifts stay listed: they were on call
    expect(s.onCall).toHaveLength(1);
    // an embedded SRE who is not among the operators changes nothing
    const elsewhere = summarizeKnowledge({
      tier: 'critical',
      recorded: [rec(CAROL, 'expert'), rec(DAN, 'expert')],
      declared: [],
      embeddedSre: BOB,
    });
    expect(elsewhere.busFactor).toBe(2);
    expect(elsewhere.embeddedSre).toBeUndefined();
  });

  it('ignores the code when it was never analysed', () => {
    const s = summarizeKnowledge({
      tier: 'critical',
      recorded: [rec(CAROL, 'expert'), rec(DAN, 'expert'), rec(BOB, 'expert')],
      declared: [],
      truckFactor: truckFactor({
        status: 'none',
        truckFactor: null,
        activeTruckFactor: null,
        activeTruckFactorAuthors: [],
      }),
    });
    expect(s.risk).toBe('low');
    expect(s.singlePersonDependency).toBe(false);
  });
});

describe('operatorsWithout', () => {
  it('removes people and recomputes bus factor and risk, joined with the code left', () => {
    const silo = summarizeKnowledge({
      tier: 'critical',
      recorded: [rec(CAROL, 'expert'), rec(DAN, 'can-operate')],
      declared: [],
    });
    const left = operatorsWithout(silo, [CAROL]);
    expect(left.operatorsLeft.map(o => o.userRef)).toEqual([DAN]);
    expect(left).toMatchObject({
      busFactorBefore: 2,
      busFactorLeft: 1,
      riskBefore: 'medium',
      riskLeft: 'high',
    });
    expect(operatorsWithout(silo, [BOB], 3).riskLeft).toBe('medium');
    expect(operatorsWithout(silo, [BOB], 0).riskLeft).toBe('high');
  });
});

describe('summarizeTeamKnowledge', () => {
  it('rolls components up into single-person dependencies and key people', () => {
    const ledger = summarizeKnowledge({
      tier: 'critical',
      recorded: [rec(CAROL, 'expert')],
      declared: [],
      truckFactor: truckFactor({ lostFiles: { count: 2, paths: [] } }),
    });
    const payments = summarizeKnowledge({
      tier: 'critical',
      recorded: [rec(CAROL, 'expert'), rec(DAN, 'can-operate')],
      declared: [],
      truckFactor: truckFactor({
        truckFactor: 3,
        activeTruckFactor: 3,
        activeTruckFactorAuthors: [CAROL, DAN, ALICE],
      }),
    });
    const batch = summarizeKnowledge({
      tier: 'standard',
      recorded: [],
      declared: [],
    });
    const team = summarizeTeamKnowledge(
      'group:default/payments-team',
      ['group:default/payments-team'],
      [
        { entityRef: 'component:default/payments-api', silo: payments },
        {
          entityRef: 'component:default/ledger-service',
          title: 'Ledger',
          silo: ledger,
        },
        { entityRef: 'component:default/batch', silo: batch },
      ],
    );
    expect(team.components.map(c => c.entityRef)).toEqual([
      'component:default/ledger-service',
      'component:default/batch',
      'component:default/payments-api',
    ]);
    expect(team.components[0]).toMatchObject({
      title: 'Ledger',
      truckFactor: 1,
      singlePersonDependency: true,
      keyPeople: [CAROL],
      operators: [CAROL],
      lostFiles: 2,
    });
    expect(team.components[2]).toMatchObject({
      singlePersonDependency: false,
      truckFactor: 3,
      busFactor: 2,
    });
    expect(team.totals).toEqual({
      components: 3,
      servingCritical: 2,
      singlePersonDependencies: 2,
      servingCriticalSinglePerson: 1,
      withoutOperators: 1,
      analyzed: 2,
      lostFiles: 2,
    });
    expect(team.keyPeople).toEqual([
      {
        person: CAROL,
        components: ['component:default/ledger-service'],
        servingCriticalComponents: ['component:default/ledger-service'],
      },
    ]);
    expect(team.risk).toBe('high');
  });

  it('is low risk with no components', () => {
    const team = summarizeTeamKnowledge('group:default/x', [], []);
    expect(team.risk).toBe('low');
    expect(team.totals.components).toBe(0);
    expect(worseRisk('low', 'medium')).toBe('medium');
  });
});
