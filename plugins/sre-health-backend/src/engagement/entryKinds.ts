import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  Engagement,
  KindlingState,
  KindlingTarget,
  createEngagementDecisionSchema,
  createKindlingItemSchema,
  createLeadingQuestionSchema,
  kindlingStateProblem,
  updateEngagementDecisionSchema,
  updateKindlingItemSchema,
  updateLeadingQuestionSchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { z } from 'zod';
import type { Access } from '../http/access';
import type { SreHealthStore } from '../store';
import {
  EntryKindName,
  EntryTables,
  decisionMapping,
  kindlingMapping,
  questionMapping,
} from './entryTables';
import { resolveKindlingRefs } from './kindling';
import { phaseFor } from './phaseRules';
import type { RecordTableMapping } from './recordTable';

/*
 * The kinds of entry an engagement's record holds, one row each: request schemas, row
 * mapping and rules. EngagementEntryService and the routes serve every kind through one
 * path, so a new kind is a new row here (and its table in entryTables.ts).
 */

/**
 * What an entry kind's checks may read before the write: the catalog and the store.
 * @internal
 */
export interface EntryCheckContext {
  engagement: Engagement;
  credentials: BackstageCredentials;
  access: Access;
  store: SreHealthStore;
}

/**
 * One write, inside its transaction: `engagement` as read (and locked) there.
 * @internal
 */
export interface EntryWrite<TInput, TChecked> {
  input: TInput;
  checked: TChecked;
  engagement: Engagement;
  actor: string;
  now: Date;
}

/** @internal */
export interface EntryKind<
  TRecord,
  TCreate extends z.ZodTypeAny,
  TUpdate extends z.ZodTypeAny,
  TChecked = void,
> {
  mapping: RecordTableMapping<TRecord, any>;
  schemas: { create: TCreate; update: TUpdate };
  /**
   * Checks that read the catalog, run before the write's transaction (which must not wait
   * on the network); what they resolve is handed to the write as `checked`.
   */
  check?(
    input: z.output<TCreate> | z.output<TUpdate>,
    context: EntryCheckContext,
    mode: 'create' | 'update',
  ): Promise<TChecked>;
  /** The new row's columns; throws a 400 for a rule the input breaks. */
  create(
    write: EntryWrite<z.output<TCreate>, TChecked>,
  ): Record<string, unknown>;
  /**
   * Checks the request against the engagement, then returns the columns to change given
   * the current entry (run after its version is checked).
   */
  update(
    write: EntryWrite<z.output<TUpdate>, TChecked>,
  ): (current: TRecord) => Record<string, unknown>;
}

/** Infers a row's types from its schemas. */
function entryKind<
  TRecord,
  TCreate extends z.ZodTypeAny,
  TUpdate extends z.ZodTypeAny,
  TChecked = void,
>(kind: EntryKind<TRecord, TCreate, TUpdate, TChecked>) {
  return kind;
}

/** `kind:name` or `kind:namespace/name`, with no spaces: text written as an entity ref. */
const LOOKS_LIKE_A_REF = /^[a-z][\w-]*:\S+$/i;

/** Only the entries that are set. */
function pickDefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  );
}

function fixesColumns(fixes: KindlingTarget) {
  return {
    fixes_kind: fixes.kind,
    fixes_id: fixes.id,
    fixes_label: fixes.label,
    fixes_entity_ref: fixes.entityRef,
  };
}

const decisions = entryKind({
  mapping: decisionMapping,
  schemas: {
    create: createEngagementDecisionSchema,
    update: updateEngagementDecisionSchema,
  },
  create: ({ input, engagement, actor }) => ({
    phase: phaseFor(engagement, input.phase),
    decision: input.decision,
    reason: input.reason,
    example: input.example,
    author: actor,
  }),
  update:
    ({ input: { version, ...changes } }) =>
    () =>
      pickDefined(changes),
});

