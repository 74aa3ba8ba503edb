import type { DbTimestamp, VersionedRow } from '../database/tables';

/** A row of `engagement_profiles`; `id` is the engagement's id. @internal */
export interface EngagementProfileRow extends VersionedRow {
  engagement_id: string;
  team_ref: string;
  situation: string | null;
  situation_notes: string;
  summary: string;
  /** JSON array of strings. */
  principles: string;
  /** EngagementFigures JSON. */
  start_figures: string | null;
  updated_by: string;
}

/** @internal */
export interface ChecklistTickRow extends VersionedRow {
  engagement_id: string;
  team_ref: string;
  phase: string;
  item_key: string;
  evidence: string;
  ticked_by: string;
  /** The engagement's phase when ticked; null for ticks older than the column. */
  ticked_in_phase?: string | null;
  /** `postmortem-led`: the postmortem that was led (see postmortems/ledPostmortem.ts). */
  postmortem_id?: string | null;
  postmortem_title?: string | null;
  postmortem_entity_ref?: string | null;
}

/** @internal */
export interface DecisionRow extends VersionedRow {
  engagement_id: string;
  team_ref: string;
  phase: string;
  decision: string;
  reason: string;
  example: string;
  author: string;
}

/** @internal */
export interface KindlingRow extends VersionedRow {
  engagement_id: string;
  team_ref: string;
  title: string;
  explanation: string;
  fixes_kind: string;
  fixes_id: string;
  fixes_label: string;
  fixes_entity_ref: string;
  assignee_ref: string;
  reviewer_ref: string;
  state: string;
  reviewed_by: string | null;
  done_at: DbTimestamp | null;
  author: string;
}

/** @internal */
export interface QuestionRow extends VersionedRow {
  engagement_id: string;
  team_ref: string;
  phase: string;
  question: string;
  asked_to: string;
  answer: string;
  answered_at: DbTimestamp | null;
  author: string;
}

/** @internal */
export interface TransitionRow {
  id: string;
  engagement_id: string;
  team_ref: string;
  from_phase: string;
  to_phase: string;
  reason: string | null;
  /** JSON array of checklist keys. */
  open_items: string;
  actor: string;
  at: DbTimestamp;
  engagement_version: number;
}

/** @internal */
export interface ReportRow {
  engagement_id: string;
  team_ref: string;
  /** AfterActionReport JSON. */
  report: string;
  markdown: string;
  frozen_late: boolean | number;
  generated_by: string;
  generated_at: DbTimestamp;
}
