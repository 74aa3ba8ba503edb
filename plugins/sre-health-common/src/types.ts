import type { EngagementPhase } from './phases';
import type { ExpertiseLevel, KnowledgeSiloSummary } from './knowledge/types';
import type { ActionItemClass, ActionItemState } from './actionItems';
import type {
  AlertState,
  BudgetPoint,
  BudgetingMethod,
  BurnRate,
  ErrorBudget,
  SloNotComputable,
  SloOrigin,
  SloProblem,
  SloStatus,
} from './slo';

/*
 * The REST contract between sre-health-backend and its clients. Every record is keyed by a
 * full catalog entity ref (`kind:namespace/name`), and every mutable record carries a
 * `version` that an update must echo back: a stale version gets 409 Conflict.
 */

/** @public */
export type FlagStatus =
  | 'open'
  | 'mitigating'
  | 'resolved'
  | 'dismissed'
  | 'exempt';
/**
 * `dismissed` is an SRE's verdict on a detected flag ("not kindling here"), kept with its
 * reason; the detector leaves a dismissed flag alone. `exempt` is an SRE's exemption until a
 * date, with a justification: neither open nor gone; after the date the next detection run
 * re-opens the flag if the stressor is still detected.
 * @public
 */
export const FLAG_STATUSES: ReadonlyArray<FlagStatus> = [
  'open',
  'mitigating',
  'resolved',
  'dismissed',
  'exempt',
];

/** Where a flag comes from: an SRE's annotation, a detector, or both agreeing. @public */
export type FlagSource = 'sre' | 'detected' | 'both';

