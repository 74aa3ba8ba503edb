import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createSreGroupPolicyDecision } from '../permissions/policy';
import { ownershipOf as catalogOwnershipOf } from './catalog';

/**
 * The permissions service of a test backend, deciding as the portal's policy does: the
 * plugin's own SRE-group rule (createSreGroupPolicyDecision with `config`) over the user's
 * ownership refs. Service tokens are allowed, as Backstage's permission client does for
 * service principals (their access is bounded by the route's own `allow` list).
 */
export function sreGroupPermissions(
  config: ConstructorParameters<typeof ConfigReader>[0],
  ownershipOf: (userRef: string) => string[] = catalogOwnershipOf,
) {
  const decide = createSreGroupPolicyDecision(new ConfigReader(config));
  return mockServices.permissions.mock({
    authorize: async (requests, options) => {
      const principal = options?.credentials.principal as {
        type: string;
        userEntityRef?: string;
      };
      if (principal.type === 'service') {
        return requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any;
      }
      const ownership = principal.userEntityRef
        ? ownershipOf(principal.userEntityRef)
        : [];
      return requests.map(r => decide(r.permission, ownership)!) as any;
    },
  });
}
