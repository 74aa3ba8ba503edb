import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  AuditEntry,
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
  OpsLoadSample,
  Postmortem,
  StressorFlag,
  UpdateEngagementRequest,
  UpdateExpertiseRequest,
  UpdateFireRequest,
  UpdateOpsLoadSampleRequest,
  UpdatePostmortemRequest,
  UpdateStressorFlagRequest,
} from '@internal/backstage-plugin-sre-health-common';

/**
 * An entity reference: either a string like `component:default/checkout`
 * or the compound form.
 * @public
 */
export type SreHealthEntityRef = string | CompoundEntityRef;

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

  createFire(request: CreateFireRequest): Promise<Fire>;
  updateFire(id: string, request: UpdateFireRequest): Promise<Fire>;
  deleteFire(id: string, version: number): Promise<void>;

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
}

/** @public */
export const sreHealthApiRef = createApiRef<SreHealthApi>({
  id: 'plugin.sre-health.service',
});
