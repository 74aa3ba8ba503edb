import type { Knex } from 'knex';
import type {
  Engagement,
  EngagementPhase,
} from '@internal/backstage-plugin-sre-health-common';
import type { RecordMapping } from '../database/VersionedRepository';
import { pick, versioned } from '../database/mapping';
import { VersionedRow } from '../database/tables';

/** @internal */
export interface EngagementRow extends VersionedRow {
  team_ref: string;
  sre_ref: string;
  phase: string;
  start_date: string;
  end_date: string | null;
  goals: string;
  created_by: string;
}

/** @internal */
export interface NewEngagement {
  teamRef: string;
  sreRef: string;
  startDate: string;
  goals: string;
}
/** @internal */
export type EngagementChanges = Partial<
  Pick<Engagement, 'phase' | 'goals' | 'endDate'>
>;

/** @internal */
export async function activeEngagementRow(
  db: Knex | Knex.Transaction,
  teamRef: string,
): Promise<EngagementRow | undefined> {
  return db<EngagementRow>('engagements')
    .where({ team_ref: teamRef })
    .whereNot({ phase: 'closed' })
    .first();
}

/** @internal */
export const engagementMapping: RecordMapping<
  Engagement,
  EngagementRow,
  NewEngagement,
  EngagementChanges
> = {
  resourceType: 'engagement',
  table: 'engagements',
  refColumn: 'team_ref',
  orderBy: [{ column: 'start_date', order: 'desc' }],
  toRecord: row => ({
    ...versioned(row),
    teamRef: row.team_ref,
    sreRef: row.sre_ref,
    phase: row.phase as EngagementPhase,
    startDate: row.start_date,
    endDate: row.end_date,
    goals: row.goals,
    createdBy: row.created_by,
  }),
  fromCreate: (input, actor) => ({
    team_ref: input.teamRef,
    sre_ref: input.sreRef,
    phase: 'learn',
    start_date: input.startDate,
    end_date: null,
    goals: input.goals,
    created_by: actor,
  }),
  fromUpdate: input =>
    pick<EngagementRow>(input, {
      phase: 'phase',
      goals: 'goals',
      endDate: 'end_date',
    }),
  describeDuplicate: async (trx, values, current) => {
    const teamRef = values.team_ref ?? current?.teamRef ?? '';
    const active = await activeEngagementRow(trx, teamRef);
    return active
      ? `${teamRef} already has an embedded SRE: ${active.sre_ref} (engagement ${active.id}, phase ${active.phase}). Only one SRE is embedded in a team at a time.`
      : `${teamRef} already has an active engagement. Only one SRE is embedded in a team at a time.`;
  },
};
