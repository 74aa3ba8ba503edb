import type {
  SloDefinitionRecord,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { RecordMapping } from '../database/VersionedRepository';
import { versioned } from '../database/mapping';
import { VersionedRow } from '../database/tables';
import { sloDocumentJson } from './sloDocument';

/** @internal */
export interface SloDefinitionRow extends VersionedRow {
  entity_ref: string;
  name: string;
  document: string;
  author: string;
}

/** @internal */
export interface NewSloDefinition {
  entityRef: string;
  name: string;
  document: Record<string, unknown>;
}

/** @internal */
export const sloDefinitionMapping: RecordMapping<
  SloDefinitionRecord,
  SloDefinitionRow,
  NewSloDefinition,
  { document?: Record<string, unknown> }
> = {
  resourceType: 'slo-definition',
  table: 'slo_definitions',
  refColumn: 'entity_ref',
  orderBy: [{ column: 'name', order: 'asc' }],
  toRecord: row => ({
    ...versioned(row),
    entityRef: row.entity_ref,
    name: row.name,
    document: JSON.parse(row.document),
    author: row.author,
  }),
  fromCreate: (input, actor) => ({
    entity_ref: input.entityRef,
    name: input.name,
    document: sloDocumentJson(input.document),
    author: actor,
  }),
  fromUpdate: input =>
    input.document ? { document: sloDocumentJson(input.document) } : {},
  describeDuplicate: async (_trx, values) =>
    `${values.entity_ref} already has an SLO named ${values.name}; update it instead`,
};
