import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import {
  createInterruptCauseSchema,
  updateInterruptCauseSchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthFeature } from '../feature';
import type { Access } from '../http/access';
import { RecordService } from '../http/recordService';
import {
  ANNOTATION_PERMISSIONS,
  createRecordFeature,
} from '../http/resourceRouter';
import { AlertFiringStore } from '../stressors';
import type { SreHealthStore } from '../store';
import { InterruptStore } from './InterruptStore';
import { OpsTimeRecorder } from './OpsTimeRecorder';
import { createOpsTimeRouter } from './router';

export { OpsTimeRecorder, interruptEvidenceOf } from './OpsTimeRecorder';
export { InterruptStore } from './InterruptStore';
export { opsTimeWeekListMapping } from './mapping';

/**
 * A team's ops time computed from its recorded work (issue #18): fires' time, pages and
 * pushed interrupts against its members' capacity; the typed samples stay as an explicit
 * override. Also the interrupt ledger and the SRE's sorting of its causes.
 * @internal
 */
export function createOpsTimeFeature(deps: {
  store: SreHealthStore;
  access: Access;
  catalog: CatalogService;
  auth: AuthService;
  /** `sreHealth.opsLoad.hoursPerPersonWeek` with the team overrides. */
  hoursPerPersonWeek(teamRef: string): number;
  maxFutureDays?: number;
  now?: () => Date;
}): SreHealthFeature & { recorder: OpsTimeRecorder } {
  const { store, access } = deps;
  const interrupts = new InterruptStore(store.db);
  const recorder = new OpsTimeRecorder({
    store,
    alerts: new AlertFiringStore(store.db),
    interrupts,
    catalog: deps.catalog,
    auth: deps.auth,
    hoursPerPersonWeek: deps.hoursPerPersonWeek,
    now: deps.now,
  });
  // a cause is linked only to a kindling item of the same team
  const checkItem = async (teamRef: string, id?: string | null) => {
    if (!id) return;
    const item = await store.db('engagement_kindling').where({ id }).first();
    if (!item || item.team_ref !== teamRef) {
      throw new InputError(
        `kindlingItemId: ${id} is not a kindling item of ${teamRef}`,
      );
    }
  };
  const causes = new RecordService(store.interruptCauses, {
    beforeCreate: async input => {
      await checkItem(input.teamRef, input.kindlingItemId);
      return input;
    },
    beforeUpdate: async (changes, current) => {
      await checkItem(current.teamRef, changes.kindlingItemId);
      return changes;
    },
  });
  const feature = createRecordFeature(access, {
    path: 'interrupt-causes',
    refField: 'teamRef',
    createSchema: createInterruptCauseSchema,
    updateSchema: updateInterruptCauseSchema,
    ...ANNOTATION_PERMISSIONS,
    service: causes,
  });
  feature.router!.use(
    createOpsTimeRouter({
      access,
      interrupts,
      recorder,
      maxFutureDays: deps.maxFutureDays,
      now: deps.now,
    }),
  );
  return { ...feature, recorder };
}
