import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { SreHealthEntityRef, toRefString } from './refs';

/** What the client needs from the app. @public */
export interface SreHealthClientOptions {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}

/**
 * Requests to the sre-health backend through the app's `fetchApi`, so they carry the
 * user's Backstage credentials. A failed request throws the backend's error as a
 * `ResponseError`. Every area client is built over one of these.
 */
export interface SreHealthRequest {
  /** Sends `body` as JSON and reads JSON back; a 204 resolves to `undefined`. */
  json<T>(
    path: string,
    options?: { method?: string; body?: object },
  ): Promise<T>;
  /** Deletes with the `version` read earlier; a stale version is rejected with 409. */
  remove(path: string, version: number): Promise<void>;
  /** A file the backend renders (Markdown), as text. */
  text(path: string): Promise<string>;
  /** A file the backend renders (CSV, JSON), as a Blob to download. */
  blob(path: string): Promise<Blob>;
}

export function createRequest(
  options: SreHealthClientOptions,
): SreHealthRequest {
  const { discoveryApi, fetchApi } = options;

  async function send(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await discoveryApi.getBaseUrl('sre-health');
    const response = await fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  async function json<T>(
    path: string,
    { method, body }: { method?: string; body?: object } = {},
  ): Promise<T> {
    const response = await send(path, {
      method: method ?? 'GET',
      ...(body !== undefined && {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }

  return {
    json,
    async remove(path, version) {
      await json<void>(
        `${path}?${new URLSearchParams({ version: String(version) })}`,
        { method: 'DELETE' },
      );
    },
    text: async path => (await send(path)).text(),
    blob: async path => (await send(path)).blob(),
  };
}

/** The resource collections of the REST API; all share one list/create/update/delete shape. */
export type Collection =
  | 'stressor-flags'
  | 'engagements'
  | 'postmortems'
  | 'fires'
  | 'ops-load'
  | 'expertise'
  | 'slo-definitions'
  | 'deferred-problems'
  | 'complaints'
  | 'alert-diagnoses'
  | 'interrupt-causes';

/**
 * The routes of one collection of records of type `T`: `GET /{collection}?entityRef=`,
 * `POST /{collection}`, and `GET`, `PATCH`, `DELETE ?version=` on `/{collection}/{id}`.
 */
export function collection<T>(request: SreHealthRequest, name: Collection) {
  const path = (id: string) => `/${name}/${encodeURIComponent(id)}`;
  return {
    path,
    list: (entityRef: SreHealthEntityRef): Promise<T[]> =>
      request.json(
        `/${name}?${new URLSearchParams({
          entityRef: toRefString(entityRef),
        })}`,
      ),
    get: (id: string): Promise<T> => request.json(path(id)),
    create: (body: object): Promise<T> =>
      request.json(`/${name}`, { method: 'POST', body }),
    update: (id: string, body: object): Promise<T> =>
      request.json(path(id), { method: 'PATCH', body }),
    remove: (id: string, version: number) => request.remove(path(id), version),
  };
}
