import { createApiRef } from '@backstage/core-plugin-api';
import type { EngagementApi } from './engagement';
import type { EntityHealthApi } from './entityHealth';
import type { FiresApi } from './fires';
import type { StressorInputsApi } from './inputs';
import type { KnowledgeApi } from './knowledge';
import type { OpsTimeApi } from './opsTime';
import type { ScorecardApi } from './scorecard';
import type { SloDefinitionsApi } from './slos';
import type { StressorsApi } from './stressors';

export type { SreHealthEntityRef } from './refs';
export type { StressorDetectionResult } from './stressors';
export type { ImportPostmortemRequest } from './fires';

/**
 * Client of the sre-health backend: the API of every area, one file each in this folder.
 * Every update and delete takes the `version` read earlier; a stale version is rejected
 * with 409 Conflict.
 * @public
 */
export interface SreHealthApi
  extends EntityHealthApi,
    StressorsApi,
    StressorInputsApi,
    FiresApi,
    SloDefinitionsApi,
    KnowledgeApi,
    EngagementApi,
    ScorecardApi,
    OpsTimeApi {}

/** @public */
export const sreHealthApiRef = createApiRef<SreHealthApi>({
  id: 'plugin.sre-health.service',
});
