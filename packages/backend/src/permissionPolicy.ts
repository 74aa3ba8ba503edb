import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { createSreHealthPolicyDecision } from '@sre-health/backstage-plugin-sre-health-backend';

/**
 * The portal's permission policy: SRE Health's recommended rule (members of the SRE groups
 * in `sreHealth.sreGroups` do everything; the team that owns a service records its own
 * fires, complaints, postmortems and ops data, rates its stressors and sees who authors its
 * code, as conditions the catalog checks on the entity); everything else is allowed, as in
 * the scaffolded portal.
 */
export function createPortalPolicy(
  config: Config,
  userInfo: UserInfoService,
): PermissionPolicy {
  const sreHealth = createSreHealthPolicyDecision(config);
  return {
    async handle(
      request: PolicyQuery,
      user?: PolicyQueryUser,
    ): Promise<PolicyDecision> {
      const ownership = user
        ? (await userInfo.getUserInfo(user.credentials)).ownershipEntityRefs
        : [];
      return (
        sreHealth(request.permission, ownership) ?? {
          result: AuthorizeResult.ALLOW,
        }
      );
    },
  };
}

/** Installs {@link createPortalPolicy} as the permission backend's policy. */
export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'sre-health-portal-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, userInfo, policy }) {
        policy.setPolicy(createPortalPolicy(config, userInfo));
      },
    });
  },
});
