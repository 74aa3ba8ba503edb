import type {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  createPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  sreHealthAnnotationCreatePermission,
  sreHealthAuthorshipReadPermission,
  sreHealthEngagementCreatePermission,
  sreHealthStressorFlagDismissPermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import { createPortalPolicy } from './permissionPolicy';

/*
 * The portal's policy with the catalog's real rules: the conditions it returns for the
 * owning team are what the catalog evaluates when the permission framework asks it.
 */

const entity = (kind: string, name: string, owner?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: owner ? { owner } : {},
  relations: owner ? [{ type: 'ownedBy', targetRef: owner }] : [],
});

const PAYMENTS_API = entity(
  'Component',
  'payments-api',
  'group:default/payments-team',
);
const SEARCH_INDEXER = entity(
  'Component',
  'search-indexer',
  'group:default/search-team',
);
// a team spelt with capitals in its catalog-info: refs are lower case
const PAYMENTS_TEAM = entity('Group', 'Payments-Team');
const SEARCH_TEAM = entity('Group', 'search-team');

const ownership: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/sre'],
  'user:default/carol': ['user:default/carol', 'group:default/payments-team'],
};

const userInfo: UserInfoService = {
  async getUserInfo(credentials: BackstageCredentials) {
    const userEntityRef = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return {
      userEntityRef,
      ownershipEntityRefs: ownership[userEntityRef] ?? [userEntityRef],
    };
  },
};

const policy = createPortalPolicy(
  new ConfigReader({ sreHealth: { sreGroups: ['group:default/sre'] } }),
  userInfo,
);
const authorizer = createConditionAuthorizer(Object.values(permissionRules));

/** The decision for `userRef` on `resource`, conditions applied as the catalog does. */
async function decide(
  userRef: string,
  permission: Parameters<typeof policy.handle>[0]['permission'],
  resource: Entity,
): Promise<AuthorizeResult> {
  const credentials = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: userRef },
  } as BackstageCredentials;
  const decision: PolicyDecision = await policy.handle(
    { permission },
    { credentials, info: await userInfo.getUserInfo(credentials) },
  );
  if (decision.result !== AuthorizeResult.CONDITIONAL) return decision.result;
  return authorizer(decision, resource)
    ? AuthorizeResult.ALLOW
    : AuthorizeResult.DENY;
}

describe('the portal permission policy', () => {
  const { ALLOW, DENY } = AuthorizeResult;

  it("lets a team member record on the team's own services and team only", async () => {
    const carol = 'user:default/carol';
    const record = sreHealthAnnotationCreatePermission;
    expect(await decide(carol, record, PAYMENTS_API)).toBe(ALLOW);
    expect(await decide(carol, record, PAYMENTS_TEAM)).toBe(ALLOW);
    expect(await decide(carol, record, SEARCH_INDEXER)).toBe(DENY);
    expect(await decide(carol, record, SEARCH_TEAM)).toBe(DENY);
    expect(
      await decide(carol, sreHealthAuthorshipReadPermission, PAYMENTS_API),
    ).toBe(ALLOW);
    expect(
      await decide(carol, sreHealthAuthorshipReadPermission, SEARCH_INDEXER),
    ).toBe(DENY);
  });

  it('keeps engagements and dismissal for SREs, who may do everything', async () => {
    for (const permission of [
      sreHealthEngagementCreatePermission,
      sreHealthStressorFlagDismissPermission,
    ]) {
      expect(
        await decide('user:default/carol', permission, PAYMENTS_TEAM),
      ).toBe(DENY);
      expect(
        await decide('user:default/alice', permission, PAYMENTS_TEAM),
      ).toBe(ALLOW);
    }
    expect(
      await decide(
        'user:default/alice',
        sreHealthAnnotationCreatePermission,
        SEARCH_INDEXER,
      ),
    ).toBe(ALLOW);
  });

  it('refuses someone of no team, and allows other plugins’ permissions', async () => {
    expect(
      await decide(
        'user:default/mallory',
        sreHealthAnnotationCreatePermission,
        PAYMENTS_API,
      ),
    ).toBe(DENY);
    const other = createPermission({
      name: 'catalog.entity.read',
      attributes: {},
    });
    expect(
      await decide('user:default/mallory', other as any, PAYMENTS_API),
    ).toBe(ALLOW);
  });
});
