import {
  COMPOUND_RISKS,
  CompoundRiskFacts,
  compoundRisks,
} from './compoundRisks';

const CAROL = 'user:default/carol';

/** A service with none of the warnings. */
const quiet: CompoundRiskFacts = {
  stressors: [],
  sloCount: 1,
  burningSlo: null,
  lastOperator: null,
  onCall: [],
  overload: null,
};
const keys = (facts: Partial<CompoundRiskFacts>) =>
  compoundRisks({ ...quiet, ...facts }).map(r => r.key);

describe('compound risks', () => {
  it('names nothing on a quiet service, and lists every rule with words', () => {
    expect(keys({})).toEqual([]);
    expect(COMPOUND_RISKS.map(r => r.key)).toEqual([
      'pager-silo',
      'sre-service-growing-overloaded',
      'complaints-unmeasured',
    ]);
  });

  describe('pager-silo: the last operator also carries the pager', () => {
    const silo = {
      lastOperator: CAROL,
      onCall: [
        { userRef: CAROL, shifts: 9 },
        { userRef: 'user:default/dan', shifts: 3 },
      ],
    };

    it('fires with the shifts, and the burning SLO when there is one', () => {
      const [risk] = compoundRisks({
        ...quiet,
        ...silo,
        burningSlo: 'Availability',
      });
      expect(risk).toEqual({
        key: 'pager-silo',
        title: 'One person holds the knowledge and the pager',
        summary:
          'carol is its last operator and carries its pager (9 of 12 shifts), while Availability burns its budget.',
        evidence: [
          'carol is the only one who can operate it or holds its code',
          'carol held 9 of its 12 on-call shifts',
          'Availability is burning its error budget',
        ],
      });
      expect(keys(silo)).toEqual(['pager-silo']);
      // half the shifts is carrying the pager
      expect(
        keys({
          ...silo,
          onCall: [
            { userRef: CAROL, shifts: 2 },
            { userRef: 'user:default/dan', shifts: 2 },
          ],
        }),
      ).toEqual(['pager-silo']);
    });

    it('does not fire when others carry the pager, nobody does, or more people operate it', () => {
      expect(
        keys({
          ...silo,
          onCall: [
            { userRef: CAROL, shifts: 3 },
            { userRef: 'user:default/dan', shifts: 9 },
          ],
        }),
      ).toEqual([]);
      expect(keys({ ...silo, onCall: [] })).toEqual([]);
      expect(keys({ ...silo, lastOperator: null })).toEqual([]);
    });
  });

  describe('an SRE-built service growing while the SREs are overloaded', () => {
    const growing = { key: 'sre-service-growing', level: 3 };
    const overload = { share: 0.62, weeks: 4 };

    it('fires with the level and the ops share over the window', () => {
      const [risk] = compoundRisks({
        ...quiet,
        stressors: [growing],
        overload,
      });
      expect(risk.key).toBe('sre-service-growing-overloaded');
      expect(risk.summary).toBe(
        'An SRE-built service is growing (stress level 3) while its SRE team spent 62% of its time on ops over the last 4 weeks.',
      );
      expect(risk.evidence).toEqual([
        'the "SRE-developed service quietly growing" stressor is open at level 3',
        'its owning SRE team spent 62% of its time on ops over the last 4 weeks, above the 50% cap',
      ]);
    });

    it('does not fire on either part alone', () => {
      expect(keys({ stressors: [growing] })).toEqual([]);
      expect(keys({ overload })).toEqual([]);
    });
  });

  describe('complaints, no SLO and rollback-only postmortems', () => {
    const complaints = { key: 'complaints-without-slo', level: 4 };
    const rollbacks = {
      key: 'rollback-only-postmortems',
      level: 3,
      facts: { withoutCauseItem: 2, recentPostmortems: 3 },
    };

    it('fires with the postmortem pattern in numbers', () => {
      const [risk] = compoundRisks({
        ...quiet,
        sloCount: 0,
        stressors: [complaints, rollbacks],
      });
      expect(risk.key).toBe('complaints-unmeasured');
      expect(risk.summary).toBe(
        'Customers complain, no SLO measures it, and 2 of its 3 recent postmortems have no action item aimed at the cause.',
      );
      expect(risk.evidence).toHaveLength(3);
    });

    it('does not fire with an SLO, without complaints or without the rollback pattern', () => {
      expect(keys({ sloCount: 1, stressors: [complaints, rollbacks] })).toEqual(
        [],
      );
      expect(keys({ sloCount: 0, stressors: [rollbacks] })).toEqual([]);
      expect(keys({ sloCount: 0, stressors: [complaints] })).toEqual([]);
    });
  });

  it('lists every combination that holds, in order', () => {
    expect(
      keys({
        lastOperator: CAROL,
        onCall: [{ userRef: CAROL, shifts: 4 }],
        sloCount: 0,
        stressors: [
          { key: 'rollback-only-postmortems', level: 3 },
          { key: 'complaints-without-slo', level: 2 },
          { key: 'sre-service-growing', level: 2 },
        ],
        overload: { share: null, weeks: 4 },
      }),
    ).toEqual([
      'pager-silo',
      'sre-service-growing-overloaded',
      'complaints-unmeasured',
    ]);
  });
});
