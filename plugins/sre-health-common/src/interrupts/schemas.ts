import { z } from 'zod';
import { DateSchemaOptions, isoDateTimeSchema } from '../core/dates';
import { entityRefSchema } from '../core/entityRef';
import { INTERRUPT_CAUSE_CLASSES } from '../opsTime';
import { LIMITS } from '../schemas';

const pastDateTime = isoDateTimeSchema({ facing: 'past' });

/**
 * Alert firings (pages) pushed by an alerting or paging pipeline; idempotent on (alert,
 * start). `endsAt` resolves the page (a later push may add it); `pagedUserRef` says who
 * was paged, when the pusher knows.
 * @public
 */
export const pushAlertFiringsSchema = z
  .object({
    entityRef: entityRefSchema(),
    firings: z
      .array(
        z
          .object({
            alertName: z.string().trim().min(1).max(LIMITS.title),
            startsAt: pastDateTime,
            endsAt: pastDateTime.optional(),
            pagedUserRef: entityRefSchema({ kinds: ['user'] }).optional(),
          })
          .strict()
          .refine(
            f => !f.endsAt || Date.parse(f.endsAt) >= Date.parse(f.startsAt),
            { message: 'must not be before startsAt', path: ['endsAt'] },
          ),
      )
      .min(1)
      .max(1000),
  })
  .strict();

/** The most records one push carries. @public */
export const MAX_PUSHED_OPS_RECORDS = 500;

/**
 * `POST /oncall-interrupts`: interrupts an on-call shift took (count and minutes), for a
 * team, optionally one person, from a week or shift start. Idempotent on (team, user,
 * startsAt, cause): pushing the same record again replaces its figures.
 * @public
 */
export function pushInterruptsSchemaWith(options: DateSchemaOptions = {}) {
  const at = isoDateTimeSchema({ ...options, facing: 'past' });
  return z
    .object({
      teamRef: entityRefSchema({ kinds: ['group'] }),
      interrupts: z
        .array(
          z
            .object({
              userRef: entityRefSchema({ kinds: ['user'] }).optional(),
              /** The week or shift start the record covers. */
              startsAt: at,
              count: z.number().int().min(0).max(10_000),
              minutes: z
                .number()
                .int()
                .min(0)
                .max(7 * 24 * 60),
              cause: z.string().trim().min(1).max(200).optional(),
            })
            .strict(),
        )
        .min(1)
        .max(MAX_PUSHED_OPS_RECORDS),
    })
    .strict();
}

/** @public */
export const pushInterruptsSchema = pushInterruptsSchemaWith();

/** @public */
export type PushInterruptsRequest = z.input<typeof pushInterruptsSchema>;

const causeKey = z.string().trim().min(3).max(300);
const kindlingItemId = z.string().trim().min(1).max(36).nullable();
const causeClass = z.enum(INTERRUPT_CAUSE_CLASSES as [string, ...string[]]);

/**
 * `POST /interrupt-causes`: the SRE sorts a cause once for the team (not each fire one by
 * one), as toil or overhead, and may link the kindling item that should remove it.
 * @public
 */
export const createInterruptCauseSchema = z
  .object({
    teamRef: entityRefSchema({ kinds: ['group'] }),
    causeKey,
    causeClass,
    kindlingItemId: kindlingItemId.optional(),
  })
  .strict();

/** `PATCH /interrupt-causes/:id`, naming the version read. @public */
export const updateInterruptCauseSchema = z
  .object({
    version: z.number().int().min(1),
    causeClass: causeClass.optional(),
    kindlingItemId: kindlingItemId.optional(),
  })
  .strict();

/** @public */
export type CreateInterruptCauseRequest = z.input<
  typeof createInterruptCauseSchema
>;
