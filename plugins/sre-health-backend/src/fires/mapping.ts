import type {
  Fire,
  FireKind,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { RecordMapping } from '../database/VersionedRepository';
import { pick, versioned } from '../database/mapping';
import { VersionedRow, toIso, DbTimestamp } from '../database/tables';

/** @internal */
export interface FireRow extends VersionedRow {
  entity_ref: string;
  title: string;
  occurred_at: DbTimestamp;
  kind: string;
  rationale: string;
  time_spent_minutes: number | null;
  author: string;
}

/** @internal */
export interface NewFire {
  entityRef: string;
  title: string;
  occurredAt: string;
  kind: FireKind;
  rationale: string;
  timeSpentMinutes?: number | null;
}

/** @internal */
export const fireMapping: RecordMapping<
  Fire,
  FireRow,
  NewFire,
  Partial<Omit<NewFire, 'entityRef'>>
> = {
  resourceType: 'fire',
  table: 'fires',
  refColumn: 'entity_ref',
  orderBy: [{ column: 'occurred_at', order: 'desc' }],
  toRecord: row => ({
    ...versioned(row),
    entityRef: row.entity_ref,
    title: row.title,
    occurredAt: toIso(row.occurred_at),
    kind: row.kind as FireKind,
    rationale: row.rationale,
    timeSpentMinutes:
      row.time_spent_minutes === null || row.time_spent_minutes === undefined
        ? null
        : Number(row.time_spent_minutes),
    author: row.author,
  }),
  fromCreate: (input, actor) => ({
    entity_ref: input.entityRef,
    title: input.title,
    occurred_at: new Date(input.occurredAt),
    kind: input.kind,
    rationale: input.rationale,
    time_spent_minutes: input.timeSpentMinutes ?? null,
    author: actor,
  }),
  fromUpdate: input => {
    const changes = pick<FireRow>(input, {
      title: 'title',
      kind: 'kind',
      rationale: 'rationale',
      timeSpentMinutes: 'time_spent_minutes',
    });
    if (input.occurredAt) changes.occurred_at = new Date(input.occurredAt);
    return changes;
  },
  describeDuplicate: async () => 'fire already exists',
};
