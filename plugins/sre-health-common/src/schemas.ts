import { z } from 'zod';
import { entityRefSchema } from './core/entityRef';
import { CUSTOM_STRESSOR_PATTERN, isStressorKey } from './stressors';
import { ACTION_ITEM_CLASSES, ACTION_ITEM_STATES } from './actionItems';
import { FIRE_KINDS, FLAG_STATUSES } from './types';
import { EXPERTISE_LEVELS } from './knowledge/types';
import {
  concurrentReasonSchema,
  plannedEndDateSchema,
  refinePlannedEnd,
} from './engagementPlan';
import {
  DateSchemaOptions,
  isoDateSchema,
  isoDateTimeSchema,
  weekStartSchema,
} from './core/dates';

/*
 * Request bodies of the SRE Health API. One place for every input rule: the backend
 * rejects what fails here with 400 naming the field, and the frontend reuses the same
 * limits in its forms. Objects are strict, so an unknown field is an error, not ignored.
 */

/** @public */
export const LIMITS = {
  title: 200,
  text: 4000,
  actionItem: 1000,
  actionItems: 50,
  contributingFactors: 20,
  hoursPerWeek: 168,
} as const;

/*
 * Dates follow the one rule of ./dates: ISO 8601 that round-trips, 1970 or later.
 * Past-facing facts (something that happened) are not in the future beyond the clock
 * skew; future-facing plans (due dates) at most `maxFutureDays` ahead.
 */
const pastDate = isoDateSchema({ facing: 'past' });
const pastDateTime = isoDateTimeSchema({ facing: 'past' });

const title = z.string().trim().min(1).max(LIMITS.title);
const text = z.string().max(LIMITS.text);
const version = z.number().int().min(1);

/** @public */
export const stressorKeySchema = z
  .string()
  .max(64)
  .refine(
    key => isStressorKey(key) || CUSTOM_STRESSOR_PATTERN.test(key),
    'must be one of the eight stressor keys or custom:<kebab-case-name>',
  );

/** @public */
export const stressLevelSchema = z.number().int().min(1).max(5);

/** The longest exemption, in days from today: an exemption is revisited within a year. @public */
export const MAX_EXEMPTION_DAYS = 366;

/**
 * The last day of a flag's exemption (YYYY-MM-DD, UTC): today at the earliest, at most
 * MAX_EXEMPTION_DAYS ahead. The flag is exempt through that day.
 * @public
 */
export const exemptUntilSchema = isoDateSchema({
  facing: 'future',
  maxFutureDays: MAX_EXEMPTION_DAYS,
}).refine(
  day => day >= new Date().toISOString().slice(0, 10),
  'must be today or later',
);

/** @public */
export const createStressorFlagSchema = z
  .object({
    entityRef: entityRefSchema(),
    stressorKey: stressorKeySchema,
    stressLevel: stressLevelSchema,
    evidence: text.default(''),
    status: z.enum(['open', 'mitigating', 'resolved']).default('open'),
  })
  .strict();

/** @public */
export const updateStressorFlagSchema = z
  .object({
    version,
    /** A new level is the editor's rating of the flag, as through `rateStressorFlagSchema`. */
    stressLevel: stressLevelSchema.optional(),
    evidence: text.optional(),
    status: z.enum(FLAG_STATUSES as [string, ...string[]]).optional(),
    /** Confirm a detected flag: the SRE agrees it is kindling. */
    confirm: z.literal(true).optional(),
    /** Why a detected flag is dismissed; required with status `dismissed`. */
    dismissedReason: z.string().trim().min(1).max(LIMITS.text).optional(),
    /** The exemption's last day; required with status `exempt` (see exemptUntilSchema). */
    exemptUntil: exemptUntilSchema.optional(),
    /** Why the flag is exempt; required with status `exempt`. */
    exemptReason: z.string().trim().min(1).max(LIMITS.text).optional(),
  })
  .strict()
  .refine(u => u.status !== 'dismissed' || u.dismissedReason !== undefined, {
    message: 'dismissing a flag needs a reason',
    path: ['dismissedReason'],
  })
  .refine(u => u.status !== 'exempt' || u.exemptUntil !== undefined, {
    message: 'exempting a flag needs the date it ends (exemptUntil)',
    path: ['exemptUntil'],
  })
  .refine(u => u.status !== 'exempt' || u.exemptReason !== undefined, {
    message: 'exempting a flag needs a justification',
    path: ['exemptReason'],
  });

