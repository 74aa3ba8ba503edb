import { Entity } from '@backstage/catalog-model';
import {
  DEFAULT_DETECTION_THRESHOLDS,
  Postmortem,
} from '@sre-health/backstage-plugin-sre-health-common';
import { DetectionContext } from '@sre-health/backstage-plugin-sre-health-node';
import { complaintsWithoutSloDetector } from './complaintsWithoutSlo';
import { devsOwnItDetector } from './devsOwnIt';
import { knowledgeGapDetector } from './knowledgeGap';
import { naiveCapacityPlanDetector } from './naiveCapacityPlan';
import { nextBigThingDetector } from './nextBigThing';
import { rollbackOnlyPostmortemsDetector } from './rollbackOnlyPostmortems';
import { sreServiceGrowingDetector } from './sreServiceGrowing';
import { undiagnosedAlertsDetector } from './undiagnosedAlerts';
import { BUILT_IN_DETECTORS } from '.';

const now = new Date('2026-11-25T12:00:00Z');
const versioned = { id: 'x', version: 1, createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' };

function entity(annotations: Record<string, string> = {}, lifecycle = 'production'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', annotations },
    spec: { type: 'service', lifecycle, owner: 'payments-team' },
  };
}

function context(overrides: Partial<DetectionContext> = {}): DetectionContext {
  return {
    entity: entity(),
    entityRef: 'component:default/payments-api',
    ownerRef: 'group:default/payments-team',
    now,
    thresholds: DEFAULT_DETECTION_THRESHOLDS,
    servingCritical: true,
    sreGroups: ['group:default/sre'],
    dependents: [],
    previousDependents: null,
    operators: [
      { userRef: 'user:default/carol', level: 'expert', source: 'recorded' },
      { userRef: 'user:default/alice', level: 'can-operate', source: 'recorded' },
    ],
    operatingSide: ['user:default/alice'],
    engagement: null,
    hasSlo: true,
    postmortems: [],
    deferredProblems: [],
    complaints: [],
    alerts: [],
    flags: [],
    ...overrides,
  };
}

const embedded = {
  ...versioned,
  teamRef: 'group:default/payments-team',
  sreRef: 'user:default/alice',
  phase: 'learn' as const,
  startDate: '2026-11-02',
  endDate: null,
  plannedEndDate: '2027-01-29',
  concurrentReason: null,
  goals: '',
  createdBy: 'user:default/alice',
};
const notCounted =
  'The embedded SRE user:default/alice is not counted: they leave when the engagement ends.';

const postmortem = (texts: string[]): Postmortem => ({
  ...versioned,
  entityRef: 'component:default/payments-api',
  title: 'Checkout down',
  occurredAt: '2026-11-10T00:00:00Z',
  impact: '',
  contributingFactors: [],
  actionItems: texts.map(text => ({ text })),
  author: 'user:default/alice',
});

