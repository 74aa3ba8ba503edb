import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { scorecardSearchParams } from '@internal/backstage-plugin-sre-health-common';
import type {
  AlertDiagnosis,
  AlertSummary,
  Complaint,
  CreateAlertDiagnosisRequest,
  CreateComplaintRequest,
  CreateDeferredProblemRequest,
  DeferredProblem,
  UpdateAlertDiagnosisRequest,
  UpdateDeferredProblemRequest,
  AuditEntry,
  SloDefinitionRecord,
  CreateEngagementRequest,
  CreateExpertiseRequest,
  CreateFireRequest,
  CreateOpsLoadSampleRequest,
  CreatePostmortemRequest,
  CreateStressorFlagRequest,
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
import type {
  ImportPostmortemRequest,
  SreHealthApi,
  SreHealthEntityRef,
  StressorDetectionResult,
} from './SreHealthApi';

/** The resource collections of the REST API; all share one create/update/delete shape. */
type Collection =
  | 'stressor-flags'
  | 'engagements'
  | 'postmortems'
  | 'fires'
  | 'ops-load'
  | 'expertise'
  | 'slo-definitions'
  | 'deferred-problems'
  | 'complaints'
  | 'alert-diagnoses';

/**
 * Talks to the sre-health backend through the app's `fetchApi`, so requests carry
 * the user's Backstage credentials.
 * @public
 */
export class SreHealthClient implements SreHealthApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getEntityHealth(entityRef: SreHealthEntityRef): Promise<EntityHealth> {
    return this.request(`${entityPath(entityRef)}/health`);
  }

  getAuditLog(entityRef: SreHealthEntityRef): Promise<AuditEntry[]> {
    return this.request(`${entityPath(entityRef)}/audit`);
  }

  listStressorFlags(entityRef: SreHealthEntityRef) {
    return this.list<StressorFlag>('stressor-flags', entityRef);
  }

  createStressorFlag(request: CreateStressorFlagRequest) {
    return this.create<StressorFlag>('stressor-flags', request);
  }

  updateStressorFlag(id: string, request: UpdateStressorFlagRequest) {
    return this.update<StressorFlag>('stressor-flags', id, request);
  }

  deleteStressorFlag(id: string, version: number) {
    return this.remove('stressor-flags', id, version);
  }

  getStressorFlagHistory(id: string): Promise<AuditEntry[]> {
    return this.request(`/stressor-flags/${encodeURIComponent(id)}/history`);
  }

  runStressorDetection(
    entityRef: SreHealthEntityRef,
  ): Promise<StressorDetectionResult> {
    return this.request(`${entityPath(entityRef)}/detect`, { method: 'POST' });
  }

  createEngagement(request: CreateEngagementRequest) {
    return this.create<Engagement>('engagements', request);
  }

  updateEngagement(id: string, request: UpdateEngagementRequest) {
    return this.update<Engagement>('engagements', id, request);
  }

  createPostmortem(request: CreatePostmortemRequest) {
    return this.create<Postmortem>('postmortems', request);
  }

  updatePostmortem(id: string, request: UpdatePostmortemRequest) {
    return this.update<Postmortem>('postmortems', id, request);
  }

  deletePostmortem(id: string, version: number) {
    return this.remove('postmortems', id, version);
  }

  importPostmortem(request: ImportPostmortemRequest): Promise<Postmortem> {
    return this.request('/postmortems/import', {
      method: 'POST',
      body: request,
    });
  }

  createFire(request: CreateFireRequest) {
    return this.create<Fire>('fires', request);
  }

  updateFire(id: string, request: UpdateFireRequest) {
    return this.update<Fire>('fires', id, request);
  }

  deleteFire(id: string, version: number) {
    return this.remove('fires', id, version);
  }

  listDeferredProblems(entityRef: SreHealthEntityRef) {
    return this.list<DeferredProblem>('deferred-problems', entityRef);
  }

  createDeferredProblem(request: CreateDeferredProblemRequest) {
    return this.create<DeferredProblem>('deferred-problems', request);
  }

  updateDeferredProblem(id: string, request: UpdateDeferredProblemRequest) {
    return this.update<DeferredProblem>('deferred-problems', id, request);
  }

  listComplaints(entityRef: SreHealthEntityRef) {
    return this.list<Complaint>('complaints', entityRef);
  }

  createComplaint(request: CreateComplaintRequest) {
    return this.create<Complaint>('complaints', request);
  }

  listAlerts(entityRef: SreHealthEntityRef): Promise<AlertSummary[]> {
    return this.request(`${entityPath(entityRef)}/alerts`);
  }

  createAlertDiagnosis(request: CreateAlertDiagnosisRequest) {
    return this.create<AlertDiagnosis>('alert-diagnoses', request);
  }

  updateAlertDiagnosis(id: string, request: UpdateAlertDiagnosisRequest) {
    return this.update<AlertDiagnosis>('alert-diagnoses', id, request);
  }

  async getFiresMarkdown(entityRef: SreHealthEntityRef): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('sre-health');
    const response = await this.fetchApi.fetch(
      `${baseUrl}${entityPath(entityRef)}/fires.md`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.text();
  }

  createOpsLoadSample(request: CreateOpsLoadSampleRequest) {
    return this.create<OpsLoadSample>('ops-load', request);
  }

  updateOpsLoadSample(id: string, request: UpdateOpsLoadSampleRequest) {
    return this.update<OpsLoadSample>('ops-load', id, request);
  }

  deleteOpsLoadSample(id: string, version: number) {
    return this.remove('ops-load', id, version);
  }

  createExpertise(request: CreateExpertiseRequest) {
    return this.create<ExpertiseRecord>('expertise', request);
  }

  updateExpertise(id: string, request: UpdateExpertiseRequest) {
    return this.update<ExpertiseRecord>('expertise', id, request);
  }

  deleteExpertise(id: string, version: number) {
    return this.remove('expertise', id, version);
  }

  getSloDefinition(id: string): Promise<SloDefinitionRecord> {
    return this.request(`/slo-definitions/${encodeURIComponent(id)}`);
  }

  createSloDefinition(request: { entityRef: string; document: string | object }) {
    return this.create<SloDefinitionRecord>('slo-definitions', request);
  }

  updateSloDefinition(id: string, request: { version: number; document: string | object }) {
    return this.update<SloDefinitionRecord>('slo-definitions', id, request);
  }

  deleteSloDefinition(id: string, version: number) {
    return this.remove('slo-definitions', id, version);
  }

  getScorecard(query: ScorecardQuery): Promise<ScorecardPage> {
    return this.request(`/scorecard?${scorecardSearchParams(query)}`);
  }

  getScorecardTeams(filters: ScorecardFilters): Promise<ScorecardTeams> {
    return this.request(`/scorecard/teams?${scorecardSearchParams(filters)}`);
  }

  getScorecardFacets(): Promise<ScorecardFacets> {
    return this.request('/scorecard/facets');
  }

  getScorecardTrends(options: {
    owner?: string[];
    days?: number;
  }): Promise<ScorecardTrends> {
    return this.request(`/scorecard/trends?${scorecardSearchParams(options)}`);
  }

  async exportScorecard(
    query: Omit<ScorecardQuery, 'offset' | 'limit'>,
    format: 'csv' | 'json',
  ): Promise<Blob> {
    const baseUrl = await this.discoveryApi.getBaseUrl('sre-health');
    const { offset: _o, limit: _l, ...view } = query as ScorecardQuery;
    const response = await this.fetchApi.fetch(
      `${baseUrl}/scorecard/export?${scorecardSearchParams({
        ...view,
        format,
      })}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.blob();
  }

  getKnowledge(entityRef: SreHealthEntityRef): Promise<KnowledgeSiloSummary> {
    return this.request(`/knowledge${refPath(entityRef)}`);
  }

  analyzeKnowledge(
    entityRef: SreHealthEntityRef,
  ): Promise<KnowledgeSiloSummary> {
    return this.request(`/knowledge${refPath(entityRef)}/analyze`, {
      method: 'POST',
    });
  }

  getKnowledgeWhatIf(
    entityRef: SreHealthEntityRef,
    without: string[],
  ): Promise<KnowledgeWhatIf> {
    const query = new URLSearchParams(without.map(w => ['without', w]));
    return this.request(`/knowledge${refPath(entityRef)}/what-if?${query}`);
  }

  getTeamKnowledge(teamRef: SreHealthEntityRef): Promise<TeamKnowledgeSummary> {
    const { namespace, name } = parseEntityRef(teamRef, {
      defaultKind: 'group',
    });
    return this.request(
      `/knowledge/teams/${[namespace, name].map(encodeURIComponent).join('/')}`,
    );
  }

  listOnCallShifts(entityRef: SreHealthEntityRef): Promise<OnCallShift[]> {
    return this.request(
      `/oncall-shifts?${new URLSearchParams({
        entityRef: toRefString(entityRef),
      })}`,
    );
  }

  pushOnCallShifts(
    request: PushOnCallShiftsRequest,
  ): Promise<{ accepted: number }> {
    return this.request('/oncall-shifts', { method: 'POST', body: request });
  }

  startEngagement(request: StartEngagementRequest): Promise<EngagementRecord> {
    return this.request('/engagements/start', {
      method: 'POST',
      body: request,
    });
  }

  getEngagementRecord(id: string): Promise<EngagementRecord> {
    return this.request(`${engagementPath(id)}/record`);
  }

  listEngagementHistory(
    teamRef: SreHealthEntityRef,
  ): Promise<EngagementSummary[]> {
    return this.request(
      `/engagement-records?${new URLSearchParams({
        teamRef: toRefString(teamRef),
      })}`,
    );
  }

  updateEngagementProfile(
    id: string,
    request: UpdateEngagementProfileRequest,
  ): Promise<EngagementProfile> {
    return this.request(`${engagementPath(id)}/profile`, {
      method: 'PUT',
      body: request,
    });
  }

  tickChecklistItem(
    id: string,
    itemKey: string,
    request: TickChecklistItemRequest,
  ): Promise<ChecklistTick> {
    return this.request(
      `${engagementPath(id)}/checklist/${encodeURIComponent(itemKey)}`,
      { method: 'PUT', body: request },
    );
  }

  async untickChecklistItem(
    id: string,
    itemKey: string,
    version: number,
  ): Promise<void> {
    await this.request<void>(
      `${engagementPath(id)}/checklist/${encodeURIComponent(
        itemKey,
      )}?${new URLSearchParams({ version: String(version) })}`,
      { method: 'DELETE' },
    );
  }

  createEngagementDecision(
    id: string,
    request: CreateEngagementDecisionRequest,
  ): Promise<EngagementDecision> {
    return this.request(`${engagementPath(id)}/decisions`, {
      method: 'POST',
      body: request,
    });
  }

  updateEngagementDecision(
    id: string,
    decisionId: string,
    request: UpdateEngagementDecisionRequest,
  ): Promise<EngagementDecision> {
    return this.request(
      `${engagementPath(id)}/decisions/${encodeURIComponent(decisionId)}`,
      { method: 'PATCH', body: request },
    );
  }

  deleteEngagementDecision(id: string, decisionId: string, version: number) {
    return this.removeEntry(id, 'decisions', decisionId, version);
  }

  createKindlingItem(
    id: string,
    request: CreateKindlingItemRequest,
  ): Promise<KindlingItem> {
    return this.request(`${engagementPath(id)}/kindling`, {
      method: 'POST',
      body: request,
    });
  }

  updateKindlingItem(
    id: string,
    itemId: string,
    request: UpdateKindlingItemRequest,
  ): Promise<KindlingItem> {
    return this.request(
      `${engagementPath(id)}/kindling/${encodeURIComponent(itemId)}`,
      { method: 'PATCH', body: request },
    );
  }

  deleteKindlingItem(id: string, itemId: string, version: number) {
    return this.removeEntry(id, 'kindling', itemId, version);
  }

  createLeadingQuestion(
    id: string,
    request: CreateLeadingQuestionRequest,
  ): Promise<LeadingQuestion> {
    return this.request(`${engagementPath(id)}/questions`, {
      method: 'POST',
      body: request,
    });
  }

  updateLeadingQuestion(
    id: string,
    questionId: string,
    request: UpdateLeadingQuestionRequest,
  ): Promise<LeadingQuestion> {
    return this.request(
      `${engagementPath(id)}/questions/${encodeURIComponent(questionId)}`,
      { method: 'PATCH', body: request },
    );
  }

  deleteLeadingQuestion(id: string, questionId: string, version: number) {
    return this.removeEntry(id, 'questions', questionId, version);
  }

  transitionEngagement(
    id: string,
    request: TransitionEngagementRequest,
  ): Promise<EngagementRecord> {
    return this.request(`${engagementPath(id)}/transition`, {
      method: 'POST',
      body: request,
    });
  }

  getKindlingTargets(id: string): Promise<KindlingTargetOptions> {
    return this.request(`${engagementPath(id)}/kindling-targets`);
  }

  getAfterActionReport(id: string): Promise<AfterActionReportDocument> {
    return this.request(`${engagementPath(id)}/report`);
  }

  async getAfterActionReportMarkdown(id: string): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('sre-health');
    const response = await this.fetchApi.fetch(
      `${baseUrl}${engagementPath(id)}/report.md`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.text();
  }

  private async removeEntry(
    id: string,
    kind: 'decisions' | 'kindling' | 'questions',
    entryId: string,
    version: number,
  ): Promise<void> {
    await this.request<void>(
      `${engagementPath(id)}/${kind}/${encodeURIComponent(
        entryId,
      )}?${new URLSearchParams({ version: String(version) })}`,
      { method: 'DELETE' },
    );
  }

  private list<T>(
    collection: Collection,
    entityRef: SreHealthEntityRef,
  ): Promise<T[]> {
    return this.request(
      `/${collection}?${new URLSearchParams({
        entityRef: toRefString(entityRef),
      })}`,
    );
  }

  private create<T>(collection: Collection, body: object): Promise<T> {
    return this.request(`/${collection}`, { method: 'POST', body });
  }

  private update<T>(
    collection: Collection,
    id: string,
    body: object,
  ): Promise<T> {
    return this.request(`/${collection}/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body,
    });
  }

  private async remove(
    collection: Collection,
    id: string,
    version: number,
  ): Promise<void> {
    await this.request<void>(
      `/${collection}/${encodeURIComponent(id)}?${new URLSearchParams({
        version: String(version),
      })}`,
      { method: 'DELETE' },
    );
  }

  private async request<T>(
    path: string,
    options: { method?: string; body?: object } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('sre-health');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: options.method ?? 'GET',
      ...(options.body !== undefined && {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(options.body),
      }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }
}

function toRefString(entityRef: SreHealthEntityRef): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `${kind}:${namespace}/${name}`;
}

/** `/{kind}/{namespace}/{name}` of an entity ref. */
function refPath(entityRef: SreHealthEntityRef): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/${[kind, namespace, name].map(encodeURIComponent).join('/')}`;
}

/** `/entities/{kind}/{namespace}/{name}`; the backend lower-cases the parts. */
function entityPath(entityRef: SreHealthEntityRef): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

/** `/engagements/{id}` of the engagement-record routes. */
function engagementPath(id: string): string {
  return `/engagements/${encodeURIComponent(id)}`;
}
