import type {
  Postmortem,
  PostmortemActionItem,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { RecordMapping } from '../database/VersionedRepository';
import { pick, versioned } from '../database/mapping';
import { VersionedRow, toIso, DbTimestamp } from '../database/tables';

/** @internal */
export interface PostmortemRow extends VersionedRow {
  entity_ref: string;
  title: string;
  occurred_at: DbTimestamp;
  impact: string;
  /** JSON array of strings. */
  contributing_factors: string;
  /** JSON array of {text, correctedClass?, owner?, state?, dueDate?}. */
  action_items: string;
  author: string;
}

/** @internal */
export interface NewPostmortem {
  entityRef: string;
  title: string;
  occurredAt: string;
  impact: string;
  /** None when not given. */
  contributingFactors?: string[];
  actionItems: PostmortemActionItem[];
}

/** @internal */
export const postmortemMapping: RecordMapping<
  Postmortem,
  PostmortemRow,
  NewPostmortem,
  Partial<Omit<NewPostmortem, 'entityRef'>>
> = {
  resourceType: 'postmortem',
  table: 'postmortems',
  refColumn: 'entity_ref',
  orderBy: [{ column: 'occurred_at', order: 'desc' }],
  toRecord: row => ({
    ...versioned(row),
    entityRef: row.entity_ref,
    title: row.title,
    occurredAt: toIso(row.occurred_at),
    impact: row.impact,
    contributingFactors: JSON.parse(row.contributing_factors ?? '[]'),
    actionItems: JSON.parse(row.action_items),
    author: row.author,
  }),
  fromCreate: (input, actor) => ({
    entity_ref: input.entityRef,
    title: input.title,
    occurred_at: new Date(input.occurredAt),
    impact: input.impact,
    contributing_factors: JSON.stringify(input.contributingFactors ?? []),
    action_items: JSON.stringify(input.actionItems),
    author: actor,
  }),
  fromUpdate: input => {
    const changes = pick<PostmortemRow>(input, {
      title: 'title',
      impact: 'impact',
    });
    if (input.occurredAt) changes.occurred_at = new Date(input.occurredAt);
    if (input.contributingFactors)
      changes.contributing_factors = JSON.stringify(input.contributingFactors);
    if (input.actionItems)
      changes.action_items = JSON.stringify(input.actionItems);
    return changes;
  },
  describeDuplicate: async () => 'postmortem already exists',
};