describe('stressor detectors', () => {
  it('has one detector per stressor of the book', () => {
    expect(BUILT_IN_DETECTORS.map(d => d.stressorKey).sort()).toEqual(
      [
        'complaints-without-slo',
        'devs-own-it',
        'knowledge-gap',
        'naive-capacity-plan',
        'next-big-thing',
        'rollback-only-postmortems',
        'sre-service-growing',
        'undiagnosed-alerts',
      ],
    );
  });

  describe('knowledge-gap', () => {
    it('fires on a serving-critical component only one person can operate', () => {
      const found = knowledgeGapDetector.detect(
        context({
          operators: [
            { userRef: 'user:default/carol', level: 'expert', source: 'recorded' },
            { userRef: 'user:default/dan', level: 'learning', source: 'recorded' },
          ],
        }),
      );
      expect(found).toMatchObject({ stressLevel: 4, facts: { busFactor: 1, learners: 1 } });
      expect((found as any).evidence).toContain('only user:default/carol');
    });
    it('says the embedded SRE is not counted while one is embedded', () => {
      const found = knowledgeGapDetector.detect(
        context({
          operators: [{ userRef: 'user:default/carol', level: 'expert', source: 'on-call' }],
          engagement: embedded,
        }),
      );
      expect((found as any).evidence).toBe(
        `Serving-critical, and only user:default/carol can operate it (bus factor 1). ${notCounted}`,
      );
      expect((knowledgeGapDetector.detect(context({ operators: [] })) as any).evidence).not.toContain('embedded');
    });
    it('does not fire with two operators, or on a component that is not serving-critical', () => {
      expect(knowledgeGapDetector.detect(context())).toBeUndefined();
      expect(knowledgeGapDetector.detect(context({ servingCritical: false, operators: [] }))).toBeUndefined();
    });
  });

  describe('sre-service-growing', () => {
    const sreOwned = { ownerRef: 'group:default/sre' };
    it('fires for an SRE-owned service with enough dependents, or growing ones', () => {
      expect(
        sreServiceGrowingDetector.detect(context({ ...sreOwned, dependents: ['component:default/a', 'component:default/b'] })),
      ).toMatchObject({ facts: { dependents: 2, growth: 0 } });
      expect(
        sreServiceGrowingDetector.detect(context({ ...sreOwned, dependents: ['component:default/a'], previousDependents: 0 })),
      ).toMatchObject({ facts: { dependents: 1, growth: 1 } });
    });
    it('does not fire for other owners or a small stable service', () => {
      expect(sreServiceGrowingDetector.detect(context({ dependents: ['a', 'b', 'c'] }))).toBeUndefined();
      expect(
        sreServiceGrowingDetector.detect(context({ ...sreOwned, dependents: ['a'], previousDependents: 1 })),
      ).toBeUndefined();
    });
  });

  describe('next-big-thing', () => {
    const deferred = (dueDate: string | null, createdAt = '2026-11-01T00:00:00Z', status: 'open' | 'closed' = 'open') => ({
      ...versioned,
      createdAt,
      entityRef: 'component:default/payments-api',
      title: 'Retry storms',
      deferredUntil: 'payments v2',
      dueDate,
      status,
      author: 'user:default/alice',
    });
    it('fires on open problems past their date or open too long', () => {
      expect(nextBigThingDetector.detect(context({ deferredProblems: [deferred('2026-10-01')] }))).toMatchObject({
        facts: { overdue: 1 },
      });
      expect(
        nextBigThingDetector.detect(context({ deferredProblems: [deferred(null, '2026-06-01T00:00:00Z')] })),
      ).toMatchObject({ facts: { overdue: 1, oldestDays: 177 } });
    });
    it('does not fire before the date, or once closed', () => {
      expect(
        nextBigThingDetector.detect(
          context({ deferredProblems: [deferred('2027-01-01'), deferred('2026-10-01', undefined, 'closed')] }),
        ),
      ).toBeUndefined();
    });
  });

  describe('undiagnosed-alerts', () => {
    const alert = (firings: number, diagnosis: any = null) => ({
      alertName: 'PaymentsLatencyHigh',
      firings,
      lastFiredAt: '2026-11-24T00:00:00Z',
      diagnosis,
    });
    it('fires on a frequent alert without diagnosis, runbook or owner', () => {
      expect(undiagnosedAlertsDetector.detect(context({ alerts: [alert(12)] }))).toMatchObject({
        stressLevel: 3,
        facts: { alerts: 1, firings: 12 },
      });
    });
    it('does not fire on rare alerts or diagnosed ones', () => {
      expect(undiagnosedAlertsDetector.detect(context({ alerts: [alert(9)] }))).toBeUndefined();
      expect(
        undiagnosedAlertsDetector.detect(
          context({ alerts: [alert(50, { diagnosis: '', runbookUrl: 'https://runbooks/x', ownerRef: '' })] }),
        ),
      ).toBeUndefined();
    });
  });

  describe('complaints-without-slo', () => {
    const complaint = (receivedAt: string) => ({
      ...versioned,
      entityRef: 'component:default/payments-api',
      receivedAt,
      summary: 'Stale search results',
      source: 'support',
      author: 'user:default/alice',
    });
    it('fires on recent complaints and no SLO', () => {
      expect(
        complaintsWithoutSloDetector.detect(context({ hasSlo: false, complaints: [complaint('2026-11-20T00:00:00Z')] })),
      ).toMatchObject({ facts: { complaints: 1 } });
    });
    it('does not fire with an SLO, or with only old complaints', () => {
      expect(complaintsWithoutSloDetector.detect(context({ complaints: [complaint('2026-11-20T00:00:00Z')] }))).toBeUndefined();
      expect(
        complaintsWithoutSloDetector.detect(context({ hasSlo: false, complaints: [complaint('2025-01-01T00:00:00Z')] })),
      ).toBeUndefined();
    });
  });

  describe('naive-capacity-plan', () => {
    const plan = {
      'sre-health.dev/capacity-plan': 'https://docs/capacity',
      'sre-health.dev/capacity-plan-reviewed': '2026-10-01',
    };
    it('fires without a plan, with a stale one, or with "add servers"', () => {
      expect(naiveCapacityPlanDetector.detect(context())).toMatchObject({ facts: { hasPlan: 0 } });
      expect(
        naiveCapacityPlanDetector.detect(
          context({ entity: entity({ ...plan, 'sre-health.dev/capacity-plan-reviewed': '2025-01-01' }) }),
        ),
      ).toMatchObject({ facts: { reviewedDaysAgo: 693 } });
      expect(
        naiveCapacityPlanDetector.detect(
          context({ entity: entity({ ...plan, 'sre-health.dev/capacity-plan-strategy': 'add-servers-on-demand' }) }),
        ),
      ).toMatchObject({ stressLevel: 4 });
    });
    it('does not fire on a reviewed plan, or outside production', () => {
      expect(naiveCapacityPlanDetector.detect(context({ entity: entity(plan) }))).toBeUndefined();
      expect(naiveCapacityPlanDetector.detect(context({ entity: entity({}, 'experimental') }))).toBeUndefined();
    });
  });

  describe('rollback-only-postmortems', () => {
    it('fires when every action item rolls back, and cites the better example', () => {
      const found = rollbackOnlyPostmortemsDetector.detect(
        context({ postmortems: [postmortem(['Revert the streaming timeout to 60 s', 'Roll back release 2.3'])] }),
      );
      expect(found).toMatchObject({ facts: { withoutCauseItem: 1, recentPostmortems: 1 } });
      expect((found as any).evidence).toContain('Find out why the first 1 MB');
    });
    it('does not fire when one action item goes further', () => {
      expect(
        rollbackOnlyPostmortemsDetector.detect(
          context({
            postmortems: [postmortem(['Revert the streaming timeout to 60 s', 'Find out why the first 1 MB takes 60 s'])],
          }),
        ),
      ).toBeUndefined();
    });
  });

  describe('devs-own-it', () => {
    it('fires when only developers can operate a serving-critical component', () => {
      expect(devsOwnItDetector.detect(context({ operatingSide: ['user:default/bob'] }))).toMatchObject({
        facts: { operatingSide: 1, developerOperators: 2 },
      });
    });
    it('names who is on the operating side, and leaves the embedded SRE out in words too', () => {
      const found = devsOwnItDetector.detect(
        context({
          operators: [
            { userRef: 'user:default/carol', level: 'expert', source: 'recorded' },
            { userRef: 'user:default/dan', level: 'can-operate', source: 'annotation' },
          ],
          operatingSide: ['user:default/bob'],
          engagement: embedded,
        }),
      );
      expect((found as any).evidence).toBe(
        `Serving-critical, and nobody on the operating side (1 person: the on-call group, the SRE groups and whoever held the pager in the last 90 days) can operate it; only the developers user:default/carol, user:default/dan can. ${notCounted}`,
      );
    });
    it('does not fire when someone on the operating side can operate it', () => {
      expect(devsOwnItDetector.detect(context())).toBeUndefined();
      expect(devsOwnItDetector.detect(context({ servingCritical: false, operatingSide: [] }))).toBeUndefined();
    });
  });
});
