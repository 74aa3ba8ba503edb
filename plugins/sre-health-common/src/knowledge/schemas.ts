import { z } from 'zod';
import { DateSchemaOptions, isoDateTimeSchema } from '../core/dates';
import { entityRefSchema, normalizeEntityRef } from '../core/entityRef';

/** Most shifts one push may carry. @public */
export const MAX_PUSHED_SHIFTS = 500;
/** Most people one what-if may take away. @public */
export const MAX_WHAT_IF_PEOPLE = 20;

/**
 * A push of on-call shifts for one component (`POST /oncall-shifts`). Re-sending a shift
 * (same user and start) replaces its end, so pushes can be retried. A shift has started
 * (`startsAt` is past-facing); the shift under way may end later (`endsAt` is
 * future-facing, at most `maxFutureDays` ahead). The backend builds it with
 * `sreHealth.validation.maxFutureDays`.
 * @public
 */
export function pushOnCallShiftsSchemaWith(options: DateSchemaOptions = {}) {
  const startsAt = isoDateTimeSchema({ ...options, facing: 'past' });
  const endsAt = isoDateTimeSchema({ ...options, facing: 'future' });
  return z
    .object({
      entityRef: entityRefSchema(),
      shifts: z
        .array(
          z
            .object({
              userRef: entityRefSchema({ kinds: ['user'] }),
              startsAt,
              endsAt,
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
}

/** `pushOnCallShiftsSchemaWith` with the default margin (what the frontend uses). @public */
export const pushOnCallShiftsSchema = pushOnCallShiftsSchemaWith();

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
