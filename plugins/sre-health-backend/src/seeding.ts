/**
 * Seeding the plugin's data from a backend module (the demo organisation of
 * `@sre-health/backstage-plugin-sre-health-backend-module-demo-data`): the extension point,
 * and the few stores and services a seed writes through and its tests read back with.
 * Imported as `@sre-health/backstage-plugin-sre-health-backend/seeding`; not a stable API.
 *
 * @packageDocumentation
 */
import {
  createExtensionPoint,
  type LoggerService,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import type { KnowledgeService } from './knowledge';
import type { SreHealthStore } from './store';

/**
 * What a seed writes through: the plugin instance's store and knowledge service (its
 * configured repositories exist by then), its scheduler (for a seed that keeps data
 * flowing) and its logger.
 * @alpha
 */
export interface SreHealthSeedContext {
  store: SreHealthStore;
  knowledge: KnowledgeService;
  scheduler: SchedulerService;
  logger: LoggerService;
}

/**
 * A seed runs once per start, after the plugin's features are built and before its routes
 * are served, in the order added. It must be idempotent: it runs on every start.
 * @alpha
 */
export type SreHealthSeed = (context: SreHealthSeedContext) => Promise<void>;

/** @alpha */
export interface SreHealthSeedingExtensionPoint {
  addSeed(...seeds: SreHealthSeed[]): void;
}

/**
 * Lets a module seed the plugin's data. A module's init runs before the plugin's, so a
 * seed added there is run by the plugin's init.
 * @alpha
 */
export const sreHealthSeedingExtensionPoint =
  createExtensionPoint<SreHealthSeedingExtensionPoint>({
    id: 'sre-health.seeding',
  });

// What the demo seeds write through (each @internal in this package).
export { SreHealthStore } from './store';
export type { WriteTransaction } from './database/unitOfWork';
export { EngagementRecordStore } from './engagement';
export { AlertFiringStore } from './stressors/AlertFiringStore';
export { InterruptStore, OpsTimeRecorder } from './opsTime';
export { KnowledgeService, KnowledgeStore } from './knowledge';
export { utcDay } from './scorecard';
export type {
  ScorecardSnapshotDayRow,
  ScorecardSnapshotRow,
} from './scorecard/tables';

// What the demo seeds' tests read the seeded data back with.
export { buildTimeline } from './engagement/timeline';
export type { ExpiredExemption } from './engagement/exemptions';
export { SloService } from './slo';
export type { SloDefinitionLoader } from './slo/SloDefinitionLoader';
export { analyzeRepository } from './truckFactor';
export type {
  CatalogUserIdentity,
  TruckFactorAnalysis,
  TruckFactorResult,
} from './truckFactor';
