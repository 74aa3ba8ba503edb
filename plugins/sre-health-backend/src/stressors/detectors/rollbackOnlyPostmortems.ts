import {
  NEXT_POSTMORTEM_SUGGESTION,
  describePostmortemPattern,
  postmortemPattern,
} from '@sre-health/backstage-plugin-sre-health-common';
import { StressorDetector } from '@sre-health/backstage-plugin-sre-health-node';

/**
 * Recent postmortems with no action item aimed at the cause: nothing investigates or
 * prevents, however much is rolled back, restarted or added (an item left open past its
 * due date does not count). The evidence speaks of the pattern and names no postmortem:
 * the team reads it, and the chapter asks to lead the next postmortem, not grade old ones.
 */
export const rollbackOnlyPostmortemsDetector: StressorDetector = {
  stressorKey: 'rollback-only-postmortems',
  detect(ctx) {
    const pattern = postmortemPattern(ctx.postmortems, ctx.now);
    const { recent, withoutCauseItem, overdueCauseItems } = pattern;
    if (withoutCauseItem === 0) return undefined;
    const most = withoutCauseItem / recent >= 0.5 ? 1 : 0;
    return {
      stressorKey: 'rollback-only-postmortems',
      stressLevel: Math.min(5, 1 + withoutCauseItem + most),
      evidence: `${describePostmortemPattern(
        pattern,
      )} ${NEXT_POSTMORTEM_SUGGESTION}`,
      facts: {
        withoutCauseItem,
        recentPostmortems: recent,
        overdueCauseItems,
      },
    };
  },
};
