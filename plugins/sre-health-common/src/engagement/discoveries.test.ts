import { engagementFinds, splitDiscoveries } from './discoveries';

describe('stressors found during an engagement', () => {
  const FROM = '2026-10-21';
  const TO = '2026-11-20';
  const PAYMENTS = 'group:default/payments-team';
  const FINTECH = 'group:default/fintech';
  const SEARCH = 'group:default/search-team';
  const count = (
    day: string,
    groupRef: string,
    stressorKey: string,
    openFlags: number,
  ) => ({ day, groupRef, stressorKey, openFlags });
  const ancestry = [
    { ancestorRef: PAYMENTS, descendantRef: PAYMENTS },
    { ancestorRef: FINTECH, descendantRef: PAYMENTS },
  ];

  it('credits an engaged team’s rises to it, its parent groups and its stressors', () => {
    const finds = engagementFinds({
      from: FROM,
      to: TO,
      engaged: [PAYMENTS],
      ancestry,
      counts: [
        count(FROM, PAYMENTS, 'knowledge-gap', 1),
        count(TO, PAYMENTS, 'knowledge-gap', 3),
        count(TO, PAYMENTS, 'devs-own-it', 1),
        // a fall is not netted against the finds
        count(FROM, PAYMENTS, 'undiagnosed-alerts', 2),
      ],
      scope: '*',
    });
    // net: three found, two resolved
    expect(finds.byGroup).toEqual(
      new Map([
        [PAYMENTS, 1],
        [FINTECH, 1],
      ]),
    );
    expect(finds.byStressor).toEqual(
      new Map([
        ['knowledge-gap', 2],
        ['devs-own-it', 1],
      ]),
    );
    // Outside the selection, the team's finds are not the selection's stressors.
    expect(
      engagementFinds({
        from: FROM,
        to: TO,
        engaged: [PAYMENTS],
        ancestry,
        counts: [count(TO, PAYMENTS, 'knowledge-gap', 3)],
        scope: [SEARCH],
      }).byStressor.size,
    ).toBe(0);
  });

  it('credits the groups nested under an engaged team with their own finds', () => {
    const LEDGER = 'group:default/ledger-team';
    const finds = engagementFinds({
      from: FROM,
      to: TO,
      engaged: [FINTECH],
      nested: [PAYMENTS, LEDGER],
      ancestry: [{ ancestorRef: FINTECH, descendantRef: FINTECH }],
      counts: [
        count(TO, FINTECH, 'knowledge-gap', 3),
        count(TO, PAYMENTS, 'knowledge-gap', 2),
        count(FROM, LEDGER, 'devs-own-it', 1),
      ],
      scope: '*',
    });
    expect(finds.byGroup).toEqual(
      new Map([
        [FINTECH, 3],
        [PAYMENTS, 2],
      ]),
    );
  });

  it('sorts rises: wholly found is a discovery, partly found stays worse with its part', () => {
    const change = (key: string, from: number, to: number) => ({
      key,
      label: key,
      from,
      to,
      delta: to - from,
    });
    const split = splitDiscoveries(
      {
        improved: [change('ledger', 3, 1)],
        worsened: [
          change(PAYMENTS, 1, 4),
          change(FINTECH, 2, 8),
          change(SEARCH, 0, 2),
        ],
      },
      new Map([
        [PAYMENTS, 3],
        [FINTECH, 3],
      ]),
    );
    expect(split.discovered).toEqual([{ ...change(PAYMENTS, 1, 4), found: 3 }]);
    expect(split.worsened).toEqual([
      { ...change(FINTECH, 2, 8), found: 3 },
      change(SEARCH, 0, 2),
    ]);
    expect(split.improved).toEqual([change('ledger', 3, 1)]);
  });
});
