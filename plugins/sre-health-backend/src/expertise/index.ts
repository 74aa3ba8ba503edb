import {
  createExpertiseSchema,
  updateExpertiseSchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthFeature } from '../feature';
import type { Access } from '../http/access';
import { RecordService } from '../http/recordService';
import {
  ANNOTATION_PERMISSIONS,
  createRecordFeature,
} from '../http/resourceRouter';
import type { SreHealthStore } from '../store';

/** Who can operate a service, recorded by hand: the knowledge-silo card's input. @internal */
export function createExpertiseFeature(deps: {
  store: SreHealthStore;
  access: Access;
}): SreHealthFeature {
  return createRecordFeature(deps.access, {
    path: 'expertise',
    refField: 'entityRef',
    createSchema: createExpertiseSchema,
    updateSchema: updateExpertiseSchema,
    ...ANNOTATION_PERMISSIONS,
    service: new RecordService(deps.store.expertise, {
      // the person must be a user of the catalog the caller can see
      async beforeCreate(input, _entity, context) {
        await context.resolve(input.userRef, 'userRef', ['User']);
        return input;
      },
    }),
  });
}
