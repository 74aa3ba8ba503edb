import { z } from 'zod';
import { isoDateSchema } from '../core/dates';
import { ENGAGEMENT_PHASES } from '../phases';
import { entityRefSchema } from '../core/entityRef';
import { LIMITS } from '../schemas';
import { KINDLING_STATES } from './kindling';
import {
  concurrentReasonSchema,
  plannedEndDateSchema,
  refinePlannedEnd,
} from '../engagementPlan';

/*
 * Request bodies of the engagement-record routes. Objects are strict: an unknown field is a
 * 400 naming it, as everywhere in the SRE Health API.
 */

/** Limits of the engagement record's fields. @public */
export const ENGAGEMENT_LIMITS = {
  statement: 1000,
  principles: 20,
} as const;

/** An engagement starts on a day that has come (a past-facing date). */
const startDate = isoDateSchema({ facing: 'past' });

const version = z.number().int().min(1);
const required = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = z.string().max(LIMITS.text);
const workPhase = z.enum(['learn', 'share-context', 'drive-change', 'report']);
const situation = z.enum([
  'small-team-critical-service',
  'new-service',
  'other',
]);

/**
 * `POST /engagements/start`: embed one SRE with a team, its situation sorted and its end
 * planned. An SRE already embedded elsewhere needs `concurrentReason`.
 * @public
 */
export const startEngagementSchema = z
  .object({
    teamRef: entityRefSchema({ kinds: ['group'] }),
    sreRef: entityRefSchema({ kinds: ['user'] }),
    startDate: startDate.optional(),
    plannedEndDate: plannedEndDateSchema,
    concurrentReason: concurrentReasonSchema.optional(),
    goals: optionalText.default(''),
    situation,
    situationNotes: optionalText.default(''),
  })
  .strict()
  .superRefine(refinePlannedEnd);

/**
 * `PUT /engagements/:id/profile`. Without `version` it creates the profile of an engagement
 * that has none (one started through `POST /engagements`).
 * @public
 */
export const updateEngagementProfileSchema = z
  .object({
    version: version.optional(),
    situation: situation.optional(),
    situationNotes: optionalText.optional(),
    summary: optionalText.optional(),
    principles: z
      .array(required(ENGAGEMENT_LIMITS.statement))
      .max(ENGAGEMENT_LIMITS.principles)
      .optional(),
  })
  .strict();

/** `PUT /engagements/:id/checklist/:itemKey`: tick an item with evidence. @public */
export const tickChecklistItemSchema = z
  .object({
    version: version.optional(),
    evidence: required(LIMITS.text),
    /** The postmortem the SRE led: required by `postmortem-led`, refused by the others. */
    postmortemId: z
      .string()
      .uuid('must be the UUID of a postmortem')
      .optional(),
  })
  .strict();

/** @public */
export const createEngagementDecisionSchema = z
  .object({
    phase: workPhase.optional(),
    decision: required(ENGAGEMENT_LIMITS.statement),
    reason: required(LIMITS.text),
    example: required(LIMITS.text),
  })
  .strict();

/** @public */
export const updateEngagementDecisionSchema = z
  .object({
    version,
    phase: workPhase.optional(),
    decision: required(ENGAGEMENT_LIMITS.statement).optional(),
    reason: required(LIMITS.text).optional(),
    example: required(LIMITS.text).optional(),
  })
  .strict();

const kindlingTarget = z
  .object({
    kind: z.enum(['postmortem', 'stressor-flag']),
    id: z.string().uuid('must be the UUID of a postmortem or stressor flag'),
  })
  .strict();

/** @public */
export const createKindlingItemSchema = z
  .object({
    title: required(LIMITS.title),
    explanation: required(LIMITS.text),
    fixes: kindlingTarget,
    assigneeRef: entityRefSchema({ kinds: ['user'] }),
    /** The SRE by default. */
    reviewerRef: entityRefSchema({ kinds: ['user'] }).optional(),
    state: z.enum(KINDLING_STATES as [string, ...string[]]).default('proposed'),
  })
  .strict();

/** @public */
export const updateKindlingItemSchema = z
  .object({
    version,
    title: required(LIMITS.title).optional(),
    explanation: required(LIMITS.text).optional(),
    fixes: kindlingTarget.optional(),
    assigneeRef: entityRefSchema({ kinds: ['user'] }).optional(),
    reviewerRef: entityRefSchema({ kinds: ['user'] }).optional(),
    state: z.enum(KINDLING_STATES as [string, ...string[]]).optional(),
  })
  .strict();

/** @public */
export const createLeadingQuestionSchema = z
  .object({
    phase: workPhase.optional(),
    question: required(ENGAGEMENT_LIMITS.statement),
    askedTo: z.string().trim().max(LIMITS.title).default(''),
    answer: optionalText.default(''),
  })
  .strict();

/** @public */
export const updateLeadingQuestionSchema = z
  .object({
    version,
    question: required(ENGAGEMENT_LIMITS.statement).optional(),
    askedTo: z.string().trim().max(LIMITS.title).optional(),
    answer: optionalText.optional(),
  })
  .strict();

/** `POST /engagements/:id/transition`: move to another phase, or close. @public */
export const transitionEngagementSchema = z
  .object({
    /** The engagement's version, as read. */
    version,
    to: z.enum(ENGAGEMENT_PHASES),
    reason: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(LIMITS.text)
      .optional(),
  })
  .strict();

/** `GET /engagement-records?teamRef=`: a team's engagements. @public */
export const engagementHistoryQuerySchema = z
  .object({ teamRef: entityRefSchema({ kinds: ['group'] }) })
  .strict();

/** @public */
export type StartEngagementRequest = z.input<typeof startEngagementSchema>;
/** @public */
export type UpdateEngagementProfileRequest = z.input<
  typeof updateEngagementProfileSchema
>;
/** @public */
export type TickChecklistItemRequest = z.input<typeof tickChecklistItemSchema>;
/** @public */
export type CreateEngagementDecisionRequest = z.input<
  typeof createEngagementDecisionSchema
>;
/** @public */
export type UpdateEngagementDecisionRequest = z.input<
  typeof updateEngagementDecisionSchema
>;
/** @public */
export type CreateKindlingItemRequest = z.input<
  typeof createKindlingItemSchema
>;
/** @public */
export type UpdateKindlingItemRequest = z.input<
  typeof updateKindlingItemSchema
>;
/** @public */
export type CreateLeadingQuestionRequest = z.input<
  typeof createLeadingQuestionSchema
>;
/** @public */
export type UpdateLeadingQuestionRequest = z.input<
  typeof updateLeadingQuestionSchema
>;
/** @public */
export type TransitionEngagementRequest = z.input<
  typeof transitionEngagementSchema
>;
