import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
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
import { createSreGroupPolicyDecision } from '@internal/backstage-plugin-sre-health-backend';

/**
 * The portal's permission policy: SRE Health writes are for members of the SRE groups in
 * `sreHealth.sreGroups`; everything else is allowed, as in the scaffolded portal.
 */
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
        const sreHealth = createSreGroupPolicyDecision(config);
        const portalPolicy: PermissionPolicy = {
          async handle(
            request: PolicyQuery,
            user?: PolicyQueryUser,
          ): Promise<PolicyDecision> {
            const ownership = user
              ? (await userInfo.getUserInfo(user.credentials))
                  .ownershipEntityRefs
              : [];
            return (
              sreHealth(request.permission, ownership) ?? {
                result: AuthorizeResult.ALLOW,
              }
            );
          },
        };
        policy.setPolicy(portalPolicy);
      },
    });
  },
});
