import { z } from 'zod';

/** A decimal integer as a query string carries it: no sign, no leading zeros, no spaces. */
const DECIMAL_INTEGER = /^(0|[1-9][0-9]*)$/;

/**
 * A number in a query string (`?limit=25`), parsed strictly: decimal digits only, within
 * `min`…`max`. `0x10`, `1e2`, `-1`, `+5`, `05`, `5.0`, ` 5` and the empty string are
 * refused (where `Number()` would take most of them); the error is reported under the
 * parameter's name. A number given directly (a typed caller) must be an integer in range.
 * Every router parses its query numbers with this.
 * @public
 */
export function queryInteger(min: number, max: number) {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
    throw new Error(`queryInteger: invalid range ${min}…${max}`);
  }
  return z
    .union([z.string(), z.number()])
    .transform((value, ctx) => {
      if (typeof value === 'number') return value;
      if (!DECIMAL_INTEGER.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be a decimal integer (digits only)',
        });
        return z.NEVER;
      }
      return Number(value);
    })
    .pipe(
      z
        .number()
        .int('must be an integer')
        .min(min, `must be at least ${min}`)
        .max(max, `must be at most ${max}`),
    );
}
