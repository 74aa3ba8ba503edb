import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isResourcePermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  sreHealthAnnotationCreatePermission,
  sreHealthAnnotationUpdatePermission,
  sreHealthAuthorshipReadPermission,
  sreHealthSloManagePermission,
  sreHealthSloPushPermission,
  sreHealthStressorRatePermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import { readSreGroups } from '../config';
import { ownedByCallerDecision } from './ownership';

export { readSreGroups } from '../config';

/** Whether a permission is one of SRE Health's. @public */
export function isSreHealthPermission(permission: Permission): boolean {
  return permission.name.startsWith('sre-health.');
}

/**
 * What the owning team may do on its own services (and its own group): record and edit
 * its fires, complaints, deferred problems, postmortems, ops load, on-call, alerts,
 * expertise, stressor flags and SLOs, rate its stressors, and see who authors its code:
 * the SRE is not the team's clerk. Engagements, flag dismissal and the review of past
 * postmortems stay with the SREs.
 * @public
 */
export const SRE_HEALTH_OWNER_PERMISSIONS: ReadonlyArray<string> = [
  sreHealthAnnotationCreatePermission.name,
  sreHealthAnnotationUpdatePermission.name,
  sreHealthStressorRatePermission.name,
  sreHealthSloManagePermission.name,
  sreHealthSloPushPermission.name,
  sreHealthAuthorshipReadPermission.name,
];

/** A decision over SRE Health permissions, given the caller's ownership refs. @public */
export type SreHealthPolicyDecision = (
  permission: Permission,
  ownershipEntityRefs: ReadonlyArray<string>,
) => PolicyDecision | undefined;

function sreGroupMembership(config: Config) {
  const sreGroups = new Set(readSreGroups(config));
  return (ownershipEntityRefs: ReadonlyArray<string>) =>
    ownershipEntityRefs.some(ref =>
      sreGroups.has(ref.toLocaleLowerCase('en-US')),
    );
}

/**
 * The recommended rule for SRE Health's permissions: members of the SRE groups named in
 * app-config (`sreHealth.sreGroups`) may do everything; members of the team that owns an
 * entity may record and read its data ({@link SRE_HEALTH_OWNER_PERMISSIONS}), as a
 * conditional decision the catalog evaluates on the entity (its `isEntityOwner` rule);
 * everyone else is refused. Returns undefined for permissions that are not SRE Health's, so
 * a policy can fall through to its other rules.
 *
 * @example
 * ```ts
 * const sreHealth = createSreHealthPolicyDecision(config);
 * async handle(request, user) {
 *   return sreHealth(request.permission, user?.info.ownershipEntityRefs ?? [])
 *     ?? { result: AuthorizeResult.ALLOW };
 * }
 * ```
 * @public
 */
export function createSreHealthPolicyDecision(
  config: Config,
): SreHealthPolicyDecision {
  const isSre = sreGroupMembership(config);
  const forOwners = new Set(SRE_HEALTH_OWNER_PERMISSIONS);
  return (permission, ownershipEntityRefs) => {
    if (!isSreHealthPermission(permission)) {
      return undefined;
    }
    if (isSre(ownershipEntityRefs)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      forOwners.has(permission.name) &&
      isResourcePermission(permission, 'catalog-entity') &&
      ownershipEntityRefs.length > 0
    ) {
      return ownedByCallerDecision(permission, ownershipEntityRefs);
    }
    return { result: AuthorizeResult.DENY };
  };
}

/**
 * The stricter rule: every SRE Health permission is for members of the SRE groups named in
 * app-config; everyone else only reads what needs no permission. Returns undefined for
 * permissions that are not SRE Health's. {@link createSreHealthPolicyDecision} is the
 * recommended rule: with this one, the SRE becomes the team's clerk.
 *
 * @example
 * ```ts
 * const sreHealth = createSreGroupPolicyDecision(config);
 * async handle(request, user) {
 *   const refs = user ? (await userInfo.getUserInfo(user.credentials)).ownershipEntityRefs : [];
 *   return sreHealth(request.permission, refs) ?? { result: AuthorizeResult.ALLOW };
 * }
 * ```
 * @public
 */
export function createSreGroupPolicyDecision(
  config: Config,
): SreHealthPolicyDecision {
  const isSre = sreGroupMembership(config);
  return (permission, ownershipEntityRefs) => {
    if (!isSreHealthPermission(permission)) {
      return undefined;
    }
    return {
      result: isSre(ownershipEntityRefs)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    };
  };
}
