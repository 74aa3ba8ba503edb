import type {
  OpsLoadSample,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { RecordMapping } from '../database/VersionedRepository';
import { pick, versioned } from '../database/mapping';
import { VersionedRow } from '../database/tables';

/** @internal */
export interface OpsLoadSampleRow extends VersionedRow {
  team_ref: string;
  week_start: string;
  ops_hours: number;
  project_hours: number;
  author: string;
}

/** @internal */
export interface NewOpsLoadSample {
  teamRef: string;
  weekStart: string;
  opsHours: number;
  projectHours: number;
}

/** @internal */
export const opsLoadSampleMapping: RecordMapping<
  OpsLoadSample,
  OpsLoadSampleRow,
  NewOpsLoadSample,
  Partial<Pick<NewOpsLoadSample, 'opsHours' | 'projectHours'>>
> = {
  resourceType: 'ops-load-sample',
  table: 'ops_load_samples',
  refColumn: 'team_ref',
  orderBy: [{ column: 'week_start', order: 'asc' }],
  toRecord: row => ({
    ...versioned(row),
    teamRef: row.team_ref,
    weekStart: row.week_start,
    opsHours: Number(row.ops_hours),
    projectHours: Number(row.project_hours),
    author: row.author,
  }),
  fromCreate: (input, actor) => ({
    team_ref: input.teamRef,
    week_start: input.weekStart,
    ops_hours: input.opsHours,
    project_hours: input.projectHours,
    author: actor,
  }),
  fromUpdate: input =>
    pick<OpsLoadSampleRow>(input, {
      opsHours: 'ops_hours',
      projectHours: 'project_hours',
    }),
  describeDuplicate: async (_trx, values) =>
    `${values.team_ref} already has an ops-load sample for the week of ${values.week_start}; update it instead`,
};
