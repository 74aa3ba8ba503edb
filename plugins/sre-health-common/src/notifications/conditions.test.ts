import type { OpsLoadSummary, SloSummary, StressorFlag } from '../types';
import { testFlag } from '../__testUtils__/flags';
import { entityPagePath } from '../core/entityRef';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  exemptionExpiringObservation,
  opsCapObservation,
  serviceObservations,
  sloPageObservation,
  stressorHighObservation,
} from './conditions';

const SERVICE = 'component:default/payments-api';
const TEAM = 'group:default/payments-team';

const flag = (over: Partial<StressorFlag>): StressorFlag =>
  testFlag({
    id: 'f1',
    entityRef: SERVICE,
    stressorKey: 'knowledge-gap',
    ...over,
  });

const slo = (over: Partial<SloSummary>): SloSummary =>
  ({
    name: 'availability',
    displayName: 'Availability',
    budgetRemaining: 0.4,
    burnRates: [{ window: '1h', rate: 19.93 }],
    alert: {
      state: 'page',
      rules: [
        {
          severity: 'page',
          long: '1h',
          short: '5m',
          threshold: 14.4,
          firing: true,
        },
      ],
    },
    ...over,
  } as SloSummary);

const load = (overloaded: boolean): OpsLoadSummary => ({
  teamRef: TEAM,
  latestOpsShare: 0.7,
  windowWeeks: 4,
  window: [],
  windowOpsShare: 0.62,
  overloaded,
  samples: [],
});

describe('notification conditions', () => {
  it('stressor-high: active flags at the level or above, by their effective level', () => {
    const obs = stressorHighObservation(
      SERVICE,
      TEAM,
      [
        flag({ stressorKey: 'knowledge-gap', stressLevel: 4 }),
        flag({ stressorKey: 'next-big-thing', stressLevel: 3 }),
        flag({
          stressorKey: 'undiagnosed-alerts',
          stressLevel: 5,
          status: 'exempt',
        }),
        flag({
          stressorKey: 'devs-own-it',
          stressLevel: 5,
          status: 'mitigating',
          ratedLevel: 5,
        }),
      ],
      4,
    );
    expect(obs.holding.map(c => c.key)).toEqual([
      'knowledge-gap',
      'devs-own-it',
    ]);
    expect(obs.holding[0]).toMatchObject({
      kind: 'stressor-high',
      subjectRef: SERVICE,
      recipientRef: TEAM,
      severity: 'high',
      title: 'payments-api: Knowledge gaps at stress level 4',
    });
    expect(obs.holding[1].description).toContain("the team's rating");
    expect(
      stressorHighObservation(SERVICE, TEAM, [flag({})], 5).holding,
    ).toEqual([]);
  });

  it('slo-page: SLOs whose page tier fires; a failed source is unknown, not ended', () => {
    const obs = sloPageObservation(SERVICE, TEAM, [
      slo({}),
      slo({ name: 'latency', alert: { state: 'ticket', rules: [] } }),
      slo({
        name: 'errors',
        unavailable: { reason: 'down', lastKnownAt: null },
      }),
    ]);
    expect(obs.holding.map(c => c.key)).toEqual(['availability']);
    expect(obs.unknown).toEqual(['errors']);
    expect(obs.holding[0]).toMatchObject({
      severity: 'critical',
      title: 'payments-api: SLO Availability is paging',
    });
    expect(obs.holding[0].description).toContain(
      '19.9× over 1h; 40% of the error budget left',
    );
  });

  it('ops-cap: the team, to the team, only while overloaded', () => {
    expect(opsCapObservation(load(true)).holding).toEqual([
      expect.objectContaining({
        subjectRef: TEAM,
        key: TEAM,
        recipientRef: TEAM,
        entityRef: TEAM,
        title: 'payments-team: operational work above the 50% cap',
      }),
    ]);
    expect(opsCapObservation(load(true)).holding[0].description).toContain(
      'spent 62% of its time on operational work over the last 4 weeks',
    );
    expect(opsCapObservation(load(false)).holding).toEqual([]);
  });

  it('exemption-expiring: from daysBefore days before the last day, until it is over', () => {
    const exempt = (until: string) =>
      flag({
        id: `f-${until}`,
        status: 'exempt',
        exemptUntil: until,
        exemptReason: 'migration in Q1',
      });
    const obs = exemptionExpiringObservation(
      SERVICE,
      TEAM,
      [
        exempt('2026-12-09'),
        exempt('2026-12-10'),
        exempt('2026-12-11'),
        exempt('2026-12-06'),
      ],
      '2026-12-07',
      3,
    );
    // the 10th is 3 days away (in), the 11th 4 (out), the 6th is over (detection re-opens it)
    expect(obs.holding.map(c => c.key)).toEqual([
      'f-2026-12-09',
      'f-2026-12-10',
    ]);
    expect(obs.holding[0].description).toContain(
      'granted because: migration in Q1',
    );
    expect(
      exemptionExpiringObservation(
        SERVICE,
        TEAM,
        [exempt('2026-12-07')],
        '2026-12-07',
        0,
      ).holding,
    ).toHaveLength(1);
  });

  it('serviceObservations: only the enabled kinds, never slo-page', () => {
    const health = {
      entityRef: SERVICE,
      ownerRef: TEAM,
      stressors: [flag({})],
      opsLoad: load(true),
      slos: [slo({})],
    } as any;
    const now = new Date('2026-12-07T10:00:00Z');
    expect(
      serviceObservations(health, DEFAULT_NOTIFICATION_SETTINGS, now).map(
        o => o.kind,
      ),
    ).toEqual(['stressor-high', 'exemption-expiring', 'ops-cap']);
    const off = {
      ...DEFAULT_NOTIFICATION_SETTINGS,
      'stressor-high': { enabled: false, minLevel: 4 },
      'ops-cap': { enabled: false },
    };
    expect(serviceObservations(health, off, now).map(o => o.kind)).toEqual([
      'exemption-expiring',
    ]);
  });

  it('links to the entity page or its tab', () => {
    expect(entityPagePath('component:default/payments-api', 'sre-health')).toBe(
      '/catalog/default/component/payments-api/sre-health',
    );
    expect(entityPagePath('group:default/payments-team')).toBe(
      '/catalog/default/group/payments-team',
    );
  });
});
