import { parseEntityRef } from '@backstage/catalog-model';
import type {
  CreateExpertiseRequest,
  ExpertiseRecord,
  KnowledgeSiloSummary,
  KnowledgeWhatIf,
  OnCallShift,
  PushOnCallShiftsRequest,
  TeamKnowledgeSummary,
  UpdateExpertiseRequest,
} from '@sre-health/backstage-plugin-sre-health-common';
import { refPath, SreHealthEntityRef, toRefString } from './refs';
import { collection, SreHealthRequest } from './request';

/**
 * Knowledge silos: who can operate a component (git history, on-call shifts, recorded
 * expertise) and its truck factor.
 * @public
 */
export interface KnowledgeApi {
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

  /** Who can operate a component, as recorded by hand. */
  createExpertise(request: CreateExpertiseRequest): Promise<ExpertiseRecord>;
  updateExpertise(
    id: string,
    request: UpdateExpertiseRequest,
  ): Promise<ExpertiseRecord>;
  deleteExpertise(id: string, version: number): Promise<void>;
}

export function createKnowledgeClient(request: SreHealthRequest): KnowledgeApi {
  const expertise = collection<ExpertiseRecord>(request, 'expertise');
  const knowledgePath = (entityRef: SreHealthEntityRef) =>
    `/knowledge${refPath(entityRef)}`;
  return {
    getKnowledge: entityRef => request.json(knowledgePath(entityRef)),
    analyzeKnowledge: entityRef =>
      request.json(`${knowledgePath(entityRef)}/analyze`, { method: 'POST' }),
    getKnowledgeWhatIf: (entityRef, without) =>
      request.json(
        `${knowledgePath(entityRef)}/what-if?${new URLSearchParams(
          without.map(w => ['without', w]),
        )}`,
      ),
    getTeamKnowledge: teamRef => {
      const { namespace, name } = parseEntityRef(teamRef, {
        defaultKind: 'group',
      });
      return request.json(
        `/knowledge/teams/${[namespace, name]
          .map(encodeURIComponent)
          .join('/')}`,
      );
    },
    listOnCallShifts: entityRef =>
      request.json(
        `/oncall-shifts?${new URLSearchParams({
          entityRef: toRefString(entityRef),
        })}`,
      ),
    pushOnCallShifts: body =>
      request.json('/oncall-shifts', { method: 'POST', body }),
    createExpertise: expertise.create,
    updateExpertise: expertise.update,
    deleteExpertise: expertise.remove,
  };
}
