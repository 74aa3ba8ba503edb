import { z } from 'zod';
import { normalizeEntityRef } from '../schemas';

/** Most shifts one push may carry. @public */
export const MAX_PUSHED_SHIFTS = 500;
/** Most people one what-if may take away. @public */
export const MAX_WHAT_IF_PEOPLE = 20;

const ref = (kind?: string) =>
  z
    .string()
    .max(255)
    .transform((value, ctx) => {
      try {
        return normalizeEntityRef(value, kind);
      } catch (e) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a ${kind ?? 'catalog'} entity ref like ${
            kind ?? 'component'
          }:default/name (${(e as Error).message})`,
        });
        return z.NEVER;
      }
    });

const dateTime = z
  .string()
  .max(40)
  .refine(v => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date-time')
  .transform(v => new Date(v).toISOString());

/**
 * A push of on-call shifts for one component (`POST /oncall-shifts`). Re-sending a shift
 * (same user and start) replaces its end, so pushes can be retried.
 * @public
 */
export const pushOnCallShiftsSchema = z
  .object({
    entityRef: ref(),
    shifts: z
      .array(
        z
          .object({
            userRef: ref('user'),
            startsAt: dateTime,
            endsAt: dateTime,
          })
          .strict()
          .refine(s => Date.parse(s.endsAt) > Date.parse(s.startsAt), {
            message: 'must be after startsAt',
            path: ['endsAt'],
          }),
      )
      .min(1)
      .max(MAX_PUSHED_SHIFTS),
  })
  .strict();

/** @public */
export type PushOnCallShiftsRequest = z.input<typeof pushOnCallShiftsSchema>;

/**
 * People a what-if takes away: user refs (normalised) or, for git identities outside the
 * catalog, the `Name <email>` the truck factor names them by.
 * @public
 */
export const whatIfPersonSchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .transform(value => {
    if (!/^user:/i.test(value)) return value;
    try {
      return normalizeEntityRef(value, 'user');
    } catch {
      return value;
    }
  });
