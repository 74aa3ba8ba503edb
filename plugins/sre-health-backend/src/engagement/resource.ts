import { ConflictError, InputError } from '@backstage/errors';
import type { Entity } from '@backstage/catalog-model';
import {
  createEngagementSchema,
  Engagement,
  plannedEndProblem,
  sreHealthEngagementCreatePermission,
  sreHealthEngagementUpdatePermission,
  updateEngagementSchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { z } from 'zod';
import { RecordService, type WriteContext } from '../http/recordService';
import type { RecordResource } from '../http/resourceRouter';
import type { SreHealthStore } from '../store';
import type { EngagementLifecycleService } from './EngagementLifecycleService';

/**
 * Engagements are created the one way every engagement starts (the lifecycle's rules: a
 * real SRE, a planned end, one SRE at a time and the seats it takes), and edited as records.
 */
class EngagementRecordService extends RecordService<Engagement> {
  constructor(
    store: SreHealthStore,
    private readonly engagements: EngagementLifecycleService,
  ) {
    super(
      store.engagements,
      {
        beforeUpdate(changes, current) {
          if (current.phase === 'closed') {
            throw new ConflictError(
              `engagement ${current.id} is closed and can no longer change`,
            );
          }
          const problem =
            changes.plannedEndDate &&
            plannedEndProblem(current.startDate, changes.plannedEndDate);
          if (problem) throw new InputError(`plannedEndDate: ${problem}`);
          return changes;
        },
      },
      false,
    );
  }

  override create(
    input: z.output<typeof createEngagementSchema>,
    team: Entity,
    context: WriteContext,
  ): Promise<Engagement> {
    return this.engagements.create(
      input,
      team,
      context.actor,
      context.credentials,
    );
  }
}

/**
 * `/engagements`: an engagement as a record. Who may be embedded is the one SRE-group rule;
 * one SRE at a time (per team, across nested groups, per SRE) is the database's, through
 * partial unique indexes; a closed engagement is frozen with its report, and never
 * deleted: its history is the team's record.
 * @internal
 */
export function engagementResource(deps: {
  store: SreHealthStore;
  engagements: EngagementLifecycleService;
}): RecordResource<Engagement> {
  return {
    path: 'engagements',
    refField: 'teamRef',
    createSchema: createEngagementSchema,
    updateSchema: updateEngagementSchema,
    createPermission: sreHealthEngagementCreatePermission,
    updatePermission: sreHealthEngagementUpdatePermission,
    service: new EngagementRecordService(deps.store, deps.engagements),
  };
}
