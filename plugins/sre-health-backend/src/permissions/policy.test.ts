import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  sreHealthAnnotationCreatePermission,
  sreHealthPermissions,
} from '@internal/backstage-plugin-sre-health-common';
import { createSreGroupPolicyDecision, readSreGroups } from './policy';

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