/**
 * The team's rating of a flag's stress level (`PUT /stressor-flags/:id/rating`): any member
 * of the owning team or an SRE; it becomes the level that counts.
 * @public
 */
export const rateStressorFlagSchema = z
  .object({ version, level: stressLevelSchema })
  .strict();

/** @public */
export const createEngagementSchema = z
  .object({
    teamRef: entityRefSchema({ kinds: ['group'] }),
    sreRef: entityRefSchema({ kinds: ['user'] }),
    startDate: pastDate.optional(),
    /** When the embedding is planned to end; after the start (today by default). */
    plannedEndDate: plannedEndDateSchema,
    /** Needed when the SRE is already embedded with another team: why both at once. */
    concurrentReason: concurrentReasonSchema.optional(),
    goals: text.default(''),
  })
  .strict()
  .superRefine(refinePlannedEnd);

/**
 * Edits of an engagement's goals and planned end. Phase changes go through
 * `POST /engagements/:id/transition`, which applies the checklist and reason rules,
 * notifies the team and freezes the report on close.
 * @public
 */
export const updateEngagementSchema = z
  .object({
    version,
    goals: text.optional(),
    plannedEndDate: plannedEndDateSchema.optional(),
  })
  .strict();

/**
 * The postmortem bodies. Each action item may name its owner (a person or a team), its
 * state and its due date, a future-facing date at most `maxFutureDays` ahead (the backend
 * builds them with `sreHealth.validation.maxFutureDays`); a past due date is allowed, since
 * an item left open past it is exactly what the stressor counts.
 * @public
 */
export function postmortemSchemasWith(options: DateSchemaOptions = {}) {
  const actionItems = z
    .array(
      z
        .object({
          text: z.string().trim().min(1).max(LIMITS.actionItem),
          /** An SRE's correction of the classifier. */
          correctedClass: z.enum(ACTION_ITEM_CLASSES).optional(),
          owner: entityRefSchema({ kinds: ['user', 'group'] }).optional(),
          state: z.enum(ACTION_ITEM_STATES).optional(),
          dueDate: isoDateSchema({ ...options, facing: 'future' }).optional(),
        })
        .strict(),
    )
    .max(LIMITS.actionItems);
  const contributingFactors = z
    .array(z.string().trim().min(1).max(LIMITS.actionItem))
    .max(LIMITS.contributingFactors);
  return {
    create: z
      .object({
        entityRef: entityRefSchema(),
        title,
        occurredAt: pastDateTime,
        impact: text.default(''),
        contributingFactors: contributingFactors.default([]),
        actionItems: actionItems.default([]),
      })
      .strict(),
    update: z
      .object({
        version,
        title: title.optional(),
        occurredAt: pastDateTime.optional(),
        impact: text.optional(),
        contributingFactors: contributingFactors.optional(),
        actionItems: actionItems.optional(),
      })
      .strict(),
  };
}

const defaultPostmortemSchemas = postmortemSchemasWith();

/** @public */
export const createPostmortemSchema = defaultPostmortemSchemas.create;

/** @public */
export const updatePostmortemSchema = defaultPostmortemSchemas.update;

/** Time spent on one fire: whole minutes, at most a week. */
const timeSpentMinutes = z
  .number()
  .int()
  .min(0)
  .max(7 * 24 * 60);

/** @public */
export const createFireSchema = z
  .object({
    entityRef: entityRefSchema(),
    title,
    occurredAt: pastDateTime,
    kind: z.enum(FIRE_KINDS as [string, ...string[]]).default('unsorted'),
    rationale: text.default(''),
    timeSpentMinutes: timeSpentMinutes.optional(),
  })
  .strict();

