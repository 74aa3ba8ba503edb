import type {
  InterruptCause,
  InterruptCauseClass,
  OpsShareSource,
  TeamOpsWeek,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { RecordMapping } from '../database/VersionedRepository';
import { pick, versioned } from '../database/mapping';
import { DbTimestamp, VersionedRow } from '../database/tables';

/** @internal */
export interface InterruptCauseRow extends VersionedRow {
  team_ref: string;
  cause_key: string;
  cause_class: string;
  kindling_item_id: string | null;
  author: string;
}

/** @internal */
export interface NewInterruptCause {
  teamRef: string;
  causeKey: string;
  causeClass: InterruptCauseClass;
  kindlingItemId?: string | null;
}

/** The SRE's sorting of a team's interrupt causes: one row per (team, cause). @internal */
export const interruptCauseMapping: RecordMapping<
  InterruptCause,
  InterruptCauseRow,
  NewInterruptCause,
  Partial<Pick<NewInterruptCause, 'causeClass' | 'kindlingItemId'>>
> = {
  resourceType: 'interrupt-cause',
  table: 'interrupt_causes',
  refColumn: 'team_ref',
  orderBy: [{ column: 'cause_key', order: 'asc' }],
  toRecord: row => ({
    ...versioned(row),
    teamRef: row.team_ref,
    causeKey: row.cause_key,
    causeClass: row.cause_class as InterruptCauseClass,
    kindlingItemId: row.kindling_item_id ?? null,
    author: row.author,
  }),
  fromCreate: (input, actor) => ({
    team_ref: input.teamRef,
    cause_key: input.causeKey,
    cause_class: input.causeClass,
    kindling_item_id: input.kindlingItemId ?? null,
    author: actor,
  }),
  fromUpdate: input =>
    pick<InterruptCauseRow>(input, {
      causeClass: 'cause_class',
      kindlingItemId: 'kindling_item_id',
    }),
  describeDuplicate: async (_trx, values) =>
    `${values.team_ref} already sorted the cause ${values.cause_key}; update it instead`,
};

/** A row of `ops_time_weeks`. @internal */
export interface OpsTimeWeekRow {
  team_ref: string;
  week_start: string;
  source: string;
  share: number | null;
  ops_hours: number;
  base_hours: number;
  typed_share: number | null;
  computed_share: number | null;
  toil_share: number | null;
  fire_hours: number | null;
  page_hours: number | null;
  interrupt_hours: number | null;
  toil_hours: number | null;
  fires: number | null;
  untimed_fires: number | null;
  pages: number | null;
  interrupts: number | null;
  members: number | null;
  hours_per_person: number | null;
  capacity_hours: number | null;
  computed_at: DbTimestamp;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** A stored week back into the -common shape. @internal */
export function toTeamOpsWeek(row: OpsTimeWeekRow): TeamOpsWeek {
  const week: TeamOpsWeek = {
    weekStart: row.week_start,
    share: num(row.share),
    source: row.source as OpsShareSource,
    opsHours: Number(row.ops_hours),
    baseHours: Number(row.base_hours),
    typedShare: num(row.typed_share),
    computedShare: num(row.computed_share),
    toilShare: num(row.toil_share),
  };
  if (row.fire_hours !== null && row.fire_hours !== undefined) {
    const members = Number(row.members);
    const hoursPerPersonWeek = Number(row.hours_per_person);
    week.computed = {
      weekStart: row.week_start,
      fireHours: Number(row.fire_hours),
      pageHours: Number(row.page_hours),
      interruptHours: Number(row.interrupt_hours),
      opsHours:
        Number(row.fire_hours) +
        Number(row.page_hours) +
        Number(row.interrupt_hours),
      toilHours: Number(row.toil_hours),
      fires: Number(row.fires),
      untimedFires: Number(row.untimed_fires),
      pages: Number(row.pages),
      interrupts: Number(row.interrupts),
      members,
      hoursPerPersonWeek,
      capacityHours: Number(row.capacity_hours),
      share: num(row.computed_share),
    };
  }
  return week;
}

/** A week into its row. @internal */
export function fromTeamOpsWeek(
  teamRef: string,
  w: TeamOpsWeek,
  at: Date,
): OpsTimeWeekRow {
  const c = w.computed;
  return {
    team_ref: teamRef,
    week_start: w.weekStart,
    source: w.source,
    share: w.share,
    ops_hours: w.opsHours,
    base_hours: w.baseHours,
    typed_share: w.typedShare,
    computed_share: w.computedShare,
    toil_share: w.toilShare,
    fire_hours: c?.fireHours ?? null,
    page_hours: c?.pageHours ?? null,
    interrupt_hours: c?.interruptHours ?? null,
    toil_hours: c?.toilHours ?? null,
    fires: c?.fires ?? null,
    untimed_fires: c?.untimedFires ?? null,
    pages: c?.pages ?? null,
    interrupts: c?.interrupts ?? null,
    members: c?.members ?? null,
    hours_per_person: c?.hoursPerPersonWeek ?? null,
    capacity_hours: c?.capacityHours ?? null,
    computed_at: at,
  };
}

/**
 * The stored weeks as one list of the tab's single read (TabRecordsReader): the computed
 * terms of the owning team, merged there with its typed samples by the -common rule.
 * @internal
 */
export const opsTimeWeekListMapping = {
  resourceType: 'ops-time-week',
  table: 'ops_time_weeks',
  refColumn: 'team_ref',
  orderBy: [{ column: 'week_start', order: 'asc' as const }],
  toRecord: toTeamOpsWeek,
};
