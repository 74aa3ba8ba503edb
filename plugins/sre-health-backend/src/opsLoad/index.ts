import {
  createOpsLoadSampleSchema,
  updateOpsLoadSampleSchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthFeature } from '../feature';
import type { Access } from '../http/access';
import { RecordService } from '../http/recordService';
import {
  ANNOTATION_PERMISSIONS,
  createRecordFeature,
} from '../http/resourceRouter';
import type { SreHealthStore } from '../store';

/** A team's weekly ops and project hours, the overload figure's input. @internal */
export function createOpsLoadFeature(deps: {
  store: SreHealthStore;
  access: Access;
}): SreHealthFeature {
  return createRecordFeature(deps.access, {
    path: 'ops-load',
    refField: 'teamRef',
    createSchema: createOpsLoadSampleSchema,
    updateSchema: updateOpsLoadSampleSchema,
    ...ANNOTATION_PERMISSIONS,
    service: new RecordService(deps.store.opsLoad),
  });
}
