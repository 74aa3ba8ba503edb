import type { EngagementPhase } from '../phases';
import type {
  Engagement,
  OpsLoadSample,
  PostmortemLink,
  Versioned,
} from '../types';

/*
 * The record of one embedding engagement beyond its phase: the team's situation, the
 * phase checklists ticked with evidence, the decision log, the kindling cleared, the
 * leading questions asked, every phase change with its reason, and the after-action
 * ("postvitam") report frozen when the engagement closes.
 */

/**
 * How the book sorts a team: a small team on a business-critical service focuses on
 * reliability; a team on a brand-new service prepares for explosive growth.
 * @public
 */
export type EngagementSituation =
  | 'small-team-critical-service'
  | 'new-service'
  | 'other';

/** The phases that have a checklist: every phase but `closed`. @public */
export type WorkPhase = Exclude<EngagementPhase, 'closed'>;

/** The engagement's profile: the team's situation and the SRE's narrative for the report. @public */
export interface EngagementProfile {
  engagementId: string;
  teamRef: string;
  version: number;
  situation: EngagementSituation | null;
  situationNotes: string;
  /** The technical picture of what must change, in the SRE's words (for the report). */
  summary: string;
  /** Principles the team keeps for new situations, in the SRE's words. */
  principles: string[];
  /** The figures when the engagement started, snapshotted by `POST /engagements/start`. */
  startFigures: EngagementFigures | null;
  updatedAt: string;
  updatedBy: string;
}

/** One ticked checklist item with its evidence. @public */
export interface ChecklistTick extends Versioned {
  engagementId: string;
  teamRef: string;
  phase: WorkPhase;
  itemKey: string;
  evidence: string;
  tickedBy: string;
  /**
   * The engagement's phase when the item was ticked (null for ticks older than it). Phases
   * guide, they do not gate: an item ticked before its own phase was ticked early.
   */
  tickedInPhase: EngagementPhase | null;
  /** `postmortem-led`: the postmortem that was led, as it was when ticked (null otherwise). */
  postmortem?: PostmortemLink | null;
}

/** A checklist item as the record shows it: the book's item and, once ticked, the tick. @public */
export interface ChecklistItemState {
  phase: WorkPhase;
  key: string;
  title: string;
  tick: ChecklistTick | null;
}

/** One entry of the decision log: what was decided, why, and a concrete example. @public */
export interface EngagementDecision extends Versioned {
  engagementId: string;
  teamRef: string;
  phase: WorkPhase;
  decision: string;
  reason: string;
  example: string;
  author: string;
}

/** @public */
export type KindlingState = 'proposed' | 'in-progress' | 'in-review' | 'done';

/** What a kindling item fixes for good: a postmortem or a stressor flag. @public */
export interface KindlingTarget {
  kind: 'postmortem' | 'stressor-flag';
  id: string;
  /** The postmortem's title or the flag's stressor and entity, when the item was written. */
  label: string;
  /** The entity the postmortem or flag is about. */
  entityRef: string;
}

/** What kindling of an engagement can fix: its team's postmortems and open flags. @public */
export interface KindlingTargetOptions {
  postmortems: KindlingTarget[];
  flags: KindlingTarget[];
}

/**
 * One useful piece of work a single team member can do that fixes an issue for good,
 * reviewed by the SRE ("clearing the kindling").
 * @public
 */
export interface KindlingItem extends Versioned {
  engagementId: string;
  teamRef: string;
  title: string;
  /** How it fixes the issue for good, explained via the postmortem. */
  explanation: string;
  fixes: KindlingTarget;
  assigneeRef: string;
  reviewerRef: string;
  state: KindlingState;
  /** Who moved it from in-review to done. */
  reviewedBy: string | null;
  doneAt: string | null;
  author: string;
}

/** The book's "repeat for two or three more issues", as a count. @public */
export interface KindlingProgress {
  cleared: number;
  total: number;
  /** One piece of work, then two or three more: 3 to 4 in all. */
  targetMin: number;
  targetMax: number;
  /** e.g. `3 of 3–4 cleared`. */
  label: string;
  reached: boolean;
}

/** A question the SRE asked the team and the team's answer. @public */
export interface LeadingQuestion extends Versioned {
  engagementId: string;
  teamRef: string;
  phase: WorkPhase;
  question: string;
  /** Who was asked (a person or a group, free text or an entity ref). */
  askedTo: string;
  answer: string;
  answeredAt: string | null;
  author: string;
}

/** One phase change, with the reason when the rules ask for one. @public */
export interface PhaseTransition {
  id: string;
  engagementId: string;
  teamRef: string;
  from: EngagementPhase;
  to: EngagementPhase;
  reason: string | null;
  /** Checklist items of the phases left behind that were not ticked. */
  openItems: string[];
  actor: string;
  at: string;
  /** The engagement's version after the change. */
  engagementVersion: number;
  /** Made through the generic `PATCH /engagements/:id`, which takes no reason. */
  viaGenericUpdate?: boolean;
}

/** @public */
export type TimelineEventKind =
  | 'started'
  | 'phase'
  | 'checklist'
  | 'decision'
  | 'kindling'
  | 'question'
  | 'exemption'
  | 'closed';

/** One event of an engagement's timeline. @public */
export interface TimelineEvent {
  at: string;
  kind: TimelineEventKind;
  phase: EngagementPhase;
  title: string;
  detail?: string;
  actor?: string;
}

