import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createSreGroupPolicyDecision,
  createSreHealthPolicyDecision,
  SreHealthPolicyDecision,
} from '../permissions/policy';
import { catalogEntities, ownershipOf as catalogOwnershipOf } from './catalog';

type Options = {
  /** The user's ownership refs, as the auth backend would issue them. */
  ownershipOf?: (userRef: string) => string[];
  /** The catalog conditional decisions are evaluated on. */
  entities?: Entity[];
};

/**
 * The permissions service of a test backend, deciding with `decide` over the user's
 * ownership refs, and evaluating conditional decisions on the test catalog's entities as
 * the permission framework has the catalog do it. Service tokens are allowed, as Backstage's
 * permission client does for service principals (their access is bounded by the route's
 * own `allow` list).
 */
function permissionsDecidedBy(
  decide: SreHealthPolicyDecision,
  options: Options,
) {
  const ownershipOf = options.ownershipOf ?? catalogOwnershipOf;
  const byRef = new Map(
    (options.entities ?? catalogEntities).map(e => [
      stringifyEntityRef(e).toLocaleLowerCase('en-US'),
      e,
    ]),
  );
  const resolve = (decision: PolicyDecision, resourceRef?: string) => {
    if (decision.result !== AuthorizeResult.CONDITIONAL) return decision;
    const entity = resourceRef
      ? byRef.get(resourceRef.toLocaleLowerCase('en-US'))
      : undefined;
    const allowed =
      !!entity && matches(decision.conditions as EntityCriteria, entity);
    return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  };
  return mockServices.permissions.mock({
    authorize: async (requests, authorizeOptions) => {
      const principal = authorizeOptions?.credentials.principal as {
        type: string;
        userEntityRef?: string;
      };
      if (principal.type === 'service') {
        return requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any;
      }
      const ownership = principal.userEntityRef
        ? ownershipOf(principal.userEntityRef)
        : [];
      return requests.map(r =>
        resolve(
          decide(r.permission, ownership)!,
          (r as { resourceRef?: string }).resourceRef,
        ),
      ) as any;
    },
  });
}

/** The stricter rule (createSreGroupPolicyDecision): every SRE Health permission for SREs. */
export function sreGroupPermissions(
  config: ConstructorParameters<typeof ConfigReader>[0],
  ownershipOf: (userRef: string) => string[] = catalogOwnershipOf,
) {
  return permissionsDecidedBy(
    createSreGroupPolicyDecision(new ConfigReader(config)),
    { ownershipOf },
  );
}

/**
 * The portal's rule (createSreHealthPolicyDecision): SREs do everything, the owning team
 * records and reads its own data through conditions on catalog ownership.
 */
export function sreHealthPolicyPermissions(
  config: ConstructorParameters<typeof ConfigReader>[0],
  options: Options = {},
) {
  return permissionsDecidedBy(
    createSreHealthPolicyDecision(new ConfigReader(config)),
    options,
  );
}

type EntityCriteria = PermissionCriteria<PermissionCondition<'catalog-entity'>>;

/**
 * The catalog's rules as it applies them (plugin-catalog-backend's permissions/rules), for
 * the ones SRE Health's policy uses; packages/backend checks the policy against the real ones.
 */
const RULES: Record<string, (entity: Entity, params: any) => boolean> = {
  IS_ENTITY_OWNER: (entity, { claims }: { claims: string[] }) =>
    (entity.relations ?? []).some(
      r => r.type === 'ownedBy' && claims.includes(r.targetRef),
    ),
  IS_ENTITY_KIND: (entity, { kinds }: { kinds: string[] }) =>
    kinds.some(k => k.toLowerCase() === entity.kind.toLowerCase()),
  HAS_METADATA: (entity, { key, value }: { key: string; value?: string }) => {
    const found = (
      key === 'namespace'
        ? entity.metadata.namespace ?? 'default'
        : (entity.metadata as Record<string, unknown>)[key]
    ) as string | undefined;
    return value === undefined
      ? found !== undefined
      : String(found).toLowerCase() === value.toLowerCase();
  },
};

function matches(criteria: EntityCriteria, entity: Entity): boolean {
  if ('anyOf' in criteria) return criteria.anyOf.some(c => matches(c, entity));
  if ('allOf' in criteria) return criteria.allOf.every(c => matches(c, entity));
  if ('not' in criteria) return !matches(criteria.not, entity);
  const rule = RULES[criteria.rule];
  if (!rule)
    throw new Error(`no such catalog rule in the tests: ${criteria.rule}`);
  return rule(entity, criteria.params);
}
