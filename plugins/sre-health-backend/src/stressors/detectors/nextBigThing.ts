import { isDeferredProblemOverdue } from '@sre-health/backstage-plugin-sre-health-common';
import { StressorDetector } from '@sre-health/backstage-plugin-sre-health-node';

const DAY = 86_400_000;

/** Problems deferred to a future release that stay open past their date or for too long. */
export const nextBigThingDetector: StressorDetector = {
  stressorKey: 'next-big-thing',
  detect(ctx) {
    const overdue = ctx.deferredProblems.filter(p =>
      isDeferredProblemOverdue(p, ctx.now, ctx.thresholds.deferredMaxAgeDays),
    );
    if (overdue.length === 0) return undefined;
    const oldest = Math.max(...overdue.map(p => Math.floor((ctx.now.getTime() - Date.parse(p.createdAt)) / DAY)));
    return {
      stressorKey: 'next-big-thing',
      stressLevel: Math.min(5, 2 + overdue.length),
      evidence: `${overdue.length} problem(s) deferred to a future release and still open past their date: ${overdue
        .slice(0, 3)
        .map(p => `"${p.title}" (waiting for ${p.deferredUntil}${p.dueDate ? `, due ${p.dueDate}` : ''})`)
        .join('; ')}.`,
      facts: { overdue: overdue.length, oldestDays: oldest },
    };
  },
};
