import { isAlertDiagnosed } from '@sre-health/backstage-plugin-sre-health-common';
import { StressorDetector } from '@sre-health/backstage-plugin-sre-health-node';

/** Alerts firing often with no diagnosis, runbook or owner. */
export const undiagnosedAlertsDetector: StressorDetector = {
  stressorKey: 'undiagnosed-alerts',
  detect(ctx) {
    const noisy = ctx.alerts.filter(
      a => a.firings >= ctx.thresholds.alertFiringsMin && !isAlertDiagnosed(a.diagnosis),
    );
    if (noisy.length === 0) return undefined;
    const firings = noisy.reduce((sum, a) => sum + a.firings, 0);
    return {
      stressorKey: 'undiagnosed-alerts',
      stressLevel: Math.min(5, 3 + Math.floor(firings / (ctx.thresholds.alertFiringsMin * 5))),
      evidence: `${noisy.length} alert(s) fired ${firings} times in ${ctx.thresholds.alertWindowDays} days with no diagnosis, runbook or owner: ${noisy
        .slice(0, 3)
        .map(a => `${a.alertName} (${a.firings}×)`)
        .join(', ')}.`,
      facts: { alerts: noisy.length, firings },
    };
  },
};
