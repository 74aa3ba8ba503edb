import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';

/*
 * The one rule for an entity ref in a request body or query: a catalog ref with its kind
 * (or a default kind the field names), normalised to the catalog's canonical lower-case
 * `kind:namespace/name`, at most 255 characters, and with one wording when it is not.
 */

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * Normalises an entity ref to the catalog's canonical lower-case `kind:namespace/name`.
 * Throws on anything that is not a ref with an explicit kind.
 * @public
 */
export function normalizeEntityRef(ref: string, expectedKind?: string): string {
  const parsed = parseEntityRef(ref);
  if (expectedKind && lower(parsed.kind) !== lower(expectedKind)) {
    throw new TypeError(
      `expected a ${expectedKind} entity ref, got ${parsed.kind}`,
    );
  }
  return lower(stringifyEntityRef(parsed));
}

/** @public */
export interface EntityRefSchemaOptions {
  /** Kinds the ref may name, e.g. `['user']`; any kind when omitted. */
  kinds?: ReadonlyArray<string>;
  /**
   * The kind of a ref written without one (`payments` reads as `group:payments`); without
   * it, a ref must name its kind.
   */
  defaultKind?: string;
}

/**
 * A request field holding an entity ref: parses to the normalised ref, and fails with
 * "must be a user entity ref like user:default/name (…why…)" (or "an entity ref like …"
 * when any kind will do).
 * @public
 */
export function entityRefSchema(options: EntityRefSchemaOptions = {}) {
  const kinds = options.kinds?.map(lower);
  const { defaultKind } = options;
  const what = kinds?.length
    ? `a ${kinds.join(' or ')} entity ref`
    : 'an entity ref';
  const example = `${kinds?.[0] ?? defaultKind ?? 'component'}:default/name`;
  return z
    .string()
    .max(255)
    .transform((value, ctx) => {
      const written =
        defaultKind && !value.includes(':') ? `${defaultKind}:${value}` : value;
      try {
        const ref = normalizeEntityRef(written);
        const kind = ref.slice(0, ref.indexOf(':'));
        if (kinds?.length && !kinds.includes(kind)) {
          throw new TypeError(
            `expected ${what}, got ${parseEntityRef(written).kind}`,
          );
        }
        return ref;
      } catch (e) {
        ctx.addIssue({
          code: 'custom',
          message: `must be ${what} like ${example} (${(e as Error).message})`,
        });
        return z.NEVER;
      }
    });
}

/**
 * The entity's page in the catalog (`/catalog/<namespace>/<kind>/<name>`), or one of its
 * tabs (`sre-health`): where a notification or a report links to.
 * @public
 */
export function entityPagePath(ref: string, tab?: string): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  const page = `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    lower(kind),
  )}/${encodeURIComponent(name)}`;
  return tab ? `${page}/${encodeURIComponent(tab)}` : page;
}
