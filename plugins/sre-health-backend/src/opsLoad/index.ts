import {
  OpsLoadSample,
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

/** The samples' write path, telling `onChange` the team whose weeks changed. */
class FollowedRecordService extends RecordService<OpsLoadSample> {
  constructor(
    private readonly samples: SreHealthStore['opsLoad'],
    private readonly onChange: (teamRef: string) => Promise<unknown>,
  ) {
    super(samples);
  }

  async create(...args: Parameters<RecordService<OpsLoadSample>['create']>) {
    const sample = await super.create(...args);
    await this.onChange(sample.teamRef);
    return sample;
  }

  async update(...args: Parameters<RecordService<OpsLoadSample>['update']>) {
    const sample = await super.update(...args);
    await this.onChange(sample.teamRef);
    return sample;
  }

  async delete(id: string, version: number, actor: string) {
    const sample = await this.samples.getOrThrow(id);
    await super.delete(id, version, actor);
    await this.onChange(sample.teamRef);
  }
}

/** A team's weekly ops and project hours, the overload figure's input. @internal */
export function createOpsLoadFeature(deps: {
  store: SreHealthStore;
  access: Access;
  /** After a typed week is written or deleted: the team's stored share follows it. */
  onChange?: (teamRef: string) => Promise<unknown>;
}): SreHealthFeature {
  return createRecordFeature(deps.access, {
    path: 'ops-load',
    refField: 'teamRef',
    createSchema: createOpsLoadSampleSchema,
    updateSchema: updateOpsLoadSampleSchema,
    ...ANNOTATION_PERMISSIONS,
    service: deps.onChange
      ? new FollowedRecordService(deps.store.opsLoad, deps.onChange)
      : new RecordService(deps.store.opsLoad),
  });
}
