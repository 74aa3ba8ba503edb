import type { AlertSeverity, SloAlertRule, ThresholdOp } from '../definition';
import { durationMs, parseDuration } from '../duration';
import { BURN_RATE_WINDOWS, MULTIWINDOW_ALERT_RULES } from '../math';
import type { AlertConditionSpec, AlertPolicySpec } from './schema';

/** A policy of an SLO with its one condition, references resolved. */
export interface ResolvedAlertPolicy {
  name: string;
  spec: AlertPolicySpec;
  condition: { name: string; spec: AlertConditionSpec };
}

const TICKET_NAMES =
  /^(ticket|warn|warning|info|low|minor|medium|sev-?[3-9]|p[3-9])$/i;
const PAGE_NAMES = /^(page|paging|critical|urgent|high|sev-?[0-2]|p[0-2])$/i;
const SIX_HOURS = 6 * 3_600_000;

/**
 * Whether a severity name pages or opens a ticket: `page`, `critical`, `sev1`, `p1`… page;
 * `ticket`, `warning`, `sev3`, `p3`… open a ticket; any other name takes the class of the
 * burn-rate tier its window matches (pages up to 6 h, tickets beyond).
 */
export function severityClass(
  severityName: string,
  fallback: AlertSeverity,
): AlertSeverity {
  if (PAGE_NAMES.test(severityName.trim())) return 'page';
  if (TICKET_NAMES.test(severityName.trim())) return 'ticket';
  return fallback;
}

/**
 * The burn-rate rules an SLO's alert policies give. A condition whose lookback window is
 * the long window of one of the workbook's tiers (1h, 6h, 1d, 3d) turns that tier on with
 * its own threshold, operator and severity, guarded by the tier's short window; any other
 * lookback window is a rule of its own. Tiers no policy names stay off.
 */
export function alertRulesOf(
  policies: ReadonlyArray<ResolvedAlertPolicy>,
): SloAlertRule[] {
  return policies.map(policy => {
    const c = policy.condition.spec.condition;
    const lookbackMs = durationMs(parseDuration(c.lookbackWindow)!);
    const tier = MULTIWINDOW_ALERT_RULES.find(
      t => BURN_RATE_WINDOWS.find(w => w.window === t.long)!.ms === lookbackMs,
    );
    const long =
      BURN_RATE_WINDOWS.find(w => w.ms === lookbackMs)?.window ??
      c.lookbackWindow;
    const severityName = policy.condition.spec.severity;
    const rule: SloAlertRule = {
      long,
      short: tier?.short ?? long,
      severity: severityClass(
        severityName,
        tier?.severity ?? (lookbackMs <= SIX_HOURS ? 'page' : 'ticket'),
      ),
      severityName,
      op: c.op as ThresholdOp,
      threshold: c.threshold,
      policy: policy.name,
      condition: policy.condition.name,
    };
    if (policy.spec.alertWhenBreaching === false) {
      rule.off = `alert policy ${policy.name} has alertWhenBreaching: false`;
    }
    return rule;
  });
}
