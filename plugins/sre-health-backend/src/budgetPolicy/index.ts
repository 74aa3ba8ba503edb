import type { LoggerService } from '@backstage/backend-plugin-api';
import { EngagementRecordStore, NotificationSender } from '../engagement';
import type { SreHealthFeature } from '../feature';
import type { Access } from '../http/access';
import type { SreHealthStore } from '../store';
import { BudgetPolicyDecisions } from './BudgetPolicyDecisions';
import { BudgetPolicyEpisodes } from './BudgetPolicyEpisodes';
import { createBudgetPolicyRouter } from './router';

export {
  BUDGET_POLICY_ACTOR,
  BudgetPolicyEpisodes,
  budgetPolicyNotification,
} from './BudgetPolicyEpisodes';
export { BudgetPolicyDecisions, decisionText } from './BudgetPolicyDecisions';

/**
 * The error-budget policy that acts: the episodes of the steps services' SLOs enter, fed
 * by the scorecard sync (`episodes.observe`), the owning team notified once per step
 * entered, and the decisions SREs record on them (`decisions`, and its routes).
 * @internal
 */
export function createBudgetPolicyFeature(deps: {
  store: SreHealthStore;
  access: Access;
  logger: LoggerService;
  notifications?: NotificationSender;
  now?: () => Date;
}): SreHealthFeature & {
  episodes: BudgetPolicyEpisodes;
  decisions: BudgetPolicyDecisions;
} {
  const { store } = deps;
  const episodes = new BudgetPolicyEpisodes({
    db: store.db,
    audit: store.audit,
    logger: deps.logger.child({ feature: 'budget-policy' }),
    notifications: deps.notifications,
    now: deps.now,
  });
  const decisions = new BudgetPolicyDecisions({
    db: store.db,
    audit: store.audit,
    store,
    records: new EngagementRecordStore(store.db, store.audit),
    now: deps.now,
  });
  return {
    episodes,
    decisions,
    router: createBudgetPolicyRouter({
      access: deps.access,
      episodes,
      decisions,
    }),
    tasks: [],
  };
}
