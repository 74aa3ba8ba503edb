import type {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { SreHealthStore } from '../database';
import type { SloService } from '../slo/SloService';
import { ScorecardService } from './ScorecardService';
import { ScorecardStore } from './ScorecardStore';

export { ScorecardService, utcDay, worstSlo } from './ScorecardService';
export { ScorecardStore, groupClosure } from './ScorecardStore';
export type {
  ScorecardView,
  SyncedEntity,
  SyncedGroup,
} from './ScorecardStore';
export { createScorecardRouter } from './router';
export { seedScorecardDemo } from './demo';

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
}): ScorecardService {
  return new ScorecardService({
    store: new ScorecardStore(options.store.db),
    catalog: options.catalog,
    auth: options.auth,
    slos: options.slos,
    logger: options.logger.child({ task: SCORECARD_TASK_ID }),
    retentionDays: options.retentionDays,
  });
}

/**
 * Syncs the catalog copy every `sreHealth.scorecard.intervalMinutes` (15 by default) and
 * takes the day's snapshot on the first run of each UTC day. The scheduler runs it on one
 * replica at a time; the day key keeps a snapshot single even if two runs overlapped.
 * @internal
 */
export async function scheduleScorecardTask(options: {
  scheduler: SchedulerService;
  scorecard: ScorecardService;
  /** `sreHealth.scorecard.intervalMinutes`. */
  intervalMinutes: number;
}): Promise<void> {
  await options.scheduler.scheduleTask({
    id: SCORECARD_TASK_ID,
    frequency: { minutes: options.intervalMinutes },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 20 },
    fn: async abortSignal => {
      await options.scorecard.run(abortSignal);
    },
  });
}
