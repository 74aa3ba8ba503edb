import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  AlertSummary,
  AuditEntry,
  Complaint,
  CreateAlertDiagnosisRequest,
  CreateComplaintRequest,
  CreateDeferredProblemRequest,
  CreateEngagementRequest,
  CreateExpertiseRequest,
  CreateFireRequest,
  CreateOpsLoadSampleRequest,
  CreatePostmortemRequest,
  CreateStressorFlagRequest,
  AlertDiagnosis,
  DeferredProblem,
  DetectedStressor,
  Engagement,
  EntityHealth,
  ExpertiseRecord,
  Fire,
  KnowledgeSiloSummary,
  KnowledgeWhatIf,
  OnCallShift,
  PushOnCallShiftsRequest,
  TeamKnowledgeSummary,
  OpsLoadSample,
  Postmortem,
  StressorFlag,
  UpdateAlertDiagnosisRequest,
  UpdateDeferredProblemRequest,
  UpdateEngagementRequest,
  UpdateExpertiseRequest,
  UpdateFireRequest,
  UpdateOpsLoadSampleRequest,
  UpdatePostmortemRequest,
  UpdateStressorFlagRequest,
  ScorecardFacets,
  ScorecardFilters,
  ScorecardPage,
  ScorecardQuery,
  ScorecardTeams,
  ScorecardTrends,
  SloDefinitionRecord,
} from '@internal/backstage-plugin-sre-health-common';
import type {
  AfterActionReportDocument,
  ChecklistTick,
  CreateEngagementDecisionRequest,
  CreateKindlingItemRequest,
  CreateLeadingQuestionRequest,
  EngagementDecision,
  EngagementProfile,
  EngagementRecord,
  EngagementSummary,
  KindlingItem,
  KindlingTargetOptions,
  LeadingQuestion,
  StartEngagementRequest,
  TickChecklistItemRequest,
  TransitionEngagementRequest,
  UpdateEngagementDecisionRequest,
  UpdateEngagementProfileRequest,
  UpdateKindlingItemRequest,
  UpdateLeadingQuestionRequest,
} from '@internal/backstage-plugin-sre-health-common';

/**
 * An entity reference: either a string like `component:default/checkout`
 * or the compound form.
 * @public
 */
export type SreHealthEntityRef = string | CompoundEntityRef;

/**
 * What a detection run on one entity found and changed, with the entity's flags after it.
 * @public
 */
export interface StressorDetectionResult {
  entityRef: string;
  detected: DetectedStressor[];
  created: number;
  updated: number;
  resolved: number;
  flags: StressorFlag[];
}

/** A postmortem written in Markdown (`# Title`, `Date:`, `## Action items`). @public */
export interface ImportPostmortemRequest {
  entityRef: string;
  markdown: string;
}

/**
 * Client of the sre-health backend. Every update and delete takes the `version`
 * read earlier; a stale version is rejected with 409 Conflict.
 * @public
 */
export interface SreHealthApi {
  /** Everything the SRE Health tab shows for one entity, in one request. */
  getEntityHealth(entityRef: SreHealthEntityRef): Promise<EntityHealth>;
  /** Who changed what on an entity, newest first. */
  getAuditLog(entityRef: SreHealthEntityRef): Promise<AuditEntry[]>;

  listStressorFlags(entityRef: SreHealthEntityRef): Promise<StressorFlag[]>;
  createStressorFlag(request: CreateStressorFlagRequest): Promise<StressorFlag>;
  updateStressorFlag(
    id: string,
    request: UpdateStressorFlagRequest,
  ): Promise<StressorFlag>;
  deleteStressorFlag(id: string, version: number): Promise<void>;
  /** Who changed one stressor flag and how, newest first. */
  getStressorFlagHistory(id: string): Promise<AuditEntry[]>;
  /** Runs the stressor detectors on an entity now (needs the update permission). */
  runStressorDetection(
    entityRef: SreHealthEntityRef,
  ): Promise<StressorDetectionResult>;

