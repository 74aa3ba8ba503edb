import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { readSreGroups } from '../config';

export { readSreGroups } from '../config';

/** Whether a permission is one of SRE Health's. @public */
export function isSreHealthPermission(permission: Permission): boolean {
  return permission.name.startsWith('sre-health.');
}

/**
 * The rule a portal's permission policy applies to SRE Health: its writes are for members
 * of the SRE groups named in app-config; everyone else reads. Returns undefined for
 * permissions that are not SRE Health's, so a policy can fall through to its other rules.
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
export function createSreGroupPolicyDecision(config: Config) {
  const sreGroups = new Set(readSreGroups(config));
  return (
    permission: Permission,
    ownershipEntityRefs: ReadonlyArray<string>,
  ): PolicyDecision | undefined => {
    if (!isSreHealthPermission(permission)) {
      return undefined;
    }
    const isSre = ownershipEntityRefs.some(ref =>
      sreGroups.has(ref.toLocaleLowerCase('en-US')),
    );
    return { result: isSre ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  };
}
