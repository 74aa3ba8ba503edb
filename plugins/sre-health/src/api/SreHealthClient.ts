import { createEngagementClient } from './engagement';
import { createEntityHealthClient } from './entityHealth';
import { createFiresClient } from './fires';
import { createStressorInputsClient } from './inputs';
import { createKnowledgeClient } from './knowledge';
import { createOpsTimeClient } from './opsTime';
import { createRequest, SreHealthClientOptions } from './request';
import { createScorecardClient } from './scorecard';
import { createSloDefinitionsClient } from './slos';
import { createStressorsClient } from './stressors';
import type { SreHealthApi } from './SreHealthApi';

// The methods come from the area clients, assigned in the constructor; `api` below is
// typed `SreHealthApi`, so a method missing from an area fails the type check.
/** @public */
export interface SreHealthClient extends SreHealthApi {}

/**
 * Talks to the sre-health backend through the app's `fetchApi`, so requests carry
 * the user's Backstage credentials. Composes the client of each area
 * (`./entityHealth.ts`, `./stressors.ts`, …) over one request helper (`./request.ts`).
 * @public
 */
export class SreHealthClient {
  constructor(options: SreHealthClientOptions) {
    const request = createRequest(options);
    const api: SreHealthApi = {
      ...createEntityHealthClient(request),
      ...createStressorsClient(request),
      ...createStressorInputsClient(request),
      ...createFiresClient(request),
      ...createSloDefinitionsClient(request),
      ...createKnowledgeClient(request),
      ...createEngagementClient(request),
      ...createScorecardClient(request),
      ...createOpsTimeClient(request),
    };
    Object.assign(this, api);
  }
}
