import type {
  CreateFireRequest,
  CreatePostmortemRequest,
  Fire,
  Postmortem,
  UpdateFireRequest,
  UpdatePostmortemRequest,
} from '@sre-health/backstage-plugin-sre-health-common';
import { entityPath, SreHealthEntityRef } from './refs';
import { collection, SreHealthRequest } from './request';

/** A postmortem written in Markdown (`# Title`, `Date:`, `## Action items`). @public */
export interface ImportPostmortemRequest {
  entityRef: string;
  markdown: string;
}

/** The fires of an entity (sorted into toil or overhead) and its postmortems. @public */
export interface FiresApi {
  createFire(request: CreateFireRequest): Promise<Fire>;
  updateFire(id: string, request: UpdateFireRequest): Promise<Fire>;
  deleteFire(id: string, version: number): Promise<void>;
  /** The fires sorted into toil, overhead and unsorted, with their rationale, as Markdown. */
  getFiresMarkdown(entityRef: SreHealthEntityRef): Promise<string>;

  createPostmortem(request: CreatePostmortemRequest): Promise<Postmortem>;
  updatePostmortem(
    id: string,
    request: UpdatePostmortemRequest,
  ): Promise<Postmortem>;
  deletePostmortem(id: string, version: number): Promise<void>;
  /** Creates a postmortem from Markdown; a 400 names the parts that are missing. */
  importPostmortem(request: ImportPostmortemRequest): Promise<Postmortem>;
}

export function createFiresClient(request: SreHealthRequest): FiresApi {
  const fires = collection<Fire>(request, 'fires');
  const postmortems = collection<Postmortem>(request, 'postmortems');
  return {
    createFire: fires.create,
    updateFire: fires.update,
    deleteFire: fires.remove,
    getFiresMarkdown: entityRef =>
      request.text(`${entityPath(entityRef)}/fires.md`),
    createPostmortem: postmortems.create,
    updatePostmortem: postmortems.update,
    deletePostmortem: postmortems.remove,
    importPostmortem: body =>
      request.json('/postmortems/import', { method: 'POST', body }),
  };
}
