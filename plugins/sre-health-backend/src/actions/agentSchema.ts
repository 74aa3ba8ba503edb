import { z as zod } from 'zod';
import { z } from 'zod/v3';

/*
 * The Actions Registry takes zod v3 schemas (it lists them as JSON Schema); SRE Health's
 * request schemas are zod 4, in -common. So an action's input schema is derived from the
 * route's own schema through its JSON Schema: the same fields, types, enums, limits and
 * defaults, with descriptions for an agent. What JSON Schema cannot say (a real calendar
 * date, a known stressor key, trimming) the action applies by parsing its input with the
 * route's schema again, so the rules stay in one place.
 */

/** The JSON Schema that zod 4 writes for a request schema (the part we read). */
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  description?: string;
}

/**
 * The registry's (zod v3) input schema of a route's request schema, each field described
 * for an agent; `extra` adds fields the action takes besides the route's body (e.g. the
 * team whose engagement a decision belongs to).
 * @internal
 */
export function agentInputSchema(
  routeSchema: zod.ZodType,
  descriptions: Record<string, string>,
  extra: Record<string, z.ZodTypeAny> = {},
): z.AnyZodObject {
  const json = zod.toJSONSchema(routeSchema, {
    io: 'input',
    unrepresentable: 'throw',
  }) as JsonSchema;
  if (json.type !== 'object' || !json.properties) {
    throw new Error('an action input must be an object schema');
  }
  const required = new Set(json.required ?? []);
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const [key, property] of Object.entries(json.properties)) {
    let field = toZod(property);
    if (descriptions[key]) field = field.describe(descriptions[key]);
    shape[key] =
      required.has(key) || property.default !== undefined
        ? field
        : field.optional();
  }
  const object = z.object({ ...extra, ...shape });
  return json.additionalProperties === false ? object.strict() : object;
}

/** One property, as strict as its JSON Schema: a relaxation of the route's schema. */
function toZod(s: JsonSchema): z.ZodTypeAny {
  const typed = toZodType(s);
  return s.default !== undefined ? typed.default(s.default) : typed;
}

function toZodType(s: JsonSchema): z.ZodTypeAny {
  if (s.anyOf) {
    const nonNull = s.anyOf.filter(o => o.type !== 'null');
    const inner =
      nonNull.length === 1
        ? toZod(nonNull[0])
        : z.union(nonNull.map(toZod) as [z.ZodTypeAny, z.ZodTypeAny]);
    return nonNull.length < s.anyOf.length ? inner.nullable() : inner;
  }
  if (s.const !== undefined) return z.literal(s.const as z.Primitive);
  if (s.enum) {
    return s.enum.every(v => typeof v === 'string')
      ? z.enum(s.enum as [string, ...string[]])
      : z.union(
          s.enum.map(v => z.literal(v as z.Primitive)) as unknown as [
            z.ZodTypeAny,
            z.ZodTypeAny,
          ],
        );
  }
  switch (s.type) {
    case 'string': {
      let str = z.string();
      if (s.minLength !== undefined) str = str.min(s.minLength);
      if (s.maxLength !== undefined) str = str.max(s.maxLength);
      if (s.pattern !== undefined) str = str.regex(new RegExp(s.pattern));
      return str;
    }
    case 'integer':
    case 'number': {
      let num = s.type === 'integer' ? z.number().int() : z.number();
      if (s.minimum !== undefined) num = num.min(s.minimum);
      if (s.maximum !== undefined) num = num.max(s.maximum);
      return num;
    }
    case 'boolean':
      return z.boolean();
    case 'array': {
      let arr = z.array(s.items ? toZod(s.items) : z.unknown());
      if (s.minItems !== undefined) arr = arr.min(s.minItems);
      if (s.maxItems !== undefined) arr = arr.max(s.maxItems);
      return arr;
    }
    case 'object': {
      const required = new Set(s.required ?? []);
      const shape = Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([key, p]) => [
          key,
          required.has(key) ? toZod(p) : toZod(p).optional(),
        ]),
      );
      const object = z.object(shape);
      return s.additionalProperties === false ? object.strict() : object;
    }
    default:
      throw new Error(
        `an action input cannot describe JSON Schema ${JSON.stringify(s)}`,
      );
  }
}
