import { InputError } from '@backstage/errors';
import {
  entityQuerySchema,
  queryInteger,
} from '@sre-health/backstage-plugin-sre-health-common';
import { z } from 'zod';

/**
 * Parses a request part against its schema; a failure is a 400 that names every bad
 * field, so a client can fix its request without guessing.
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  where: 'body' | 'query' | 'path' = 'body',
): z.output<T> {
  const result = schema.safeParse(input ?? (where === 'body' ? undefined : {}));
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map(issue => {
    const field = issue.path.length ? issue.path.join('.') : undefined;
    const keys = (issue as { keys?: string[] }).keys;
    if (issue.code === 'unrecognized_keys' && keys) {
      return `${keys
        .map(k => (field ? `${field}.${k}` : k))
        .join(', ')}: unknown field`;
    }
    return `${field ?? where}: ${issue.message}`;
  });
  throw new InputError(`Invalid ${where}: ${problems.join('; ')}`);
}

const entityPathSchema = z.object({
  kind: z.string().min(1).max(63),
  namespace: z.string().min(1).max(63),
  name: z.string().min(1).max(253),
});

/**
 * The entity ref of a `/:kind/:namespace/:name` route, normalised (lower case). What is no
 * entity ref (e.g. a kind of "/") is a 400 naming it, not an error from the catalog later.
 * @internal
 */
export function entityRefFromPath(params: unknown): string {
  const { kind, namespace, name } = parseInput(
    entityPathSchema,
    params,
    'path',
  );
  return parseInput(
    entityQuerySchema,
    { entityRef: `${kind}:${namespace}/${name}` },
    'path',
  ).entityRef;
}

/** @internal */
export const idParamSchema = z.object({
  id: z.string().uuid('must be a UUID'),
});

/** @internal */
export const versionQuerySchema = z
  .object({
    version: queryInteger(1, Number.MAX_SAFE_INTEGER),
  })
  .strict();
