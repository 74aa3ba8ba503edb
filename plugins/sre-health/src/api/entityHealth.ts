import type {
  AuditEntry,
  EntityHealth,
} from '@sre-health/backstage-plugin-sre-health-common';
import { entityPath, SreHealthEntityRef } from './refs';
import type { SreHealthRequest } from './request';

/** The SRE Health tab of one entity. @public */
export interface EntityHealthApi {
  /** Everything the SRE Health tab shows for one entity, in one request. */
  getEntityHealth(entityRef: SreHealthEntityRef): Promise<EntityHealth>;
  /** Who changed what on an entity, newest first. */
  getAuditLog(entityRef: SreHealthEntityRef): Promise<AuditEntry[]>;
}

export function createEntityHealthClient(
  request: SreHealthRequest,
): EntityHealthApi {
  return {
    getEntityHealth: entityRef =>
      request.json(`${entityPath(entityRef)}/health`),
    getAuditLog: entityRef => request.json(`${entityPath(entityRef)}/audit`),
  };
}
