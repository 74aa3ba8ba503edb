import { StressorDetector } from '@sre-health/backstage-plugin-sre-health-node';

/** A service owned by an SRE group whose dependents reached a threshold or keep growing. */
export const sreServiceGrowingDetector: StressorDetector = {
  stressorKey: 'sre-service-growing',
  detect(ctx) {
    if (!ctx.ownerRef || !ctx.sreGroups.includes(ctx.ownerRef)) return undefined;
    const count = ctx.dependents.length;
    const growth = ctx.previousDependents === null ? 0 : count - ctx.previousDependents;
    const many = count >= ctx.thresholds.sreServiceDependents;
    const growing = ctx.previousDependents !== null && growth >= ctx.thresholds.sreServiceGrowth;
    if (!many && !growing) return undefined;
    const growthText = growing ? `, up ${growth} since the last snapshot` : '';
    return {
      stressorKey: 'sre-service-growing',
      stressLevel: Math.min(5, 2 + Math.floor(count / 2) + (growing ? 1 : 0)),
      evidence: `Owned by SRE group ${ctx.ownerRef}; ${count} catalog entities depend on it${growthText}: ${ctx.dependents.slice(0, 5).join(', ')}.`,
      facts: { dependents: count, growth },
    };
  },
};
