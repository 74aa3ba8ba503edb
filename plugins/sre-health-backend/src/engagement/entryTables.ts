import type {
  EngagementDecision,
  KindlingItem,
  KindlingState,
  LeadingQuestion,
  WorkPhase,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { AuditLog } from '../database/AuditLog';
import { versioned } from '../database/mapping';
import { toIsoOrNull } from '../database/tables';
import { RecordTable, RecordTableMapping } from './recordTable';
import type { DecisionRow, KindlingRow, QuestionRow } from './tables';

/*
 * The entries of an engagement's record: what the SRE and the team write down as the work
 * goes (decisions, kindling, leading questions), each a versioned row of the engagement.
 * Their schemas and rules are in entryKinds.ts, one row per kind.
 */

const inWritingOrder: Array<[string, 'asc' | 'desc']> = [
  ['created_at', 'asc'],
  ['id', 'asc'],
];

/** @internal */
export const decisionMapping: RecordTableMapping<
  EngagementDecision,
  DecisionRow
> = {
  resourceType: 'engagement-decision',
  table: 'engagement_decisions',
  orderBy: inWritingOrder,
  toRecord: row => ({
    ...versioned(row),
    engagementId: row.engagement_id,
    teamRef: row.team_ref,
    phase: row.phase as WorkPhase,
    decision: row.decision,
    reason: row.reason,
    example: row.example,
    author: row.author,
  }),
};

/** @internal */
export const kindlingMapping: RecordTableMapping<KindlingItem, KindlingRow> = {
  resourceType: 'engagement-kindling',
  table: 'engagement_kindling',
  orderBy: inWritingOrder,
  toRecord: row => ({
    ...versioned(row),
    engagementId: row.engagement_id,
    teamRef: row.team_ref,
    title: row.title,
    explanation: row.explanation,
    fixes: {
      kind: row.fixes_kind as KindlingItem['fixes']['kind'],
      id: row.fixes_id,
      label: row.fixes_label,
      entityRef: row.fixes_entity_ref,
    },
    assigneeRef: row.assignee_ref,
    reviewerRef: row.reviewer_ref,
    state: row.state as KindlingState,
    reviewedBy: row.reviewed_by,
    doneAt: toIsoOrNull(row.done_at),
    author: row.author,
  }),
};

/** @internal */
export const questionMapping: RecordTableMapping<LeadingQuestion, QuestionRow> =
  {
    resourceType: 'engagement-question',
    table: 'engagement_questions',
    orderBy: inWritingOrder,
    toRecord: row => ({
      ...versioned(row),
      engagementId: row.engagement_id,
      teamRef: row.team_ref,
      phase: row.phase as WorkPhase,
      question: row.question,
      askedTo: row.asked_to,
      answer: row.answer,
      answeredAt: toIsoOrNull(row.answered_at),
      author: row.author,
    }),
  };

/** The entry tables of the record store, by the kind's name (its URL segment). @internal */
export interface EntryTables {
  decisions: RecordTable<EngagementDecision, DecisionRow>;
  kindling: RecordTable<KindlingItem, KindlingRow>;
  questions: RecordTable<LeadingQuestion, QuestionRow>;
}

/** @internal */
export type EntryKindName = keyof EntryTables;

/** @internal */
export function createEntryTables(audit: AuditLog): EntryTables {
  return {
    decisions: new RecordTable(audit, decisionMapping),
    kindling: new RecordTable(audit, kindlingMapping),
    questions: new RecordTable(audit, questionMapping),
  };
}
