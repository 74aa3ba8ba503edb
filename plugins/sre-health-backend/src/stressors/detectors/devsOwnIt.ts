import {
  OPERATING_SIDE_WORDS,
  embeddedSreNote,
} from '@sre-health/backstage-plugin-sre-health-common';
import { StressorDetector } from '@sre-health/backstage-plugin-sre-health-node';

/**
 * A serving-critical component nobody on the operating side can operate. Whoever holds its
 * pager is on that side; the embedded SRE is not (the context leaves them out).
 */
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
      evidence: `Serving-critical, and nobody on the operating side (${side.size} ${
        side.size === 1 ? 'person' : 'people'
      }: ${OPERATING_SIDE_WORDS}) can operate it${
        developers.length ? `; only the developers ${developers.join(', ')} can` : ''
      }.${embeddedSreNote(ctx.engagement)}`,
      facts: { operatingSide: side.size, developerOperators: developers.length },
    };
  },
};
