import type { Entity } from '@backstage/catalog-model';

/**
 * Annotation keys SRE Health reads from catalog entities. They live under a domain the
 * project owns so they never collide with another plugin's keys.
 * @public
 */
export const SRE_HEALTH_ANNOTATION_PREFIX = 'sre-health.dev';

/** `"true"` shows the tab on any entity, `"false"` hides it from a service. @public */
export const ANNOTATION_ENABLED = `${SRE_HEALTH_ANNOTATION_PREFIX}/enabled`;
/** Serving tier: `critical` marks a serving-critical component. @public */
export const ANNOTATION_TIER = `${SRE_HEALTH_ANNOTATION_PREFIX}/tier`;
/** Availability SLO target in percent, e.g. `"99.9"`. @public */
export const ANNOTATION_SLO_TARGET = `${SRE_HEALTH_ANNOTATION_PREFIX}/slo-target`;
/** SLO window, e.g. `"30d"` (days only). @public */
export const ANNOTATION_SLO_WINDOW = `${SRE_HEALTH_ANNOTATION_PREFIX}/slo-window`;
/** Comma-separated user refs declared able to operate the component. @public */
export const ANNOTATION_OPERATORS = `${SRE_HEALTH_ANNOTATION_PREFIX}/operators`;

/** @public */
export const SERVING_TIERS = ['critical', 'high', 'standard'] as const;
/** @public */
export type ServingTier = (typeof SERVING_TIERS)[number];

/**
 * Whether the SRE Health tab applies to an entity: every Component of type `service`,
 * and any other entity that opts in with the `enabled` annotation.
 * @public
 */
export function isSreHealthAvailable(entity: Entity): boolean {
  const flag = entity.metadata.annotations?.[ANNOTATION_ENABLED];
  if (flag === 'false') {
    return false;
  }
  if (flag === 'true') {
    return true;
  }
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    (entity.spec as { type?: unknown } | undefined)?.type === 'service'
  );
}

/** @public */
export function servingTier(entity: Entity): ServingTier {
  const tier = entity.metadata.annotations?.[ANNOTATION_TIER];
  return (SERVING_TIERS as ReadonlyArray<string>).includes(tier ?? '')
    ? (tier as ServingTier)
    : 'standard';
}

/**
 * Comma-separated OpenSLO files, relative to the entity's catalog-info file (or absolute
 * URLs), read through Backstage's UrlReader.
 * @public
 */
export const ANNOTATION_OPENSLO = `${SRE_HEALTH_ANNOTATION_PREFIX}/openslo`;
