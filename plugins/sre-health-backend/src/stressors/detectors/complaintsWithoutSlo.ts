import { StressorDetector } from '@sre-health/backstage-plugin-sre-health-node';

const DAY = 86_400_000;

/** Customers complain about a service that has no SLO. */
export const complaintsWithoutSloDetector: StressorDetector = {
  stressorKey: 'complaints-without-slo',
  detect(ctx) {
    if (ctx.hasSlo) return undefined;
    const since = ctx.now.getTime() - ctx.thresholds.complaintWindowDays * DAY;
    const recent = ctx.complaints.filter(c => Date.parse(c.receivedAt) >= since);
    if (recent.length === 0) return undefined;
    return {
      stressorKey: 'complaints-without-slo',
      stressLevel: Math.min(5, 2 + Math.ceil(recent.length / 5)),
      evidence: `${recent.length} customer complaint(s) in ${ctx.thresholds.complaintWindowDays} days and no SLO defined; latest: "${recent[0].summary.slice(0, 120)}".`,
      facts: { complaints: recent.length },
    };
  },
};
