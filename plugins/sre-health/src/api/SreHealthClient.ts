import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
import type { SreHealthApi, SreHealthEntityRef } from './SreHealthApi';

/** The resource collections of the REST API; all share one create/update/delete shape. */
type Collection =
  | 'stressor-flags'
  | 'engagements'
  | 'postmortems'
  | 'fires'
  | 'ops-load'
  | 'expertise';

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

  listStressorFlags(entityRef: SreHealthEntityRef): Promise<StressorFlag[]> {
    const ref = toRefString(entityRef);
    return this.request(
      `/stressor-flags?${new URLSearchParams({ entityRef: ref })}`,
    );
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

  createFire(request: CreateFireRequest) {
    return this.create<Fire>('fires', request);
  }

  updateFire(id: string, request: UpdateFireRequest) {
    return this.update<Fire>('fires', id, request);
  }

  deleteFire(id: string, version: number) {
    return this.remove('fires', id, version);
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

/** `/entities/{kind}/{namespace}/{name}`; the backend lower-cases the parts. */
function entityPath(entityRef: SreHealthEntityRef): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}
