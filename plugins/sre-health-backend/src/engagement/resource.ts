import { ConflictError } from '@backstage/errors';
import {
  createEngagementSchema,
  Engagement,
  sreHealthEngagementCreatePermission,
  sreHealthEngagementUpdatePermission,
  updateEngagementSchema,
} from '@internal/backstage-plugin-sre-health-common';
import { assertSreMember } from '../catalog/sreGroups';
import { RecordService } from '../http/recordService';
import type { RecordResource } from '../http/resourceRouter';
import type { SreHealthStore } from '../store';

/**
 * `/engagements`: an engagement as a record. Who may be embedded is the one SRE-group rule;
 * one active engagement per team is the database's (a partial unique index); a closed
 * engagement is frozen with its report, and never deleted: its history is the team's record.
 * @internal
 */
export function engagementResource(deps: {
  store: SreHealthStore;
  /** `sreHealth.sreGroups`. */
  sreGroups: string[];
}): RecordResource<Engagement> {
  return {
    path: 'engagements',
    refField: 'teamRef',
    createSchema: createEngagementSchema,
    updateSchema: updateEngagementSchema,
    createPermission: sreHealthEngagementCreatePermission,
    updatePermission: sreHealthEngagementUpdatePermission,
    service: new RecordService(
      deps.store.engagements,
      {
        async beforeCreate(input, _team, context) {
          const sre = await context.resolve(input.sreRef, 'sreRef', ['User']);
          assertSreMember(sre, input.sreRef, deps.sreGroups);
          return { ...input, startDate: input.startDate ?? today() };
        },
        beforeUpdate(changes, current) {
          if (current.phase === 'closed') {
            throw new ConflictError(
              `engagement ${current.id} is closed and can no longer change`,
            );
          }
          return changes;
        },
      },
      false,
    ),
  };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