/** @public */
export const updateFireSchema = z
  .object({
    version,
    title: title.optional(),
    occurredAt: pastDateTime.optional(),
    kind: z.enum(FIRE_KINDS as [string, ...string[]]).optional(),
    rationale: text.optional(),
    // null clears a recorded time
    timeSpentMinutes: timeSpentMinutes.nullable().optional(),
  })
  .strict();

const hours = z.number().finite().min(0).max(LIMITS.hoursPerWeek);

/** @public */
export const createOpsLoadSampleSchema = z
  .object({
    teamRef: entityRefSchema({ kinds: ['group'] }),
    weekStart: weekStartSchema(),
    opsHours: hours,
    projectHours: hours,
  })
  .strict();

/** @public */
export const updateOpsLoadSampleSchema = z
  .object({
    version,
    opsHours: hours.optional(),
    projectHours: hours.optional(),
  })
  .strict();

/** @public */
export const createExpertiseSchema = z
  .object({
    entityRef: entityRefSchema(),
    userRef: entityRefSchema({ kinds: ['user'] }),
    level: z.enum(EXPERTISE_LEVELS as [string, ...string[]]),
  })
  .strict();

/** @public */
export const updateExpertiseSchema = z
  .object({ version, level: z.enum(EXPERTISE_LEVELS as [string, ...string[]]) })
  .strict();

/** An SLO created through the API: one OpenSLO v1 `SLO` document with an inline indicator. @public */
export const createSloDefinitionSchema = z
  .object({
    entityRef: entityRefSchema(),
    /** The OpenSLO `SLO` document, as an object or as YAML/JSON text (what an SRE pastes). */
    document: z.union([
      z.record(z.string(), z.unknown()),
      z.string().min(1).max(100_000),
    ]),
  })
  .strict();

/** @public */
export const updateSloDefinitionSchema = z
  .object({
    version,
    document: z.union([
      z.record(z.string(), z.unknown()),
      z.string().min(1).max(100_000),
    ]),
  })
  .strict();

/** Most buckets one push may carry: a day of minutes. @public */
export const MAX_PUSHED_BUCKETS = 1440;

/** Good/total events of one SLO per minute, pushed by a service or an SRE. @public */
export const pushSloEventsSchema = z
  .object({
    entityRef: entityRefSchema(),
    slo: z.string().min(1).max(128),
    buckets: z
      .array(
        z
          .object({
            start: pastDateTime.refine(
              v => Date.parse(v) % 60_000 === 0,
              'must start on a whole minute',
            ),
            good: z.number().int().min(0),
            total: z.number().int().min(0),
          })
          .strict()
          .refine(b => b.good <= b.total, {
            message: 'good must not exceed total',
            path: ['good'],
          }),
      )
      .min(1)
      .max(MAX_PUSHED_BUCKETS),
  })
  .strict();

/** @public */
export type PushSloEventsRequest = z.input<typeof pushSloEventsSchema>;
/** @public */
export type CreateSloDefinitionRequest = z.input<
  typeof createSloDefinitionSchema
>;

/**
 * The deferred-problem bodies, their due date (future-facing) at most `maxFutureDays`
 * ahead. The backend builds them with `sreHealth.validation.maxFutureDays`.
 * @public
 */
export function deferredProblemSchemasWith(options: DateSchemaOptions = {}) {
  const dueDate = isoDateSchema({ ...options, facing: 'future' });
  return {
    create: z
      .object({
        entityRef: entityRefSchema(),
        title,
        deferredUntil: z.string().trim().min(1).max(LIMITS.title),
        dueDate: dueDate.optional(),
        status: z.enum(['open', 'closed']).default('open'),
      })
      .strict(),
    update: z
      .object({
        version,
        title: title.optional(),
        deferredUntil: z.string().trim().min(1).max(LIMITS.title).optional(),
        dueDate: dueDate.nullable().optional(),
        status: z.enum(['open', 'closed']).optional(),
      })
      .strict(),
  };
}

