import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_OPERATORS,
  Operator,
  normalizeEntityRef,
} from '@sre-health/backstage-plugin-sre-health-common';

/** The owning group (or user) of an entity, from its relations or spec.owner. */
export function ownerOf(entity: Entity): string | null {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) {
    return relation.targetRef.toLocaleLowerCase('en-US');
  }
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner) {
    return null;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return null;
  }
}

/** Operators declared in catalog-info with the operators annotation. */
export function declaredOperators(entity: Entity): Operator[] {
  const raw = entity.metadata.annotations?.[ANNOTATION_OPERATORS] ?? '';
  return raw
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .flatMap(ref => {
      try {
        const userRef = normalizeEntityRef(
          ref.includes(':') ? ref : `user:${ref}`,
          'user',
        );
        return [
          {
            userRef,
            level: 'can-operate' as const,
            source: 'annotation' as const,
          },
        ];
      } catch {
        return [];
      }
    });
}
