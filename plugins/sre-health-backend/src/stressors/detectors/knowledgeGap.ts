import { embeddedSreNote } from '@sre-health/backstage-plugin-sre-health-common';
import { StressorDetector } from '@sre-health/backstage-plugin-sre-health-node';

/**
 * A serving-critical component that at most one person can operate. On-call shifts count
 * as operating it; the embedded SRE does not (the context leaves them out).
 */
export const knowledgeGapDetector: StressorDetector = {
  stressorKey: 'knowledge-gap',
  detect(ctx) {
    if (!ctx.servingCritical) return undefined;
    const able = ctx.operators.filter(o => o.level !== 'learning');
    if (able.length > 1) return undefined;
    const who = able[0]?.userRef;
    return {
      stressorKey: 'knowledge-gap',
      stressLevel: able.length === 0 ? 5 : 4,
      evidence: `${
        who
          ? `Serving-critical, and only ${who} can operate it (bus factor 1).`
          : 'Serving-critical, and nobody is recorded as able to operate it (bus factor 0).'
      }${embeddedSreNote(ctx.engagement)}`,
      facts: { busFactor: able.length, learners: ctx.operators.length - able.length },
    };
  },
};