const defaultDeferredProblemSchemas = deferredProblemSchemasWith();

/** A problem the team deferred to a future release ("the next big thing"). @public */
export const createDeferredProblemSchema = defaultDeferredProblemSchemas.create;

/** @public */
export const updateDeferredProblemSchema = defaultDeferredProblemSchemas.update;

/** A customer complaint about a service. @public */
export const createComplaintSchema = z
  .object({
    entityRef: entityRefSchema(),
    receivedAt: pastDateTime,
    summary: z.string().trim().min(1).max(LIMITS.text),
    source: z.string().trim().max(LIMITS.title).default(''),
  })
  .strict();

/** @public */
export const updateComplaintSchema = z
  .object({
    version,
    summary: z.string().trim().min(1).max(LIMITS.text).optional(),
    source: z.string().max(LIMITS.title).optional(),
  })
  .strict();

/** Rendered as a link, so only http(s): a `javascript:` URL would run in the reader's browser. */
const runbookUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2048)
  .or(z.literal(''));

/** What is known about an alert: diagnosis, runbook, owner. @public */
export const createAlertDiagnosisSchema = z
  .object({
    entityRef: entityRefSchema(),
    alertName: z.string().trim().min(1).max(LIMITS.title),
    diagnosis: text.default(''),
    runbookUrl: runbookUrl.default(''),
    ownerRef: z.union([entityRefSchema(), z.literal('')]).default(''),
  })
  .strict();

/** @public */
export const updateAlertDiagnosisSchema = z
  .object({
    version,
    diagnosis: text.optional(),
    runbookUrl: runbookUrl.optional(),
    ownerRef: z.union([entityRefSchema(), z.literal('')]).optional(),
  })
  .strict();

/** A postmortem written in Markdown: `# title`, `Date:`, `## Impact`, `## Action items` list. @public */
export const importPostmortemSchema = z
  .object({
    entityRef: entityRefSchema(),
    markdown: z.string().min(1).max(50_000),
  })
  .strict();

/** Query of list routes that take an entity. @public */
export const entityQuerySchema = z
  .object({ entityRef: entityRefSchema() })
  .strict();

/** @public */
export type CreateStressorFlagRequest = z.input<
  typeof createStressorFlagSchema
>;
/** @public */
export type UpdateStressorFlagRequest = z.input<
  typeof updateStressorFlagSchema
>;
/** @public */
export type RateStressorFlagRequest = z.input<typeof rateStressorFlagSchema>;
/** @public */
export type CreateEngagementRequest = z.input<typeof createEngagementSchema>;
/** @public */
export type UpdateEngagementRequest = z.input<typeof updateEngagementSchema>;
/** @public */
export type CreatePostmortemRequest = z.input<typeof createPostmortemSchema>;
/** @public */
export type UpdatePostmortemRequest = z.input<typeof updatePostmortemSchema>;
/** @public */
export type CreateFireRequest = z.input<typeof createFireSchema>;
/** @public */
export type UpdateFireRequest = z.input<typeof updateFireSchema>;
/** @public */
export type CreateOpsLoadSampleRequest = z.input<
  typeof createOpsLoadSampleSchema
>;
/** @public */
export type UpdateOpsLoadSampleRequest = z.input<
  typeof updateOpsLoadSampleSchema
>;
/** @public */
export type CreateExpertiseRequest = z.input<typeof createExpertiseSchema>;
/** @public */
export type UpdateExpertiseRequest = z.input<typeof updateExpertiseSchema>;
/** @public */
export type CreateDeferredProblemRequest = z.input<
  typeof createDeferredProblemSchema
>;
/** @public */
export type UpdateDeferredProblemRequest = z.input<
  typeof updateDeferredProblemSchema
>;
/** @public */
export type CreateComplaintRequest = z.input<typeof createComplaintSchema>;
/** @public */
export type CreateAlertDiagnosisRequest = z.input<
  typeof createAlertDiagnosisSchema
>;
/** @public */
export type UpdateAlertDiagnosisRequest = z.input<
  typeof updateAlertDiagnosisSchema
>;
