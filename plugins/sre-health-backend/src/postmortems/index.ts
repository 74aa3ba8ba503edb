import {
  createPostmortemSchema,
  importPostmortemSchema,
  updatePostmortemSchema,
} from '@internal/backstage-plugin-sre-health-common';
import type { SreHealthFeature } from '../feature';
import type { Access } from '../http/access';
import { RecordService } from '../http/recordService';
import {
  ANNOTATION_PERMISSIONS,
  createRecordFeature,
  writeContext,
} from '../http/resourceRouter';
import { parseInput } from '../http/validation';
import type { SreHealthStore } from '../store';
import { parsePostmortemMarkdown } from './markdown';

/**
 * Postmortems, written in the form or imported from Markdown
 * (`POST /postmortems/import`); both go through the same service.
 * @internal
 */
export function createPostmortemsFeature(deps: {
  store: SreHealthStore;
  access: Access;
}): SreHealthFeature {
  const { store, access } = deps;
  const postmortems = new RecordService(store.postmortems);
  const feature = createRecordFeature(access, {
    path: 'postmortems',
    refField: 'entityRef',
    createSchema: createPostmortemSchema,
    updateSchema: updatePostmortemSchema,
    ...ANNOTATION_PERMISSIONS,
    service: postmortems,
  });
  feature.router!.post('/postmortems/import', async (req, res) => {
    const body = parseInput(importPostmortemSchema, req.body);
    const { credentials, actor } = await access.authorize(
      req,
      ANNOTATION_PERMISSIONS.createPermission,
      body.entityRef,
    );
    const entity = await access.resolveEntity(body.entityRef, credentials);
    const imported = parsePostmortemMarkdown(body.markdown);
    const created = await access.audited(
      req,
      {
        action: 'import',
        resourceType: 'postmortem',
        entityRef: body.entityRef,
      },
      () =>
        postmortems.create(
          { entityRef: body.entityRef, ...imported },
          entity,
          writeContext(access, actor, credentials),
        ),
    );
    res.status(201).json(created);
  });
  return feature;
}
