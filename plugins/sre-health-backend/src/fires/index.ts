import {
  Fire,
  createFireSchema,
  updateFireSchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthFeature } from '../feature';
import { Access, entityRefOf } from '../http/access';
import { RecordService } from '../http/recordService';
import {
  ANNOTATION_PERMISSIONS,
  createRecordFeature,
} from '../http/resourceRouter';
import { entityRefFromPath } from '../http/validation';
import type { SreHealthStore } from '../store';
import { firesToMarkdown } from './markdown';

/**
 * Fires: the interrupts an embedded SRE sorts into toil and overhead. Their records, and
 * `GET /entities/:kind/:namespace/:name/fires.md`, the sorted list handed to the team.
 * @internal
 */
export function createFiresFeature(deps: {
  store: SreHealthStore;
  access: Access;
}): SreHealthFeature & {
  /** The fires' write path, for the actions too. */
  fires: RecordService<Fire>;
} {
  const { store, access } = deps;
  const fires = new RecordService(store.fires);
  const feature = createRecordFeature(access, {
    path: 'fires',
    refField: 'entityRef',
    createSchema: createFireSchema,
    updateSchema: updateFireSchema,
    ...ANNOTATION_PERMISSIONS,
    service: fires,
  });
  feature.router!.get(
    '/entities/:kind/:namespace/:name/fires.md',
    async (req, res) => {
      const credentials = await access.reader(req);
      const entity = await access.resolveEntity(
        entityRefFromPath(req.params),
        credentials,
      );
      const ref = entityRefOf(entity);
      res
        .type('text/markdown; charset=utf-8')
        .set(
          'Content-Disposition',
          `attachment; filename="fires-${entity.metadata.name}.md"`,
        )
        .send(firesToMarkdown(ref, await store.fires.list(ref)));
    },
  );
  return { ...feature, fires };
}