/** A team's ops share over a few weeks. @public */
export interface OpsFigure {
  /** Hours-weighted ops share of the weeks counted, 0..1; null without samples. */
  opsShare: number | null;
  weeks: Array<{ weekStart: string; opsShare: number | null }>;
  /** Weeks counted above the 50% cap. */
  weeksOverCap: number;
}

/** One open stressor flag in a snapshot. @public */
export interface StressorFigure {
  entityRef: string;
  stressorKey: string;
  stressLevel: number;
  evidence: string;
}

/** One SLO in a snapshot. @public */
export interface SloFigure {
  entityRef: string;
  name: string;
  displayName: string;
  target: number;
  sli: number | null;
  /** Share of the error budget left: 1 untouched, 0 spent, negative overspent. */
  budgetRemaining: number | null;
  status: string;
}

/**
 * The quantitative picture of a team at one moment: ops share, open stressors on the
 * services it owns, and their SLOs and error budgets.
 * @public
 */
export interface EngagementFigures {
  at: string;
  /** `snapshot` when taken at the time; `history` when derived later from stored data. */
  source: 'snapshot' | 'history';
  services: string[];
  ops: OpsFigure;
  stressors: {
    open: number;
    /** Open flags, largest stress level first. */
    flags: StressorFigure[];
  };
  /** Null when they could not be known (derived from history: SLO status is not replayed). */
  slos: SloFigure[] | null;
}

/** Everything the portal shows about one engagement, in one response. @public */
export interface EngagementRecord {
  engagement: Engagement;
  profile: EngagementProfile | null;
  checklist: ChecklistItemState[];
  decisions: EngagementDecision[];
  kindling: KindlingItem[];
  kindlingProgress: KindlingProgress;
  questions: LeadingQuestion[];
  transitions: PhaseTransition[];
  timeline: TimelineEvent[];
  /** The team's weekly ops-load samples, oldest first: before, during and after. */
  opsLoad: OpsLoadSample[];
  /** Present once the engagement is closed. */
  report: { generatedAt: string; frozen: true } | null;
}

/** One engagement of a team's history. @public */
export interface EngagementSummary {
  engagement: Engagement;
  situation: EngagementSituation | null;
  kindlingProgress: KindlingProgress;
  decisions: number;
  hasReport: boolean;
}

/** One phase in the after-action report. @public */
export interface ReportPhase {
  phase: WorkPhase;
  title: string;
  checklist: Array<{
    key: string;
    title: string;
    done: boolean;
    evidence: string | null;
    /** The phase the engagement was in when an item of a later phase was ticked early. */
    tickedEarlyIn?: EngagementPhase;
    /** `postmortem-led`: the postmortem that was led. */
    postmortem?: PostmortemLink;
  }>;
  decisions: Array<{ decision: string; reason: string; example: string }>;
  questions: Array<{ question: string; askedTo: string; answer: string }>;
  /** Why the SRE moved on with open items, when they did. */
  movedOn: Array<{ to: EngagementPhase; reason: string; openItems: string[] }>;
}

/** The after-action ("postvitam") report of an engagement. @public */
export interface AfterActionReport {
  engagementId: string;
  teamRef: string;
  sreRef: string;
  startDate: string;
  endDate: string | null;
  /** When the engagement was planned to end (absent from reports frozen before it was kept). */
  plannedEndDate?: string | null;
  /** The end against the plan, in one sentence. */
  schedule?: string;
  goals: string;
  situation: EngagementSituation | null;
  situationFocus: string | null;
  situationNotes: string;
  /** The technical, quantitative picture: start against end. */
  problem: {
    summary: string;
    start: EngagementFigures | null;
    end: EngagementFigures;
    /** Weeks above the cap between start and end. */
    weeksOverCapDuring: number;
    weeksDuring: number;
    /**
     * The ops figure of the weeks between start and end: the table's "During" row and the
     * source of the two counts above (absent from reports frozen before it was kept).
     */
    during?: OpsFigure;
    resolvedStressors: StressorFigure[];
    /**
     * Open at the end, not at the start: found during the engagement. Naming the team's
     * stressors is phase 1's job, so these are discoveries, not regressions.
     */
    newStressors: StressorFigure[];
    statements: string[];
  };
  phases: ReportPhase[];
  kindling: {
    progress: KindlingProgress;
    cleared: Array<{
      title: string;
      explanation: string;
      fixes: KindlingTarget;
      assigneeRef: string;
      reviewerRef: string;
      doneAt: string | null;
      /** The interrupt ledger's evidence: the linked causes' interrupts before and after. */
      interrupts?: string[];
    }>;
  };
  remains: {
    kindling: Array<{
      title: string;
      state: KindlingState;
      assigneeRef: string;
    }>;
    stressors: StressorFigure[];
    checklist: Array<{ phase: WorkPhase; title: string }>;
  };
  principles: {
    team: string[];
    book: Array<{ principle: string; logic: string }>;
  };
  generatedAt: string;
  generatedBy: string;
}

/** The report as the API returns it. @public */
export interface AfterActionReportDocument {
  /** True once the engagement is closed: the report no longer changes. */
  frozen: boolean;
  /** Frozen at the first read after a close through the generic PATCH route. */
  frozenLate?: boolean;
  report: AfterActionReport;
  markdown: string;
}
