import type {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type express from 'express';

/** A scheduled task of a feature, exactly as `scheduler.scheduleTask` takes it. */
export type FeatureTask = SchedulerServiceTaskScheduleDefinition &
  SchedulerServiceTaskInvocationDefinition;

/**
 * What every feature folder hands to plugin.ts: its routes and its scheduled work. Each
 * folder builds one with `createXFeature(deps)`, its dependencies passed explicitly, so
 * plugin.ts shows every wire.
 * @internal
 */
export interface SreHealthFeature {
  router?: express.Router;
  tasks: FeatureTask[];
}
