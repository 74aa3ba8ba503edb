import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  sreHealthAnnotationCreatePermission,
  sreHealthAnnotationUpdatePermission,
  sreHealthAuthorshipReadPermission,
  sreHealthEngagementCreatePermission,
  sreHealthEngagementUpdatePermission,
  sreHealthPermissions,
  sreHealthPostmortemReviewPermission,
  sreHealthSloManagePermission,
  sreHealthSloPushPermission,
  sreHealthStressorFlagDismissPermission,
  sreHealthStressorRatePermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import {
  SRE_HEALTH_OWNER_PERMISSIONS,
  createSreGroupPolicyDecision,
  createSreHealthPolicyDecision,
  readSreGroups,
} from './policy';

const config = new ConfigReader({
  sreHealth: { sreGroups: ['group:default/SRE', 'platform-sre'] },
});

describe('createSreGroupPolicyDecision', () => {
  const decide = createSreGroupPolicyDecision(config);

  it('allows every SRE Health permission to members of an SRE group', () => {
    for (const permission of sreHealthPermissions) {
      expect(
        decide(permission, ['user:default/alice', 'group:default/sre']),
      ).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('denies SRE Health permissions to everyone else', () => {
    expect(
      decide(sreHealthAnnotationCreatePermission, [
        'user:default/carol',
        'group:default/payments-team',
      ]),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(decide(sreHealthAnnotationCreatePermission, [])).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('leaves other plugins’ permissions to the rest of the policy', () => {
    const other = createPermission({
      name: 'catalog.entity.read',
      attributes: {},
    });
    expect(decide(other, ['group:default/sre'])).toBeUndefined();
  });

  it('normalises group refs from config (case, missing kind)', () => {
    expect(readSreGroups(config)).toEqual([
      'group:default/sre',
      'group:default/platform-sre',
    ]);
    expect(
      decide(sreHealthAnnotationCreatePermission, [
        'group:default/platform-sre',
      ]),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('denies everyone when no SRE group is configured', () => {
    const none = createSreGroupPolicyDecision(new ConfigReader({}));
    expect(
      none(sreHealthAnnotationCreatePermission, ['group:default/sre']),
    ).toEqual({
      result: AuthorizeResult.DENY,
    });
  });
});

describe('createSreHealthPolicyDecision', () => {
  const decide = createSreHealthPolicyDecision(config);
  const owner = ['user:default/carol', 'group:default/payments-team'];

  it('allows every SRE Health permission to members of an SRE group', () => {
    for (const permission of sreHealthPermissions) {
      expect(
        decide(permission, ['user:default/alice', 'group:default/sre']),
      ).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it("grants the team's own records, on the entities its refs own, as a catalog condition", () => {
    for (const permission of [
      sreHealthAnnotationCreatePermission,
      sreHealthAnnotationUpdatePermission,
      sreHealthStressorRatePermission,
      sreHealthSloManagePermission,
      sreHealthSloPushPermission,
      sreHealthAuthorshipReadPermission,
    ]) {
      expect(decide(permission, owner)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          anyOf: [
            {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: { claims: owner },
            },
            {
              allOf: [
                {
                  rule: 'IS_ENTITY_KIND',
                  resourceType: 'catalog-entity',
                  params: { kinds: ['Group'] },
                },
                {
                  rule: 'HAS_METADATA',
                  resourceType: 'catalog-entity',
                  params: { key: 'namespace', value: 'default' },
                },
                {
                  rule: 'HAS_METADATA',
                  resourceType: 'catalog-entity',
                  params: { key: 'name', value: 'payments-team' },
                },
              ],
            },
          ],
        },
      });
    }
  });

  it('keeps engagements, dismissal and postmortem review for SREs', () => {
    for (const permission of [
      sreHealthEngagementCreatePermission,
      sreHealthEngagementUpdatePermission,
      sreHealthStressorFlagDismissPermission,
      sreHealthPostmortemReviewPermission,
    ]) {
      expect(decide(permission, owner)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('names every SRE Health permission either for owners or for SREs only', () => {
    const forOwners = sreHealthPermissions.filter(
      p => decide(p, owner)?.result === AuthorizeResult.CONDITIONAL,
    );
    expect(forOwners.map(p => p.name).sort()).toEqual(
      [...SRE_HEALTH_OWNER_PERMISSIONS].sort(),
    );
  });

  it('denies a caller without ownership refs and leaves other permissions alone', () => {
    expect(decide(sreHealthAnnotationCreatePermission, [])).toEqual({
      result: AuthorizeResult.DENY,
    });
    const other = createPermission({
      name: 'catalog.entity.read',
      attributes: {},
    });
    expect(decide(other, owner)).toBeUndefined();
  });
});
