import type {
  DecideSloPolicyEpisodeRequest,
  SloBackfillRequest,
  SloBackfillResult,
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
  /**
   * Imports a pushed-events SLO's history (SREs): minutes from a file or a Prometheus range
   * query, all or nothing; a 400 names the bad line, index or field.
   */
  backfillSlo(request: SloBackfillRequest): Promise<SloBackfillResult>;
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
    backfillSlo: body =>
      request.json('/slo-backfill', { method: 'POST', body }),
    getSloPolicy: entityRef =>
      request.json(`${entityPath(entityRef)}/slo-policy`),
    decideSloPolicyEpisode: (id, body) =>
      request.json(`/slo-policy-episodes/${encodeURIComponent(id)}/decision`, {
        method: 'POST',
        body,
      }),
  };
}
