import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/*
 * Every permission is checked against the catalog entity it concerns, so a policy can use
 * the catalog's own conditions (e.g. isEntityOwner) as well as group membership. The
 * recommended policy (the backend's createSreHealthPolicyDecision) lets the owning team
 * record its own data, keeps the engagement and flag triage for SREs, and shows who wrote
 * what to SREs and the owning team only.
 */

/**
 * Record what happens to a service: fires, complaints, deferred problems, postmortems,
 * ops load, on-call shifts, alerts, expertise, stressor flags and their rating. @public
 */
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

/**
 * Rate a stressor flag's stress level: the team's rating is the level (issue #16). Meant
 * for the owning team's members as well as the SREs. @public
 */
export const sreHealthStressorRatePermission = createPermission({
  name: 'sre-health.stressor.rate',
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

/**
 * Dismiss a detected stressor flag ("not kindling here") or reopen a dismissed one, and
 * exempt a flag until a date or end its exemption: the embedded SRE's verdicts, kept apart
 * from the team's own records. @public
 */
export const sreHealthStressorFlagDismissPermission = createPermission({
  name: 'sre-health.stressor-flag.dismiss',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * See who authors a component's code: authorship shares, departed authors and what a
 * person's leaving takes. Without it, readers see the counts only. @public
 */
export const sreHealthAuthorshipReadPermission = createPermission({
  name: 'sre-health.authorship.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * See the suggestion on each past postmortem that has no action item aimed at the cause.
 * Its author always sees it; beyond the author, it is meant for SREs only: old postmortems
 * are not graded in public. @public
 */
export const sreHealthPostmortemReviewPermission = createPermission({
  name: 'sre-health.postmortem.review',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every SRE Health permission, for the permissions registry. @public */
export const sreHealthPermissions: ResourcePermission<'catalog-entity'>[] = [
  sreHealthAnnotationCreatePermission,
  sreHealthAnnotationUpdatePermission,
  sreHealthStressorRatePermission,
  sreHealthEngagementCreatePermission,
  sreHealthEngagementUpdatePermission,
  sreHealthSloManagePermission,
  sreHealthSloPushPermission,
  sreHealthStressorFlagDismissPermission,
  sreHealthAuthorshipReadPermission,
  sreHealthPostmortemReviewPermission,
];
