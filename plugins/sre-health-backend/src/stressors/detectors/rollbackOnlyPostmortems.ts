import { BETTER_ACTION_ITEM_EXAMPLE, classifyPostmortem } from '@internal/backstage-plugin-sre-health-common';
import { StressorDetector } from '@internal/backstage-plugin-sre-health-node';

/** Postmortems all of whose action items only roll back the change. */
export const rollbackOnlyPostmortemsDetector: StressorDetector = {
  stressorKey: 'rollback-only-postmortems',
  detect(ctx) {
    const rollbackOnly = ctx.postmortems.filter(p => classifyPostmortem(p.actionItems).rollbackOnly);
    if (rollbackOnly.length === 0) return undefined;
    const share = rollbackOnly.length / ctx.postmortems.length;
    return {
      stressorKey: 'rollback-only-postmortems',
      stressLevel: Math.min(5, 2 + rollbackOnly.length + (share >= 0.5 ? 1 : 0)),
      evidence: `${rollbackOnly.length} of ${ctx.postmortems.length} postmortem(s) only roll back the change: ${rollbackOnly
        .slice(0, 2)
        .map(p => `"${p.title}"`)
        .join(', ')}. A better action item finds the cause, e.g. "${BETTER_ACTION_ITEM_EXAMPLE.better}" instead of "${BETTER_ACTION_ITEM_EXAMPLE.insteadOf}".`,
      facts: { rollbackOnly: rollbackOnly.length, postmortems: ctx.postmortems.length },
    };
  },
};
