import type { SreHealthFeature } from '../feature';
import { createHealthRouter, HealthRouterOptions } from './router';

export { EntityHealthService } from './EntityHealthService';

/** The tab's single read (and the entity's audit trail); nothing scheduled. @internal */
export function createHealthFeature(
  options: HealthRouterOptions,
): SreHealthFeature {
  return { router: createHealthRouter(options), tasks: [] };
}
