import type {
  AfterActionReportDocument,
  ChecklistTick,
  CreateEngagementDecisionRequest,
  CreateEngagementRequest,
  CreateKindlingItemRequest,
  CreateLeadingQuestionRequest,
  Engagement,
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
  UpdateEngagementRequest,
  UpdateKindlingItemRequest,
  UpdateLeadingQuestionRequest,
} from '@sre-health/backstage-plugin-sre-health-common';
import { SreHealthEntityRef, toRefString } from './refs';
import { collection, SreHealthRequest } from './request';

/**
 * Embedding an SRE with a team: the engagement record (profile, checklist, decisions,
 * kindling, leading questions, phases) and its after-action report.
 * @public
 */
export interface EngagementApi {
  createEngagement(request: CreateEngagementRequest): Promise<Engagement>;
  updateEngagement(
    id: string,
    request: UpdateEngagementRequest,
  ): Promise<Engagement>;

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

/** `/engagements/{id}` of the engagement-record routes. */
function engagementPath(id: string): string {
  return `/engagements/${encodeURIComponent(id)}`;
}

/** The entries an engagement record lists: `POST` on the list, `PATCH`/`DELETE` on one. */
function entries<T>(
  request: SreHealthRequest,
  kind: 'decisions' | 'kindling' | 'questions',
) {
  const list = (id: string) => `${engagementPath(id)}/${kind}`;
  const path = (id: string, entryId: string) =>
    `${list(id)}/${encodeURIComponent(entryId)}`;
  return {
    create: (id: string, body: object): Promise<T> =>
      request.json(list(id), { method: 'POST', body }),
    update: (id: string, entryId: string, body: object): Promise<T> =>
      request.json(path(id, entryId), { method: 'PATCH', body }),
    remove: (id: string, entryId: string, version: number) =>
      request.remove(path(id, entryId), version),
  };
}

export function createEngagementClient(
  request: SreHealthRequest,
): EngagementApi {
  const engagements = collection<Engagement>(request, 'engagements');
  const checklistItem = (id: string, itemKey: string) =>
    `${engagementPath(id)}/checklist/${encodeURIComponent(itemKey)}`;
  const decisions = entries<EngagementDecision>(request, 'decisions');
  const kindling = entries<KindlingItem>(request, 'kindling');
  const questions = entries<LeadingQuestion>(request, 'questions');
  return {
    createEngagement: engagements.create,
    updateEngagement: engagements.update,
    startEngagement: body =>
      request.json('/engagements/start', { method: 'POST', body }),
    getEngagementRecord: id => request.json(`${engagementPath(id)}/record`),
    listEngagementHistory: teamRef =>
      request.json(
        `/engagement-records?${new URLSearchParams({
          teamRef: toRefString(teamRef),
        })}`,
      ),
    updateEngagementProfile: (id, body) =>
      request.json(`${engagementPath(id)}/profile`, { method: 'PUT', body }),
    tickChecklistItem: (id, itemKey, body) =>
      request.json(checklistItem(id, itemKey), { method: 'PUT', body }),
    untickChecklistItem: (id, itemKey, version) =>
      request.remove(checklistItem(id, itemKey), version),
    createEngagementDecision: decisions.create,
    updateEngagementDecision: decisions.update,
    deleteEngagementDecision: decisions.remove,
    createKindlingItem: kindling.create,
    updateKindlingItem: kindling.update,
    deleteKindlingItem: kindling.remove,
    createLeadingQuestion: questions.create,
    updateLeadingQuestion: questions.update,
    deleteLeadingQuestion: questions.remove,
    transitionEngagement: (id, body) =>
      request.json(`${engagementPath(id)}/transition`, {
        method: 'POST',
        body,
      }),
    getKindlingTargets: id =>
      request.json(`${engagementPath(id)}/kindling-targets`),
    getAfterActionReport: id => request.json(`${engagementPath(id)}/report`),
    getAfterActionReportMarkdown: id =>
      request.text(`${engagementPath(id)}/report.md`),
  };
}
