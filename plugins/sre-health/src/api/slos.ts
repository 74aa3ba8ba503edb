import type { SloDefinitionRecord } from '@sre-health/backstage-plugin-sre-health-common';
import { collection, SreHealthRequest } from './request';

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
  };
}
