import { parseEntityRef } from '@backstage/catalog-model';
import type { CompoundEntityRef } from '@backstage/catalog-model';

/**
 * An entity reference: either a string like `component:default/checkout`
 * or the compound form.
 * @public
 */
export type SreHealthEntityRef = string | CompoundEntityRef;

/** `kind:namespace/name`, as the backend's `entityRef` and `teamRef` query parameters take it. */
export function toRefString(entityRef: SreHealthEntityRef): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `${kind}:${namespace}/${name}`;
}

/** `/{kind}/{namespace}/{name}` of an entity ref. */
export function refPath(entityRef: SreHealthEntityRef): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/${[kind, namespace, name].map(encodeURIComponent).join('/')}`;
}

/** `/entities/{kind}/{namespace}/{name}`; the backend lower-cases the parts. */
export function entityPath(entityRef: SreHealthEntityRef): string {
  return `/entities${refPath(entityRef)}`;
}
