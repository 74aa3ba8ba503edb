import type {
  AuditEntry,
  CreateStressorFlagRequest,
  DetectedStressor,
  RateStressorFlagRequest,
  StressorFlag,
  UpdateStressorFlagRequest,
} from '@sre-health/backstage-plugin-sre-health-common';
import { entityPath, SreHealthEntityRef } from './refs';
import { collection, SreHealthRequest } from './request';

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
  /** Flags whose exemption ran out and whose stressor is still there (absent from older backends). */
  reopened?: number;
  flags: StressorFlag[];
}

/** The stressor flags of an entity and the detectors that raise them. @public */
export interface StressorsApi {
  listStressorFlags(entityRef: SreHealthEntityRef): Promise<StressorFlag[]>;
  createStressorFlag(request: CreateStressorFlagRequest): Promise<StressorFlag>;
  updateStressorFlag(
    id: string,
    request: UpdateStressorFlagRequest,
  ): Promise<StressorFlag>;
  deleteStressorFlag(id: string, version: number): Promise<void>;
  /**
   * The team's rating of a flag's stress level (a team member or an SRE): it becomes the
   * level that counts, over the evidence's proposal.
   */
  rateStressorFlag(
    id: string,
    request: RateStressorFlagRequest,
  ): Promise<StressorFlag>;
  /** Who changed one stressor flag and how, newest first. */
  getStressorFlagHistory(id: string): Promise<AuditEntry[]>;
  /** Runs the stressor detectors on an entity now (needs the update permission). */
  runStressorDetection(
    entityRef: SreHealthEntityRef,
  ): Promise<StressorDetectionResult>;
}

export function createStressorsClient(request: SreHealthRequest): StressorsApi {
  const flags = collection<StressorFlag>(request, 'stressor-flags');
  return {
    listStressorFlags: flags.list,
    createStressorFlag: flags.create,
    updateStressorFlag: flags.update,
    deleteStressorFlag: flags.remove,
    rateStressorFlag: (id, body) =>
      request.json(`${flags.path(id)}/rating`, { method: 'PUT', body }),
    getStressorFlagHistory: id => request.json(`${flags.path(id)}/history`),
    runStressorDetection: entityRef =>
      request.json(`${entityPath(entityRef)}/detect`, { method: 'POST' }),
  };
}
