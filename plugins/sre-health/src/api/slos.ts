import type {
  DecideSloPolicyEpisodeRequest,
  SloDefinitionRecord,
  SloPolicyEpisode,
} from '@sre-health/backstage-plugin-sre-health-common';
import { entityPath } from './refs';
import { collection, SreHealthRequest } from './request';

/** A service's error-budget policy episodes and its own decision log. @public */
export interface SloPolicyRecord {
  entityRef: string;
  episodes: SloPolicyEpisode[];
  serviceDecisions: Array<{
    id: string;
    decision: string;
    reason: string;
    example: string;
    author: string;
    version: number;
  }>;
}

/** SLO definitions created through the API (OpenSLO `SLO` documents). @public */
export interface SloDefinitionsApi {
  getSloDefinition(id: string): Promise<SloDefinitionRecord>;
  /** `document` may be the YAML an SRE pasted. */
  createSloDefinition(request: {
    entityRef: string;
    document: string | object;
  }): Promise<SloDefinitionRecord>;
  updateSloDefinition(
    id: string,
    request: { version: number; document: string | object },
  ): Promise<SloDefinitionRecord>;
  deleteSloDefinition(id: string, version: number): Promise<void>;
  /** The service's error-budget policy episodes, newest first, and its own decision log. */
  getSloPolicy(entityRef: string): Promise<SloPolicyRecord>;
  /** An SRE records the team's decision on a policy step (SREs only; stale version → 409). */
  decideSloPolicyEpisode(
    id: string,
    request: DecideSloPolicyEpisodeRequest,
  ): Promise<SloPolicyEpisode>;
}

export function createSloDefinitionsClient(
  request: SreHealthRequest,
): SloDefinitionsApi {
  const slos = collection<SloDefinitionRecord>(request, 'slo-definitions');
  return {
    getSloDefinition: slos.get,
    createSloDefinition: slos.create,
    updateSloDefinition: slos.update,
    deleteSloDefinition: slos.remove,
    getSloPolicy: entityRef =>
      request.json(`${entityPath(entityRef)}/slo-policy`),
    decideSloPolicyEpisode: (id, body) =>
      request.json(`/slo-policy-episodes/${encodeURIComponent(id)}/decision`, {
        method: 'POST',
        body,
      }),
  };
}
