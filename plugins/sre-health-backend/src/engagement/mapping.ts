import type { Knex } from 'knex';
import type {
  Engagement,
  EngagementPhase,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { RecordMapping } from '../database/VersionedRepository';
import { pick, versioned } from '../database/mapping';
import { VersionedRow } from '../database/tables';
import { describeStartConflict } from './seats';

/** @internal */
export interface EngagementRow extends VersionedRow {
  team_ref: string;
  sre_ref: string;
  phase: string;
  start_date: string;
  end_date: string | null;
  planned_end_date: string | null;
  concurrent_reason: string | null;
  goals: string;
  created_by: string;
}

/** @internal */
export interface NewEngagement {
  teamRef: string;
  sreRef: string;
  startDate: string;
  /** Required of every new engagement by the API; the store keeps older ones without. */
  plannedEndDate?: string | null;
  /** The override of an SRE already embedded elsewhere. */
  concurrentReason?: string | null;
  goals: string;
}
/** @internal */
export type EngagementChanges = Partial<
  Pick<Engagement, 'phase' | 'goals' | 'endDate' | 'plannedEndDate'>
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
    plannedEndDate: row.planned_end_date ?? null,
    concurrentReason: row.concurrent_reason ?? null,
    goals: row.goals,
    createdBy: row.created_by,
  }),
  fromCreate: (input, actor) => ({
    team_ref: input.teamRef,
    sre_ref: input.sreRef,
    phase: 'learn',
    start_date: input.startDate,
    end_date: null,
    planned_end_date: input.plannedEndDate ?? null,
    concurrent_reason: input.concurrentReason ?? null,
    goals: input.goals,
    created_by: actor,
  }),
  fromUpdate: input =>
    pick<EngagementRow>(input, {
      phase: 'phase',
      goals: 'goals',
      endDate: 'end_date',
      plannedEndDate: 'planned_end_date',
    }),
  describeDuplicate: (trx, values, current) =>
    describeStartConflict(trx, {
      teamRef: values.team_ref ?? current?.teamRef ?? '',
      sreRef: values.sre_ref ?? current?.sreRef ?? '',
      groups: [],
    }),
};
