import { parseEntityRef } from '@backstage/catalog-model';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  PermissionCondition,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/*
 * "The caller's team owns it", as conditions the catalog evaluates: the permission
 * framework sends them to the catalog (pluginId `catalog`) with the entity ref of the
 * check, and the catalog applies its own rules to the entity. The rule names and
 * parameters are the catalog's (`catalogConditions` of @backstage/plugin-catalog-backend);
 * packages/backend/src/permissionPolicy.test.ts applies them with the catalog's rules.
 */

/** The catalog's resource: its plugin evaluates the conditions on its entities. */
const { pluginId, resourceType } = catalogEntityPermissionResourceRef;

type EntityCondition = PermissionCondition<'catalog-entity'>;

const condition = (
  rule: string,
  params: Record<string, unknown>,
): EntityCondition => ({
  rule,
  resourceType,
  params: params as EntityCondition['params'],
});

/** The Group entity `ref` names, matched as the catalog matches names (any case). */
function isGroup(ref: string): PermissionCriteria<EntityCondition> {
  const { namespace, name } = parseEntityRef(ref);
  return {
    allOf: [
      condition('IS_ENTITY_KIND', { kinds: ['Group'] }),
      condition('HAS_METADATA', { key: 'namespace', value: namespace }),
      condition('HAS_METADATA', { key: 'name', value: name }),
    ],
  };
}

/**
 * The criteria "owned by one of `claims`, or one of the groups among them": a service the
 * caller's team owns, or the team itself (ops load and on-call are recorded per team).
 * @public
 */
export function ownedByClaims(
  claims: ReadonlyArray<string>,
): PermissionCriteria<PermissionCondition<'catalog-entity'>> {
  const groups = claims.filter(ref =>
    ref.toLocaleLowerCase('en-US').startsWith('group:'),
  );
  return {
    anyOf: [
      condition('IS_ENTITY_OWNER', { claims: [...claims] }),
      ...groups.map(isGroup),
    ],
  };
}

/**
 * A conditional decision: `permission` is granted on the entities the caller's ownership
 * refs own (see {@link ownedByClaims}). The catalog decides per entity.
 * @public
 */
export function ownedByCallerDecision(
  permission: ResourcePermission<'catalog-entity'>,
  claims: ReadonlyArray<string>,
): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId,
    resourceType: permission.resourceType,
    conditions: ownedByClaims(claims),
  };
}
