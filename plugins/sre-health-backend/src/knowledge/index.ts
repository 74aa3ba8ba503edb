import type {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { SreHealthStore } from '../database';
import { KnowledgeService } from './KnowledgeService';
import { KnowledgeStore } from './KnowledgeStore';
import { attachKnowledge } from './registry';
import type { KnowledgeConfig } from './repositories';

export { KnowledgeService } from './KnowledgeService';
export { KnowledgeStore } from './KnowledgeStore';
export { createKnowledgeRouter } from './router';
export { attachKnowledge, knowledgeFor } from './registry';
export { resolveRepository } from './repositories';
export { seedKnowledgeDemo } from './demo';

/** Id of the scheduled truck-factor run. @internal */
export const TRUCK_FACTOR_TASK_ID = 'sre-health-truck-factor';

/**
 * Creates the knowledge service of a plugin instance and attaches it to the store, so the
 * entity health read and the demo seed find it.
 * @internal
 */
export async function createKnowledgeService(options: {
  database: DatabaseService;
  store: SreHealthStore;
  /** `sreHealth.knowledge` (`SreHealthConfig.knowledge`). */
  config: KnowledgeConfig;
  logger: LoggerService;
  catalog: CatalogService;
  auth: AuthService;
}): Promise<KnowledgeService> {
  const knowledge = new KnowledgeService({
    store: await KnowledgeStore.create({ database: options.database }),
    sreStore: options.store,
    catalog: options.catalog,
    auth: options.auth,
    logger: options.logger.child({ task: TRUCK_FACTOR_TASK_ID }),
    config: options.config,
  });
  attachKnowledge(options.store, knowledge);
  return knowledge;
}

/**
 * The scheduled, incremental truck-factor run. The scheduler runs it on one replica at a
 * time; every run reads only the commits made since the previous one.
 * @internal
 */
export async function scheduleTruckFactorTask(options: {
  scheduler: SchedulerService;
  knowledge: KnowledgeService;
}): Promise<void> {
  await options.scheduler.scheduleTask({
    id: TRUCK_FACTOR_TASK_ID,
    frequency: { minutes: 30 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 5 },
    fn: async abortSignal => {
      await options.knowledge.analyzeAll(abortSignal);
    },
  });
}