  createEngagement(request: CreateEngagementRequest): Promise<Engagement>;
  updateEngagement(
    id: string,
    request: UpdateEngagementRequest,
  ): Promise<Engagement>;

  createPostmortem(request: CreatePostmortemRequest): Promise<Postmortem>;
  updatePostmortem(
    id: string,
    request: UpdatePostmortemRequest,
  ): Promise<Postmortem>;
  deletePostmortem(id: string, version: number): Promise<void>;
  /** Creates a postmortem from Markdown; a 400 names the parts that are missing. */
  importPostmortem(request: ImportPostmortemRequest): Promise<Postmortem>;

  createFire(request: CreateFireRequest): Promise<Fire>;
  updateFire(id: string, request: UpdateFireRequest): Promise<Fire>;
  deleteFire(id: string, version: number): Promise<void>;
  /** The fires sorted into toil, overhead and unsorted, with their rationale, as Markdown. */
  getFiresMarkdown(entityRef: SreHealthEntityRef): Promise<string>;

  createOpsLoadSample(
    request: CreateOpsLoadSampleRequest,
  ): Promise<OpsLoadSample>;
  updateOpsLoadSample(
    id: string,
    request: UpdateOpsLoadSampleRequest,
  ): Promise<OpsLoadSample>;
  deleteOpsLoadSample(id: string, version: number): Promise<void>;

  createExpertise(request: CreateExpertiseRequest): Promise<ExpertiseRecord>;
  updateExpertise(
    id: string,
    request: UpdateExpertiseRequest,
  ): Promise<ExpertiseRecord>;
  deleteExpertise(id: string, version: number): Promise<void>;

  /** Problems deferred to a future release: the "next big thing" stressor's input. */
  listDeferredProblems(entityRef: SreHealthEntityRef): Promise<DeferredProblem[]>;
  createDeferredProblem(
    request: CreateDeferredProblemRequest,
  ): Promise<DeferredProblem>;
  updateDeferredProblem(
    id: string,
    request: UpdateDeferredProblemRequest,
  ): Promise<DeferredProblem>;

  /** Customer complaints: with no SLO, they raise "complaints without an SLO". */
  listComplaints(entityRef: SreHealthEntityRef): Promise<Complaint[]>;
  createComplaint(request: CreateComplaintRequest): Promise<Complaint>;

  /** Alerts that fired in the detection window, each with what is known about it. */
  listAlerts(entityRef: SreHealthEntityRef): Promise<AlertSummary[]>;
  createAlertDiagnosis(
    request: CreateAlertDiagnosisRequest,
  ): Promise<AlertDiagnosis>;
  updateAlertDiagnosis(
    id: string,
    request: UpdateAlertDiagnosisRequest,
  ): Promise<AlertDiagnosis>;

  /** SLO definitions created through the API (OpenSLO `SLO` documents). */
  getSloDefinition(id: string): Promise<SloDefinitionRecord>;
  /** `document` may be the YAML an SRE pasted. */
  createSloDefinition(request: { entityRef: string; document: string | object }): Promise<SloDefinitionRecord>;
  updateSloDefinition(
    id: string,
    request: { version: number; document: string | object },
  ): Promise<SloDefinitionRecord>;
  deleteSloDefinition(id: string, version: number): Promise<void>;

  /** A page of the org-wide scorecard: filtered, sorted and paged on the server. */
  getScorecard(query: ScorecardQuery): Promise<ScorecardPage>;
  /** Group rows of the scorecard, rolled up through nested groups. */
  getScorecardTeams(filters: ScorecardFilters): Promise<ScorecardTeams>;
  /** The owners, systems and lifecycles the scorecard's filters offer. */
  getScorecardFacets(): Promise<ScorecardFacets>;
  /** Open stressors per day from the daily snapshots, with the last 30 days' changes. */
  getScorecardTrends(options: {
    owner?: string[];
    days?: number;
  }): Promise<ScorecardTrends>;
  /** The whole current view (every page) as a CSV or JSON file. */
  exportScorecard(
    query: Omit<ScorecardQuery, 'offset' | 'limit'>,
    format: 'csv' | 'json',
  ): Promise<Blob>;

