import type {
  AuthService,
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FeatureTask, SreHealthFeature } from '../feature';
import type { Access } from '../http/access';
import type { SreHealthStore } from '../store';
import { KnowledgeService } from './KnowledgeService';
import { KnowledgeStore } from './KnowledgeStore';
import type { KnowledgeConfig } from './repositories';
import { createKnowledgeRouter } from './router';

export { KnowledgeService } from './KnowledgeService';
export type {
  AnalyzeAllResult,
  KnowledgeServiceOptions,
} from './KnowledgeService';
export { KnowledgeStore } from './KnowledgeStore';
export type { KnowledgeInputs, KnowledgeSource } from './source';
export { resolveRepository } from './repositories';

/** Id of the scheduled truck-factor run. @internal */
export const TRUCK_FACTOR_TASK_ID = 'sre-health-truck-factor';

/**
 * The knowledge feature of a plugin instance: truck factor, operators, what-if and team
 * rollup routes, on-call shift pushes, and the scheduled truck-factor run. `knowledge` is
 * the service itself: the tab's single read takes it as its `KnowledgeSource`, the demo
 * seed as where it writes.
 * @internal
 */
export async function createKnowledgeFeature(deps: {
  database: DatabaseService;
  store: SreHealthStore;
  /** `sreHealth.knowledge` (`SreHealthConfig.knowledge`). */
  config: KnowledgeConfig;
  /** `sreHealth.validation.maxFutureDays`: how far ahead a shift under way may end. */
  maxFutureDays: number;
  logger: LoggerService;
  catalog: CatalogService;
  auth: AuthService;
  access: Access;
}): Promise<SreHealthFeature & { knowledge: KnowledgeService }> {
  const knowledge = new KnowledgeService({
    store: await KnowledgeStore.create({ database: deps.database }),
    sreStore: deps.store,
    catalog: deps.catalog,
    auth: deps.auth,
    logger: deps.logger.child({ task: TRUCK_FACTOR_TASK_ID }),
    config: deps.config,
  });
  return {
    knowledge,
    router: createKnowledgeRouter({
      knowledge,
      access: deps.access,
      maxFutureDays: deps.maxFutureDays,
    }),
    tasks: [truckFactorTask(knowledge)],
  };
}

/**
 * The scheduled, incremental truck-factor run. The scheduler runs it on one replica at a
 * time; every run reads only the commits made since the previous one.
 */
function truckFactorTask(knowledge: KnowledgeService): FeatureTask {
  return {
    id: TRUCK_FACTOR_TASK_ID,
    frequency: { minutes: 30 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 5 },
    fn: async abortSignal => {
      await knowledge.analyzeAll(abortSignal);
    },
  };
}
