import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/*
 * Every write is authorised against the catalog entity it annotates, so a policy can use
 * the catalog's own conditions (e.g. isEntityOwner) as well as group membership.
 */

/** Flag stressors, record fires, postmortems, ops load and expertise. @public */
export const sreHealthAnnotationCreatePermission = createPermission({
  name: 'sre-health.annotation.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Update, resolve or delete those records. @public */
export const sreHealthAnnotationUpdatePermission = createPermission({
  name: 'sre-health.annotation.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Start an embedding engagement for a team. @public */
export const sreHealthEngagementCreatePermission = createPermission({
  name: 'sre-health.engagement.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Move an engagement through its phases, edit or close it. @public */
export const sreHealthEngagementUpdatePermission = createPermission({
  name: 'sre-health.engagement.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Create, edit and delete SLO definitions through the API. @public */
export const sreHealthSloManagePermission = createPermission({
  name: 'sre-health.slo.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Push good/total SLO events (service tokens or users). @public */
export const sreHealthSloPushPermission = createPermission({
  name: 'sre-health.slo.push',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every SRE Health permission, for the permissions registry. @public */
export const sreHealthPermissions: ResourcePermission<'catalog-entity'>[] = [
  sreHealthAnnotationCreatePermission,
  sreHealthAnnotationUpdatePermission,
  sreHealthEngagementCreatePermission,
  sreHealthEngagementUpdatePermission,
  sreHealthSloManagePermission,
  sreHealthSloPushPermission,
];
