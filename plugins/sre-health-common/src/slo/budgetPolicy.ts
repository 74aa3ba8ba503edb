/**
 * The error-budget policy: steps an SLO enters as its budget runs out, each with the
 * action it recommends (`sreHealth.slo.budgetPolicy.steps` of app-config).
 */

/** One step of the error-budget policy. @public */
export interface BudgetPolicyStep {
  /**
   * Stable name of the step (notification scopes and recorded episodes use it):
   * `exhausted`, or `below-<percent>` unless the configuration names it.
   */
  key: string;
  /** The step applies when the share of budget left is below this fraction (0..1]. */
  below?: number;
  /** The step applies when the budget is spent (none left, or overspent). */
  exhausted?: boolean;
  /** What the policy recommends, e.g. "freeze feature releases". */
  action: string;
}

/** The key a step gets when its configuration names none. @public */
export function budgetPolicyStepKey(step: {
  below?: number;
  exhausted?: boolean;
}): string {
  if (step.exhausted) return 'exhausted';
  return `below-${Math.round((step.below ?? 0) * 10_000) / 100}`;
}

/**
 * The step an SLO is in, from the share of its error budget left (1 untouched, 0 spent,
 * negative overspent): the most severe step that applies — `exhausted` when the budget is
 * spent, otherwise the `below` step with the lowest threshold above what is left. Null when
 * no step applies or the budget is unknown.
 * @public
 */
export function budgetPolicyStepFor(
  steps: ReadonlyArray<BudgetPolicyStep>,
  budgetRemaining: number | null | undefined,
): BudgetPolicyStep | null {
  if (budgetRemaining === null || budgetRemaining === undefined) return null;
  if (!Number.isFinite(budgetRemaining)) return null;
  if (budgetRemaining <= 0) {
    const exhausted = steps.find(s => s.exhausted);
    if (exhausted) return exhausted;
  }
  let found: BudgetPolicyStep | null = null;
  for (const step of steps) {
    if (step.exhausted || step.below === undefined) continue;
    if (budgetRemaining < step.below && (!found || step.below < found.below!)) {
      found = step;
    }
  }
  return found;
}

/**
 * One stretch of time an SLO spent in a step of the error-budget policy, and what the team
 * decided about the step's action.
 * @public
 */
export interface SloPolicyEpisode {
  id: string;
  version: number;
  entityRef: string;
  ownerRef: string | null;
  sloName: string;
  stepKey: string;
  action: string;
  budgetRemaining: number | null;
  enteredAt: string;
  leftAt: string | null;
  notifiedAt: string | null;
  decision: {
    decision: 'accepted' | 'declined';
    reason: string;
    decidedBy: string;
    decidedAt: string;
    /** Where it was logged: the engagement's decision log, or the service's own. */
    log: 'engagement' | 'service';
    /** The entry's id in that log. */
    entryId: string;
  } | null;
}
