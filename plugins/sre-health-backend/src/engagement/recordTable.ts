import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  Engagement,
  Versioned,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { AuditLog } from '../database/AuditLog';
import type { VersionedRow } from '../database/tables';
import type { WriteTransaction } from '../database/unitOfWork';

/** The database handle a read runs on: the store's, or a transaction's. @internal */
export type Db = Knex | Knex.Transaction;

/** 409 for a write that named a version that is no longer current. @internal */
export function stale(
  resourceType: string,
  id: string,
  sent: number | undefined,
  current?: number,
): ConflictError {
  return new ConflictError(
    `${resourceType} ${id} was changed by someone else: you sent version ${
      sent ?? '(none)'
    }${
      current === undefined ? '' : ` (current version ${current})`
    }; reload and try again`,
  );
}

/** How one kind of row of an engagement's record maps to its table. @internal */
export interface RecordTableMapping<TRecord, TRow> {
  /** Singular kebab-case name used in messages and the audit log. */
  resourceType: string;
  table: string;
  toRecord(row: TRow): TRecord;
  orderBy: Array<[string, 'asc' | 'desc']>;
}

/**
 * One kind of versioned row of an engagement's record (decisions, kindling, questions,
 * checklist ticks): created, updated and deleted inside the caller's transaction, each
 * write audited against the engagement's team in that same transaction.
 * @internal
 */
export class RecordTable<TRecord extends Versioned, TRow extends VersionedRow> {
  readonly resourceType: string;
  readonly table: string;
  readonly toRecord: (row: TRow) => TRecord;

  constructor(
    private readonly audit: AuditLog,
    private readonly mapping: RecordTableMapping<TRecord, TRow>,
  ) {
    this.resourceType = mapping.resourceType;
    this.table = mapping.table;
    this.toRecord = mapping.toRecord;
  }

  async list(db: Db, engagementId: string): Promise<TRecord[]> {
    return this.listIn(db, [engagementId]);
  }

  /** The rows of several engagements, in the mapping's order. */
  async listIn(db: Db, engagementIds: string[]): Promise<TRecord[]> {
    if (engagementIds.length === 0) return [];
    let query = db<TRow>(this.table).whereIn('engagement_id', engagementIds);
    for (const [column, order] of this.mapping.orderBy) {
      query = query.orderBy(column, order);
    }
    const rows = (await query) as TRow[];
    return rows.map(this.toRecord);
  }

  /** The row `id` of this engagement; 404 naming the resource when there is none. */
  async getIn(db: Db, engagement: Engagement, id: string): Promise<TRecord> {
    const row = (await db(this.table)
      .where({ id, engagement_id: engagement.id })
      .first()) as TRow | undefined;
    if (!row) {
      throw new NotFoundError(
        `${this.resourceType} ${id} does not exist in engagement ${engagement.id}`,
      );
    }
    return this.toRecord(row);
  }

  async create(
    trx: WriteTransaction,
    engagement: Engagement,
    values: Record<string, unknown>,
    actor: string,
    now: Date,
  ): Promise<TRecord> {
    const id = randomUUID();
    await trx(this.table).insert({
      ...values,
      id,
      engagement_id: engagement.id,
      team_ref: engagement.teamRef,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    const created = await this.getIn(trx, engagement, id);
    await this.record(trx, engagement, actor, 'create', null, created, now);
    return created;
  }

  /** Applies the changes if `expectedVersion` is still current, else 409 and nothing changes. */
  async update(
    trx: WriteTransaction,
    engagement: Engagement,
    id: string,
    expectedVersion: number,
    changes: (current: TRecord) => Record<string, unknown>,
    actor: string,
    now: Date,
  ): Promise<TRecord> {
    const before = await this.getIn(trx, engagement, id);
    if (before.version !== expectedVersion) {
      throw stale(this.resourceType, id, expectedVersion, before.version);
    }
    const updated = await trx(this.table)
      .where({ id, version: expectedVersion })
      .update({
        ...changes(before),
        version: expectedVersion + 1,
        updated_at: now,
      });
    if (updated !== 1) {
      throw stale(this.resourceType, id, expectedVersion);
    }
    const after = await this.getIn(trx, engagement, id);
    await this.record(trx, engagement, actor, 'update', before, after, now);
    return after;
  }

  async delete(
    trx: WriteTransaction,
    engagement: Engagement,
    id: string,
    expectedVersion: number,
    actor: string,
    now: Date,
  ): Promise<void> {
    const before = await this.getIn(trx, engagement, id);
    if (before.version !== expectedVersion) {
      throw stale(this.resourceType, id, expectedVersion, before.version);
    }
    const deleted = await trx(this.table)
      .where({ id, version: expectedVersion })
      .delete();
    if (deleted !== 1) {
      throw stale(this.resourceType, id, expectedVersion);
    }
    await this.record(trx, engagement, actor, 'delete', before, null, now);
  }

  private async record(
    trx: WriteTransaction,
    engagement: Engagement,
    actor: string,
    action: 'create' | 'update' | 'delete',
    before: TRecord | null,
    after: TRecord | null,
    now: Date,
  ) {
    await this.audit.record(
      trx,
      {
        entityRef: engagement.teamRef,
        actor,
        action,
        resourceType: this.resourceType,
        resourceId: (after ?? before)!.id,
        before,
        after,
      },
      now,
    );
  }
}
