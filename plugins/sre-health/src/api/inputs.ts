import type {
  AlertDiagnosis,
  AlertSummary,
  Complaint,
  CreateAlertDiagnosisRequest,
  CreateComplaintRequest,
  CreateDeferredProblemRequest,
  CreateOpsLoadSampleRequest,
  DeferredProblem,
  OpsLoadSample,
  UpdateAlertDiagnosisRequest,
  UpdateDeferredProblemRequest,
  UpdateOpsLoadSampleRequest,
} from '@sre-health/backstage-plugin-sre-health-common';
import { entityPath, SreHealthEntityRef } from './refs';
import { collection, SreHealthRequest } from './request';

/**
 * What the stressor detectors read besides SLOs: alerts and their diagnoses, deferred
 * problems, customer complaints and the team's weekly ops load.
 * @public
 */
export interface StressorInputsApi {
  /** Alerts that fired in the detection window, each with what is known about it. */
  listAlerts(entityRef: SreHealthEntityRef): Promise<AlertSummary[]>;
  createAlertDiagnosis(
    request: CreateAlertDiagnosisRequest,
  ): Promise<AlertDiagnosis>;
  updateAlertDiagnosis(
    id: string,
    request: UpdateAlertDiagnosisRequest,
  ): Promise<AlertDiagnosis>;

  /** Problems deferred to a future release: the "next big thing" stressor's input. */
  listDeferredProblems(
    entityRef: SreHealthEntityRef,
  ): Promise<DeferredProblem[]>;
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

  /** A team's ops and project hours of one week: the operational overload stressor's input. */
  createOpsLoadSample(
    request: CreateOpsLoadSampleRequest,
  ): Promise<OpsLoadSample>;
  updateOpsLoadSample(
    id: string,
    request: UpdateOpsLoadSampleRequest,
  ): Promise<OpsLoadSample>;
  deleteOpsLoadSample(id: string, version: number): Promise<void>;
}

export function createStressorInputsClient(
  request: SreHealthRequest,
): StressorInputsApi {
  const diagnoses = collection<AlertDiagnosis>(request, 'alert-diagnoses');
  const deferred = collection<DeferredProblem>(request, 'deferred-problems');
  const complaints = collection<Complaint>(request, 'complaints');
  const opsLoad = collection<OpsLoadSample>(request, 'ops-load');
  return {
    listAlerts: entityRef => request.json(`${entityPath(entityRef)}/alerts`),
    createAlertDiagnosis: diagnoses.create,
    updateAlertDiagnosis: diagnoses.update,
    listDeferredProblems: deferred.list,
    createDeferredProblem: deferred.create,
    updateDeferredProblem: deferred.update,
    listComplaints: complaints.list,
    createComplaint: complaints.create,
    createOpsLoadSample: opsLoad.create,
    updateOpsLoadSample: opsLoad.update,
    deleteOpsLoadSample: opsLoad.remove,
  };
}
