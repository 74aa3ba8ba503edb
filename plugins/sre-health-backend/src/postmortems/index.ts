import {
  importPostmortemSchema,
  postmortemSchemasWith,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthFeature } from '../feature';
import type { Access } from '../http/access';
import { RecordService, WriteContext } from '../http/recordService';
import {
  ANNOTATION_PERMISSIONS,
  createRecordFeature,
  writeContext,
} from '../http/resourceRouter';
import { parseInput } from '../http/validation';
import type { SreHealthStore } from '../store';
import { parsePostmortemMarkdown } from './markdown';

/**
 * Every action item's owner is a person or a team of the catalog, as the caller sees it:
 * a 400 names the item (`actionItems[2].owner`) otherwise.
 */
async function resolveOwners<
  T extends { actionItems?: Array<{ owner?: string }> },
>(input: T, context: WriteContext): Promise<T> {
  await Promise.all(
    (input.actionItems ?? []).map((item, i) =>
      item.owner
        ? context.resolve(item.owner, `actionItems[${i}].owner`, [
            'User',
            'Group',
          ])
        : undefined,
    ),
  );
  return input;
}

/**
 * Postmortems, written in the form or imported from Markdown
 * (`POST /postmortems/import`); both go through the same service.
 * @internal
 */
export function createPostmortemsFeature(deps: {
  store: SreHealthStore;
  access: Access;
  /** `sreHealth.validation.maxFutureDays`: how far ahead an action item may be due. */
  maxFutureDays?: number;
}): SreHealthFeature {
  const { store, access, maxFutureDays } = deps;
  const schemas = postmortemSchemasWith({ maxFutureDays });
  const postmortems = new RecordService(store.postmortems, {
    beforeCreate: (input, _entity, context) => resolveOwners(input, context),
    beforeUpdate: (changes, _current, context) =>
      resolveOwners(changes, context),
  });
  const feature = createRecordFeature(access, {
    path: 'postmortems',
    refField: 'entityRef',
    createSchema: schemas.create,
    updateSchema: schemas.update,
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

export {
  LED_POSTMORTEM_ITEM,
  ledPostmortemColumns,
  ledPostmortemOf,
  linkLedPostmortem,
} from './ledPostmortem';
export type { LedPostmortemColumns } from './ledPostmortem';
