import { EntityHealthService } from '../health';
import type { SloService } from '../slo';
import { registerAnnotationActions } from './annotations';
import { registerEngagementDecisionAction } from './engagementDecision';
import { registerScorecardAction } from './scorecard';
import { registerServiceHealthAction } from './serviceHealth';
import { registerSloAlertAction } from './sloAlert';
import type { SreHealthActionsDeps } from './types';
import { registerWhatIfAction } from './whatIf';

export type { SreHealthActionsDeps } from './types';

/**
 * SRE Health as Backstage actions (the Actions Registry): for the scaffolder, automations
 * and, through the MCP actions plugin, AI agents. Reads answer from the same services as the
 * tab and the scorecard page; writes go through the routes' services, schemas, permission
 * check and audit trail, as the caller.
 * @internal
 */
export function registerSreHealthActions(
  deps: Omit<SreHealthActionsDeps, 'health'> & {
    slos: SloService;
    /** `sreHealth.detection.overloadWeeks`; default 4. */
    overloadWeeks?: number;
  },
): void {
  const { slos, overloadWeeks, ...rest } = deps;
  const all: SreHealthActionsDeps = {
    ...rest,
    health: new EntityHealthService(
      deps.store,
      slos,
      deps.knowledge,
      overloadWeeks,
    ),
  };
  registerServiceHealthAction(all);
  registerScorecardAction(all);
  registerSloAlertAction(all);
  registerWhatIfAction(all);
  registerAnnotationActions(all);
  registerEngagementDecisionAction(all);
}
