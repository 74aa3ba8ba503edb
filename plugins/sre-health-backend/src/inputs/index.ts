import {
  createAlertDiagnosisSchema,
  createComplaintSchema,
  deferredProblemSchemasWith,
  updateAlertDiagnosisSchema,
  updateComplaintSchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthFeature } from '../feature';
import type { Access } from '../http/access';
import { RecordService, WriteContext } from '../http/recordService';
import {
  ANNOTATION_PERMISSIONS,
  createRecordFeature,
} from '../http/resourceRouter';
import type { SreHealthStore } from '../store';

/**
 * What the team tells the embedded SRE, the stressor detectors' inputs: deferred
 * problems, complaints, and diagnoses of alerts.
 * @internal
 */
export function createInputsFeature(deps: {
  store: SreHealthStore;
  access: Access;
  /** `sreHealth.validation.maxFutureDays`. */
  maxFutureDays: number;
}): SreHealthFeature {
  const { store, access, maxFutureDays } = deps;
  const deferred = deferredProblemSchemasWith({ maxFutureDays });
  // Whoever answers for the alert: a person or a team of the catalog.
  const resolveOwner = async <T extends { ownerRef?: string | null }>(
    input: T,
    context: WriteContext,
  ): Promise<T> => {
    if (input.ownerRef) {
      await context.resolve(input.ownerRef, 'ownerRef', ['User', 'Group']);
    }
    return input;
  };
  return createRecordFeature(
    access,
    {
      path: 'deferred-problems',
      refField: 'entityRef',
      createSchema: deferred.create,
      updateSchema: deferred.update,
      ...ANNOTATION_PERMISSIONS,
      service: new RecordService(store.deferredProblems),
    },
    {
      path: 'complaints',
      refField: 'entityRef',
      createSchema: createComplaintSchema,
      updateSchema: updateComplaintSchema,
      ...ANNOTATION_PERMISSIONS,
      service: new RecordService(store.complaints),
    },
    {
      path: 'alert-diagnoses',
      refField: 'entityRef',
      createSchema: createAlertDiagnosisSchema,
      updateSchema: updateAlertDiagnosisSchema,
      ...ANNOTATION_PERMISSIONS,
      service: new RecordService(store.alertDiagnoses, {
        beforeCreate: (input, _entity, context) =>
          resolveOwner(input, context),
        beforeUpdate: (changes, _current, context) =>
          resolveOwner(changes, context),
      }),
    },
  );
}