/** @public */
export interface Versioned {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** @public */
export interface StressorFlag extends Versioned {
  entityRef: string;
  /** One of the eight stressor keys, or `custom:<slug>`. */
  stressorKey: string;
  /**
   * The stress level that counts, 1 (minor irritant) to 5 (the team's largest source of
   * stress): the team's rating once someone rated the flag, until then the proposal.
   */
  stressLevel: number;
  /**
   * The level the evidence proposes: the detector's estimate, kept current by each
   * detection, or the level a person raised the flag with.
   */
  proposedLevel: number;
  /**
   * The team's rating (any member of the owning team, or an SRE), null until someone
   * rates: stress is what the team feels, so a rating wins over any proposal.
   */
  ratedLevel: number | null;
  /** User ref of who rated last. */
  ratedBy: string | null;
  ratedAt: string | null;
  evidence: string;
  status: FlagStatus;
  source: FlagSource;
  /** User ref of the SRE who flagged it, or `sre-health:detector` for a detection. */
  author: string;
  resolvedAt: string | null;
  /** The SRE who confirmed a detected flag (its source becomes `both`). */
  confirmedBy: string | null;
  dismissedReason: string | null;
  /** While `exempt`: the last day of the exemption (YYYY-MM-DD, UTC), else null. */
  exemptUntil: string | null;
  /** While `exempt`: the SRE's justification, else null. */
  exemptReason: string | null;
  /** While `exempt`: the user ref of the SRE who granted (or last changed) the exemption. */
  exemptBy: string | null;
  /** The facts behind a detection, in numbers. */
  facts: Record<string, number | string> | null;
  /** When a detector last saw this stressor. */
  detectedAt: string | null;
}

/** @public */
export interface Engagement extends Versioned {
  /** Group ref of the overloaded team. */
  teamRef: string;
  /** User ref of the one embedded SRE. */
  sreRef: string;
  phase: EngagementPhase;
  startDate: string;
  endDate: string | null;
  /** When the embedding is planned to end (YYYY-MM-DD); null for engagements started before it was asked. */
  plannedEndDate: string | null;
  /** Why the SRE runs this engagement while embedded with another team; null when it is their only one. */
  concurrentReason: string | null;
  goals: string;
  createdBy: string;
}

/** @public */
export interface PostmortemActionItem {
  text: string;
  /** An SRE's correction of the classifier's class. */
  correctedClass?: ActionItemClass;
  /** Who sees it through: a user or group ref. */
  owner?: string;
  /** Absent: open. An item left open past its due date no longer counts as aimed at the cause. */
  state?: ActionItemState;
  /** YYYY-MM-DD. */
  dueDate?: string;
}

/** @public */
export interface Postmortem extends Versioned {
  entityRef: string;
  title: string;
  occurredAt: string;
  impact: string;
  /** What made the outage possible or worse: the system's part, never a person's. */
  contributingFactors: string[];
  actionItems: PostmortemActionItem[];
  author: string;
}

/** A postmortem an engagement links to (the one its SRE led), as it was when linked. @public */
export interface PostmortemLink {
  id: string;
  title: string;
  /** The entity the postmortem is about. */
  entityRef: string;
}

/**
 * Toil: the fire should never happen, automate it away.
 * Overhead: legitimate work that merely causes stress.
 * @public
 */
export type FireKind = 'toil' | 'overhead' | 'unsorted';
/** @public */
export const FIRE_KINDS: ReadonlyArray<FireKind> = [
  'toil',
  'overhead',
  'unsorted',
];

/** @public */
export interface Fire extends Versioned {
  entityRef: string;
  title: string;
  occurredAt: string;
  kind: FireKind;
  rationale: string;
  /** Minutes spent on the fire, when someone recorded them: toil and overhead get hours. */
  timeSpentMinutes?: number | null;
  author: string;
}

/** One week of a team's time, split into operational and project hours. @public */
export interface OpsLoadSample extends Versioned {
  teamRef: string;
  /** ISO date (YYYY-MM-DD) of the Monday that starts the week. */
  weekStart: string;
  opsHours: number;
  projectHours: number;
  author: string;
}

/** Who can operate a component, as recorded by an SRE. @public */
export interface ExpertiseRecord extends Versioned {
  entityRef: string;
  userRef: string;
  level: ExpertiseLevel;
  author: string;
}

/** Good and total events of one SLO in one time bucket. @public */
export interface SloBucket {
  bucketStart: string;
  good: number;
  total: number;
}

/** @public */
export interface AuditEntry {
  id: string;
  entityRef: string;
  actor: string;
  action: string;
  resourceType: string;
  resourceId: string;
  before: unknown;
  after: unknown;
  at: string;
}

/** One SLO as the tab shows it. @public */
export interface SloSummary {
  name: string;
  displayName: string;
  description: string;
  origin: SloOrigin;
  /** Where it is defined: the file's URL, the annotation, or `api:<definition id>`. */
  location: string;
  /** `pushed events`, or `prometheus:<data source>`. */
  source: string;
  /** Target as a fraction, e.g. 0.999. */
  target: number;
  /** Window length, e.g. `30d`, or `1M (calendar)`. */
  window: string;
  windowMs: number;
  /** Rounded window length in days, for compact display. */
  windowDays: number;
  budgetingMethod: BudgetingMethod;
  /** Measured SLI over the window as a fraction, null without data. */
  sli: number | null;
  /** Events (Occurrences) or slices (Timeslices) counted over the window. */
  totalEvents: number;
  badEvents: number;
  budget: ErrorBudget | null;
  /** Share of the error budget left: 1 untouched, 0 spent, negative overspent. */
  budgetRemaining: number | null;
  burnRates: BurnRate[];
  alert: AlertState;
  status: SloStatus;
  /** Budget left over the window, oldest first (hourly). */
  burnDown: BudgetPoint[];
  /** Set when the data source failed: the numbers above are the last known ones. */
  unavailable?: { reason: string; lastKnownAt: string | null };
  /**
   * The step of the error-budget policy (`sreHealth.slo.budgetPolicy`) the SLO is in, with
   * the action it recommends; absent when it is in none.
   */
  policyStep?: { key: string; action: string };
  computedAt: string;
}

/** An SLO file or definition that could not be used, and why. @public */
export interface SloDefinitionProblem extends SloProblem {
  /** Where the definition came from, e.g. the file's URL. */
  location: string;
}

/** @public */
export interface OpsLoadSummary {
  teamRef: string;
  /** Ops share of the latest sampled week, 0..1. */
  latestOpsShare: number | null;
  /** Weeks of the rolling window (`sreHealth.detection.overloadWeeks`, default 4). */
  windowWeeks: number;
  /** Where the latest week's share comes from (a typed week overrides the computed one). */
  latestSource?: OpsShareSource | null;
  /** The weeks of the window with data (it ends with the latest such week), oldest first. */
  window: Array<{
    weekStart: string;
    opsShare: number | null;
    source?: OpsShareSource;
  }>;
  /** Ops share over the window, hours-weighted, 0..1; null without hours. */
  windowOpsShare: number | null;
  /** The sources of the window's weeks: the figure names them. */
  windowSources?: OpsShareSource[];
  /** Toil hours / computed ops hours over the window; null without computed hours. */
  windowToilShare?: number | null;
  /**
   * The ops share over the window is above the 50% cap, with at least half of its weeks
   * sampled: sustained operational overload, the condition that starts an engagement.
   */
  overloaded: boolean;
  samples: OpsLoadSample[];
  /** Every week with data, typed and computed side by side, with the computed terms. */
  weeks?: TeamOpsWeek[];
}

/** Everything the "SRE Health" tab shows, in a single response. @public */
export interface EntityHealth {
  entityRef: string;
  ownerRef: string | null;
  slos: SloSummary[];
  sloProblems: SloDefinitionProblem[];
  /** Valid SLOs that are not computed here, with why (e.g. no reader for Datadog). */
  sloNotComputable?: SloNotComputable[];
  stressors: StressorFlag[];
  knowledgeSilo: KnowledgeSiloSummary;
  engagement: Engagement | null;
  opsLoad: OpsLoadSummary | null;
  /** The newest fires, at most `TAB_LIST_LIMITS.fires`. */
  fires: Fire[];
  /** How many fires the entity has of each kind: all of them, not only those listed. */
  fireCounts: Record<FireKind, number>;
  /** The newest postmortems, at most `TAB_LIST_LIMITS.postmortems`. */
  postmortems: Postmortem[];
  /** How many postmortems the entity has: all of them. */
  postmortemCount: number;
}

/**
 * How many records of a kind the tab's single read carries: the newest. Its counts cover
 * all of them and the fires' Markdown export lists all of them, so a long history never
 * makes the tab's answer (or the backend's cache of it) grow without bound.
 * @public
 */
export const TAB_LIST_LIMITS = { fires: 100, postmortems: 50 } as const;

/** An SLO created through the API; `document` is its OpenSLO v1 `SLO` document. @public */
export interface SloDefinitionRecord extends Versioned {
  entityRef: string;
  name: string;
  document: Record<string, unknown>;
  author: string;
}

/** A problem deferred until a future release or feature. @public */
export interface DeferredProblem extends Versioned {
  entityRef: string;
  title: string;
  /** The release or feature that is supposed to make the workaround unnecessary. */
  deferredUntil: string;
  dueDate: string | null;
  status: 'open' | 'closed';
  author: string;
}

/** @public */
export interface Complaint extends Versioned {
  entityRef: string;
  receivedAt: string;
  summary: string;
  source: string;
  author: string;
}

/** @public */
export interface AlertDiagnosis extends Versioned {
  entityRef: string;
  alertName: string;
  diagnosis: string;
  runbookUrl: string;
  ownerRef: string;
  author: string;
}

/** How often an alert fired in the detection window, and what is known about it. @public */
export interface AlertSummary {
  alertName: string;
  firings: number;
  lastFiredAt: string;
  diagnosis: AlertDiagnosis | null;
}

/** Where a week's ops share comes from. @public */
export type OpsShareSource = 'computed' | 'typed';

/** One week of a team's computed ops time, each term shown. @public */
export interface OpsTimeWeek {
  weekStart: string;
  fireHours: number;
  pageHours: number;
  interruptHours: number;
  /** fireHours + pageHours + interruptHours. */
  opsHours: number;
  /** The part of opsHours sorted as toil. */
  toilHours: number;
  fires: number;
  /** Fires of the week without a time spent: counted, but adding no hours. */
  untimedFires: number;
  pages: number;
  interrupts: number;
  members: number;
  hoursPerPersonWeek: number;
  /** members × hoursPerPersonWeek. */
  capacityHours: number;
  /** opsHours / capacityHours; null without capacity (no members known). */
  share: number | null;
}

/** One week of a team's ops share, with where it comes from. @public */
export interface TeamOpsWeek {
  weekStart: string;
  /** The share that counts for the week: the typed one when typed, else the computed one. */
  share: number | null;
  source: OpsShareSource;
  /** Ops hours of the share's source. */
  opsHours: number;
  /** The hours the share divides by: typed ops + project hours, or the computed capacity. */
  baseHours: number;
  /** The typed sample's share when the week was typed (explicit override). */
  typedShare: number | null;
  /** The computed share, shown beside a typed one. */
  computedShare: number | null;
  /** Toil hours / computed ops hours; null without computed ops hours. */
  toilShare: number | null;
  /** The computed terms, when the week has recorded work. */
  computed?: OpsTimeWeek;
}

/** `GET /ops-time?teamRef=`: a team's weekly ops share, computed vs typed, with the terms. @public */
export interface TeamOpsTime {
  teamRef: string;
  /** Members of the team's Group in the catalog. */
  members: number;
  /** `sreHealth.opsLoad.hoursPerPersonWeek` for the team. */
  hoursPerPersonWeek: number;
  weeks: TeamOpsWeek[];
}
