import { pagerWithout } from './pagerWithout';

const CAROL = 'user:default/carol';
const DAN = 'user:default/dan';
const ERIN = 'user:default/erin';
const slos = [
  { name: 'availability', displayName: 'Availability' },
  { name: 'latency-p99', displayName: '' },
];

describe('pagerWithout', () => {
  it('names the share of the rota and the SLOs left when the person carries the pager', () => {
    const result = pagerWithout({
      person: 'user:default/Carol',
      onCall: [
        { userRef: DAN, shifts: 2 },
        { userRef: CAROL, shifts: 9 },
        { userRef: ERIN, shifts: 1 },
      ],
      slos,
      operatorsLeft: 2,
    });
    expect(result).toEqual({
      shifts: 9,
      totalShifts: 12,
      share: 0.75,
      othersOnRota: [DAN, ERIN],
      slosLeft: ['Availability', 'latency-p99'],
      reason: 'pager',
      lookbackDays: 90,
    });
  });

  it('leaves the SLOs to the rota when the person holds less than half of it', () => {
    const result = pagerWithout({
      person: CAROL,
      onCall: [
        { userRef: CAROL, shifts: 5 },
        { userRef: DAN, shifts: 6 },
      ],
      slos,
      operatorsLeft: 1,
    });
    expect(result.share).toBeCloseTo(5 / 11);
    expect(result.slosLeft).toEqual([]);
    expect(result.reason).toBeNull();
    // exactly half is carrying the pager
    expect(
      pagerWithout({
        person: CAROL,
        onCall: [
          { userRef: CAROL, shifts: 6 },
          { userRef: DAN, shifts: 6 },
        ],
        slos,
        operatorsLeft: 1,
      }).reason,
    ).toBe('pager');
  });

  it('names the SLOs when nobody else could operate it, even off the rota', () => {
    const result = pagerWithout({
      person: CAROL,
      onCall: [],
      slos,
      operatorsLeft: 0,
    });
    expect(result).toMatchObject({
      shifts: 0,
      totalShifts: 0,
      share: null,
      othersOnRota: [],
      slosLeft: ['Availability', 'latency-p99'],
      reason: 'last-operator',
    });
    expect(
      pagerWithout({ person: CAROL, onCall: [], slos: [], operatorsLeft: 0 })
        .slosLeft,
    ).toEqual([]);
  });
});