const questions = entryKind({
  mapping: questionMapping,
  schemas: {
    create: createLeadingQuestionSchema,
    update: updateLeadingQuestionSchema,
  },
  /**
   * `askedTo` is free text ("the on-call", a name), but what is written as an entity ref
   * must name a person or team of the catalog, like every other ref field.
   */
  check: async ({ askedTo }, { access, credentials }) => {
    if (askedTo && LOOKS_LIKE_A_REF.test(askedTo)) {
      await access.resolveRef({ ref: askedTo, field: 'askedTo' }, credentials, [
        'User',
        'Group',
      ]);
    }
  },
  create: ({ input, engagement, actor, now }) => ({
    phase: phaseFor(engagement, input.phase),
    question: input.question,
    asked_to: input.askedTo,
    answer: input.answer,
    answered_at: input.answer ? now : null,
    author: actor,
  }),
  update:
    ({ input, now }) =>
    current => ({
      ...pickDefined({ question: input.question, asked_to: input.askedTo }),
      // answered when the answer changes; cleared with it
      ...(input.answer !== undefined && input.answer !== current.answer
        ? { answer: input.answer, answered_at: input.answer ? now : null }
        : {}),
    }),
});

const kindling = entryKind({
  mapping: kindlingMapping,
  schemas: {
    create: createKindlingItemSchema,
    update: updateKindlingItemSchema,
  },
  check: async (input, { engagement, ...context }, mode) => {
    if (mode === 'create') {
      const problem = kindlingStateProblem(
        'proposed',
        input.state as KindlingState,
      );
      if (problem) throw new InputError(`state: ${problem}`);
    }
    return resolveKindlingRefs(
      context,
      input,
      engagement.teamRef,
      context.credentials,
    );
  },
  create: ({ input, checked, engagement, actor }) => ({
    title: input.title,
    explanation: input.explanation,
    ...fixesColumns(checked.fixes!),
    assignee_ref: input.assigneeRef,
    reviewer_ref: input.reviewerRef ?? engagement.sreRef,
    state: input.state,
    reviewed_by: null,
    done_at: null,
    author: actor,
  }),
  update:
    ({ input, checked, actor, now }) =>
    item => {
      const state = input.state as KindlingState | undefined;
      if (state) {
        const problem = kindlingStateProblem(item.state, state);
        if (problem) throw new InputError(`state: ${problem}`);
      }
      return {
        ...pickDefined({
          title: input.title,
          explanation: input.explanation,
          assignee_ref: input.assigneeRef,
          reviewer_ref: input.reviewerRef,
        }),
        ...(checked.fixes ? fixesColumns(checked.fixes) : {}),
        // done (and reviewed) when it moves to done; neither when it moves away
        ...(state && state !== item.state
          ? {
              state,
              done_at: state === 'done' ? now : null,
              reviewed_by: state === 'done' ? actor : null,
            }
          : {}),
      };
    },
});

/**
 * Every entry kind, by its name: its URL segment and its table on the record store.
 * @internal
 */
export const ENTRY_KINDS = { decisions, kindling, questions } satisfies {
  [K in EntryKindName]: EntryKind<
    Awaited<ReturnType<EntryTables[K]['create']>>,
    any,
    any,
    any
  >;
};

/** An entry kind of any type, for code that serves every kind alike. @internal */
export type AnyEntryKind = EntryKind<any, any, any, any>;

/** @internal */
export const ENTRY_KIND_NAMES = Object.keys(ENTRY_KINDS) as EntryKindName[];

type KindOf<K extends EntryKindName> = (typeof ENTRY_KINDS)[K];
/** @internal */
export type EntryCreateInput<K extends EntryKindName> = z.output<
  KindOf<K>['schemas']['create']
>;
/** @internal */
export type EntryUpdateInput<K extends EntryKindName> = z.output<
  KindOf<K>['schemas']['update']
>;
/** @internal */
export type EntryRecord<K extends EntryKindName> = Awaited<
  ReturnType<EntryTables[K]['create']>
>;
