import type {
  AuthService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FeatureTask, SreHealthFeature } from '../feature';
import type { Access } from '../http/access';
import type { SreHealthStore } from '../store';
import type { SloService } from '../slo';
import { createScorecardRouter } from './router';
import { ScorecardService, SloStatusObserver } from './ScorecardService';

export { ScorecardService, utcDay, worstSlo } from './ScorecardService';
export type {
  ScorecardSyncResult,
  SloStatusObserver,
} from './ScorecardService';
export { groupClosure } from './ScorecardCatalogCopy';
export type { SyncedEntity, SyncedGroup } from './ScorecardCatalogCopy';
export type { ScorecardView } from './view';
export { CompoundRiskRecorder } from './CompoundRiskRecorder';
export type { CompoundRiskRow } from './CompoundRiskRecorder';

/** Id of the scheduled scorecard run (sync + daily snapshot). @internal */
export const SCORECARD_TASK_ID = 'sre-health-scorecard';

/**
 * The scorecard of a plugin instance, on the plugin's database (its tables come with the
 * plugin's migrations, applied by `SreHealthStore.create`).
 * @internal
 */
export function createScorecardService(options: {
  store: SreHealthStore;
  catalog: CatalogService;
  auth: AuthService;
  slos: SloService;
  logger: LoggerService;
  /** `sreHealth.scorecard.retentionDays`. */
  retentionDays: number;
  /** See each service's computed SLOs (the error-budget policy, the notifications). */
  sloObservers?: SloStatusObserver[];
}): ScorecardService {
  return new ScorecardService({
    db: options.store.db,
    catalog: options.catalog,
    auth: options.auth,
    slos: options.slos,
    logger: options.logger.child({ task: SCORECARD_TASK_ID }),
    retentionDays: options.retentionDays,
    sloObservers: options.sloObservers,
  });
}

/**
 * Syncs the catalog copy every `intervalMinutes` and takes the day's snapshot on the first
 * run of each UTC day. The scheduler runs it on one replica at a time; the day key keeps a
 * snapshot single even if two runs overlapped.
 */
function scorecardTask(
  scorecard: ScorecardService,
  intervalMinutes: number,
): FeatureTask {
  return {
    id: SCORECARD_TASK_ID,
    frequency: { minutes: intervalMinutes },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 20 },
    fn: async abortSignal => {
      await scorecard.run(abortSignal);
    },
  };
}

/**
 * The org-wide scorecard: its routes, its scheduled sync and snapshot, and its service
 * (for a caller that runs it directly, such as a test).
 * @internal
 */
export function createScorecardFeature(deps: {
  store: SreHealthStore;
  catalog: CatalogService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  access: Access;
  slos: SloService;
  logger: LoggerService;
  /** `sreHealth.scorecard.retentionDays`. */
  retentionDays: number;
  /** `sreHealth.scorecard.intervalMinutes` (15 by default). */
  intervalMinutes: number;
  /** See each service's computed SLOs (the error-budget policy, the notifications). */
  sloObservers?: SloStatusObserver[];
}): SreHealthFeature & { scorecard: ScorecardService } {
  const scorecard = createScorecardService(deps);
  return {
    scorecard,
    router: createScorecardRouter({
      scorecard,
      access: deps.access,
      httpAuth: deps.httpAuth,
    }),
    tasks: [scorecardTask(scorecard, deps.intervalMinutes)],
  };
}