  /** Knowledge silo of a component: operators, on-call and truck factor. */
  getKnowledge(entityRef: SreHealthEntityRef): Promise<KnowledgeSiloSummary>;
  /** Analyses the component's git history now (SREs); returns the new knowledge silo. */
  analyzeKnowledge(
    entityRef: SreHealthEntityRef,
  ): Promise<KnowledgeSiloSummary>;
  /** Coverage and operators left if these people (user refs or git authors) leave. */
  getKnowledgeWhatIf(
    entityRef: SreHealthEntityRef,
    without: string[],
  ): Promise<KnowledgeWhatIf>;
  /** Knowledge silos of the components a group and its nested groups own. */
  getTeamKnowledge(teamRef: SreHealthEntityRef): Promise<TeamKnowledgeSummary>;
  listOnCallShifts(entityRef: SreHealthEntityRef): Promise<OnCallShift[]>;
  pushOnCallShifts(
    request: PushOnCallShiftsRequest,
  ): Promise<{ accepted: number }>;

  /** Embeds one SRE with a team, its situation sorted; snapshots the team's figures. */
  startEngagement(request: StartEngagementRequest): Promise<EngagementRecord>;
  /** An engagement's whole record: checklist, decisions, kindling, questions, timeline. */
  getEngagementRecord(id: string): Promise<EngagementRecord>;
  /** Every engagement of a team, newest first. */
  listEngagementHistory(
    teamRef: SreHealthEntityRef,
  ): Promise<EngagementSummary[]>;
  /** Creates the profile without `version`, or updates it with its version. */
  updateEngagementProfile(
    id: string,
    request: UpdateEngagementProfileRequest,
  ): Promise<EngagementProfile>;
  /** Ticks a checklist item with evidence (with `version` to change the evidence). */
  tickChecklistItem(
    id: string,
    itemKey: string,
    request: TickChecklistItemRequest,
  ): Promise<ChecklistTick>;
  untickChecklistItem(
    id: string,
    itemKey: string,
    version: number,
  ): Promise<void>;
  createEngagementDecision(
    id: string,
    request: CreateEngagementDecisionRequest,
  ): Promise<EngagementDecision>;
  updateEngagementDecision(
    id: string,
    decisionId: string,
    request: UpdateEngagementDecisionRequest,
  ): Promise<EngagementDecision>;
  deleteEngagementDecision(
    id: string,
    decisionId: string,
    version: number,
  ): Promise<void>;
  createKindlingItem(
    id: string,
    request: CreateKindlingItemRequest,
  ): Promise<KindlingItem>;
  updateKindlingItem(
    id: string,
    itemId: string,
    request: UpdateKindlingItemRequest,
  ): Promise<KindlingItem>;
  deleteKindlingItem(
    id: string,
    itemId: string,
    version: number,
  ): Promise<void>;
  createLeadingQuestion(
    id: string,
    request: CreateLeadingQuestionRequest,
  ): Promise<LeadingQuestion>;
  updateLeadingQuestion(
    id: string,
    questionId: string,
    request: UpdateLeadingQuestionRequest,
  ): Promise<LeadingQuestion>;
  deleteLeadingQuestion(
    id: string,
    questionId: string,
    version: number,
  ): Promise<void>;
  /** Moves to another phase or closes (which freezes the after-action report). */
  transitionEngagement(
    id: string,
    request: TransitionEngagementRequest,
  ): Promise<EngagementRecord>;
  /** The postmortems and open flags of the team's entities, for kindling to fix. */
  getKindlingTargets(id: string): Promise<KindlingTargetOptions>;
  /** The after-action report: frozen once closed, a preview before. */
  getAfterActionReport(id: string): Promise<AfterActionReportDocument>;
  /** The after-action report as Markdown. */
  getAfterActionReportMarkdown(id: string): Promise<string>;
}

/** @public */
export const sreHealthApiRef = createApiRef<SreHealthApi>({
  id: 'plugin.sre-health.service',
});
