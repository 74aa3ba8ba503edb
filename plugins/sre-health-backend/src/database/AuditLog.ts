import type { Knex } from 'knex';
import type { AuditEntry } from '@sre-health/backstage-plugin-sre-health-common';
import { AuditLogRow, toIso } from './tables';
import { type WriteTransaction, touch } from './unitOfWork';

/** What one write did, written in the same transaction as the write itself. @internal */
export interface AuditRecord {
  entityRef: string;
  actor: string;
  action: 'create' | 'update' | 'delete';
  resourceType: string;
  resourceId: string;
  before: unknown;
  after: unknown;
}

/**
 * Who changed what and when, with the record before and after, readable per entity.
 * Backstage's auditor service logs the same events; this table is what the tab can show.
 * @internal
 */
export class AuditLog {
  constructor(private readonly db: Knex) {}

  async record(
    trx: WriteTransaction,
    entry: AuditRecord,
    at: Date,
  ): Promise<void> {
    await trx<AuditLogRow>('audit_log').insert({
      entity_ref: entry.entityRef,
      actor: entry.actor,
      action: entry.action,
      resource_type: entry.resourceType,
      resource_id: entry.resourceId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      at: at as unknown as AuditLogRow['at'],
    });
    // Every audited write changes what the entity's tab shows.
    touch(trx, entry.entityRef);
  }

  async listForEntity(entityRef: string, limit = 200): Promise<AuditEntry[]> {
    const rows = await this.db<AuditLogRow>('audit_log')
      .where({ entity_ref: entityRef })
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toEntry);
  }

  /**
   * One kind of write on several entities, newest first: `actor`'s updates of
   * `resourceType` at or after `since` whose record before contained `beforeContains`
   * (a JSON fragment, e.g. `"status":"exempt"`). The time is compared here, not in SQL,
   * as the two databases keep timestamps differently.
   */
  async listUpdates(query: {
    entityRefs: ReadonlyArray<string>;
    resourceType: string;
    actor: string;
    since: Date;
    beforeContains: string;
    limit?: number;
  }): Promise<AuditEntry[]> {
    if (query.entityRefs.length === 0) return [];
    const pattern = `%${query.beforeContains.replace(
      /[\\%_]/g,
      c => `\\${c}`,
    )}%`;
    const rows = await this.db<AuditLogRow>('audit_log')
      .whereIn('entity_ref', [...query.entityRefs])
      .where({
        resource_type: query.resourceType,
        actor: query.actor,
        action: 'update',
      })
      .whereRaw(`before LIKE ? ESCAPE '\\'`, [pattern])
      .orderBy('id', 'desc')
      .limit(query.limit ?? 500);
    return rows
      .map(toEntry)
      .filter(e => Date.parse(e.at) >= query.since.getTime());
  }
}

function toEntry(row: AuditLogRow): AuditEntry {
  return {
    id: String(row.id),
    entityRef: row.entity_ref,
    actor: row.actor,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
    at: toIso(row.at),
  };
}
