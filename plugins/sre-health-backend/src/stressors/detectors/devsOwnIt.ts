import { StressorDetector } from '@internal/backstage-plugin-sre-health-node';

/** A serving-critical component nobody on the operating side can operate. */
export const devsOwnItDetector: StressorDetector = {
  stressorKey: 'devs-own-it',
  detect(ctx) {
    if (!ctx.servingCritical) return undefined;
    const side = new Set(ctx.operatingSide);
    const able = ctx.operators.filter(o => o.level !== 'learning');
    if (able.some(o => side.has(o.userRef))) return undefined;
    const developers = able.map(o => o.userRef);
    return {
      stressorKey: 'devs-own-it',
      stressLevel: 4,
      evidence: `Serving-critical, and nobody on the operating side (${side.size} people: on-call group, SRE groups, embedded SRE) can operate it${
        developers.length ? `; only the developers ${developers.join(', ')} can` : ''
      }.`,
      facts: { operatingSide: side.size, developerOperators: developers.length },
    };
  },
};
