import {
  DetectedStressor,
  ANNOTATION_CAPACITY_PLAN,
  ANNOTATION_CAPACITY_PLAN_REVIEWED,
  ANNOTATION_CAPACITY_PLAN_STRATEGY,
} from '@sre-health/backstage-plugin-sre-health-common';
import { StressorDetector } from '@sre-health/backstage-plugin-sre-health-node';

const DAY = 86_400_000;

/** A production service without a capacity plan, with a stale one, or with "add servers". */
export const naiveCapacityPlanDetector: StressorDetector = {
  stressorKey: 'naive-capacity-plan',
  detect(ctx): DetectedStressor | undefined {
    const spec = ctx.entity.spec as { lifecycle?: unknown } | undefined;
    if (spec?.lifecycle !== 'production') return undefined;
    const annotations = ctx.entity.metadata.annotations ?? {};
    const plan = annotations[ANNOTATION_CAPACITY_PLAN];
    const reviewed = annotations[ANNOTATION_CAPACITY_PLAN_REVIEWED];
    const strategy = annotations[ANNOTATION_CAPACITY_PLAN_STRATEGY];
    if (!plan) {
      return {
        stressorKey: 'naive-capacity-plan',
        stressLevel: 3,
        evidence: `Production service without a capacity plan (no ${ANNOTATION_CAPACITY_PLAN} annotation).`,
        facts: { hasPlan: 0 },
      };
    }
    if (strategy && ctx.thresholds.naiveCapacityStrategies.includes(strategy)) {
      return {
        stressorKey: 'naive-capacity-plan',
        stressLevel: 4,
        evidence: `The capacity plan's strategy is "${strategy}": adding servers when something runs out is not a plan.`,
        facts: { hasPlan: 1, strategy },
      };
    }
    const age = reviewed ? Math.floor((ctx.now.getTime() - Date.parse(`${reviewed}T00:00:00Z`)) / DAY) : null;
    if (age === null || Number.isNaN(age) || age > ctx.thresholds.capacityPlanMaxAgeDays) {
      return {
        stressorKey: 'naive-capacity-plan',
        stressLevel: 2,
        evidence:
          age === null || Number.isNaN(age)
            ? `The capacity plan (${plan}) has no review date (${ANNOTATION_CAPACITY_PLAN_REVIEWED}).`
            : `The capacity plan (${plan}) was last reviewed ${age} days ago (limit ${ctx.thresholds.capacityPlanMaxAgeDays}).`,
        facts: { hasPlan: 1, reviewedDaysAgo: age === null || Number.isNaN(age) ? 'never' : age },
      };
    }
    return undefined;
  },
};
