import type {
  ExpertiseLevel,
  ExpertiseRecord,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { RecordMapping } from '../database/VersionedRepository';
import { pick, versioned } from '../database/mapping';
import { VersionedRow } from '../database/tables';

/** @internal */
export interface ExpertiseRow extends VersionedRow {
  entity_ref: string;
  user_ref: string;
  level: string;
  author: string;
}

/** @internal */
export interface NewExpertise {
  entityRef: string;
  userRef: string;
  level: ExpertiseLevel;
}

/** @internal */
export const expertiseMapping: RecordMapping<
  ExpertiseRecord,
  ExpertiseRow,
  NewExpertise,
  { level?: ExpertiseLevel }
> = {
  resourceType: 'expertise',
  table: 'expertise',
  refColumn: 'entity_ref',
  orderBy: [{ column: 'user_ref', order: 'asc' }],
  toRecord: row => ({
    ...versioned(row),
    entityRef: row.entity_ref,
    userRef: row.user_ref,
    level: row.level as ExpertiseLevel,
    author: row.author,
  }),
  fromCreate: (input, actor) => ({
    entity_ref: input.entityRef,
    user_ref: input.userRef,
    level: input.level,
    author: actor,
  }),
  fromUpdate: input => pick<ExpertiseRow>(input, { level: 'level' }),
  describeDuplicate: async (_trx, values) =>
    `${values.user_ref}'s expertise on ${values.entity_ref} is already recorded; update it instead`,
};
