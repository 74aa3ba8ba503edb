import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

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

/** @public */
export const sreHealthPermissions = [
  sreHealthAnnotationCreatePermission,
  sreHealthAnnotationUpdatePermission,
  sreHealthEngagementCreatePermission,
  sreHealthEngagementUpdatePermission,
];
