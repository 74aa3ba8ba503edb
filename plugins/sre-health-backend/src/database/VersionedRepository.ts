import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { Versioned } from '@sre-health/backstage-plugin-sre-health-common';
import { AuditLog } from './AuditLog';
import { isUniqueViolation } from './errors';
import { VersionedRow } from './tables';
import { unitOfWork } from './unitOfWork';

/**
 * How one kind of record maps to its table. Every SRE Health record is versioned,
 * annotates one catalog entity (or team), and is audited; only the mapping differs.
 * @internal
 */
export interface RecordMapping<
  TRecord extends Versioned,
  TRow extends VersionedRow,
  TCreate,
  TUpdate,
> {
  /** Singular kebab-case name used in messages and the audit log, e.g. `stressor-flag`. */
  resourceType: string;
  table: string;
  /** The column holding the entity ref this record annotates. */
  refColumn: keyof TRow & string;
  /** `nulls` puts NULLs first or last the same way on every database. */
  orderBy: Array<{
    column: keyof TRow & string;
    order: 'asc' | 'desc';
    nulls?: 'first' | 'last';
  }>;
  toRecord(row: TRow): TRecord;
  fromCreate(
    input: TCreate,
    actor: string,
    now: Date,
  ): Omit<TRow, keyof VersionedRow>;
  fromUpdate(
    input: TUpdate,
    current: TRecord,
    now: Date,
    actor: string,
  ): Partial<TRow>;
  /** Explains which rule a duplicate broke, e.g. the SRE already embedded in a team. */
  describeDuplicate(
    trx: Knex.Transaction,
    values: Partial<TRow>,
    current?: TRecord,
  ): Promise<string>;
}

/** Stale writes lose: every update names the version it read. @internal */
export class VersionedRepository<
  TRecord extends Versioned,
  TRow extends VersionedRow,
  TCreate,
  TUpdate,
> {
  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLog,
    readonly mapping: RecordMapping<TRecord, TRow, TCreate, TUpdate>,
  ) {}

  async list(ref: string): Promise<TRecord[]> {
    return this.listWhere(q => q.where(this.mapping.refColumn, ref));
  }

  /** The first `limit` records of `ref` in the mapping's order. */
  async listFirst(ref: string, limit: number): Promise<TRecord[]> {
    return this.listWhere(q =>
      q.where(this.mapping.refColumn, ref).limit(limit),
    );
  }

  /** How many records `ref` has. */
  async count(ref: string): Promise<number> {
    const [row] = await this.db(this.mapping.table)
      .where(this.mapping.refColumn, ref)
      .count({ n: '*' });
    return Number(row.n);
  }

  /** How many records `ref` has with each value of `column`. */
  async countBy(ref: string, column: string): Promise<Map<string, number>> {
    const rows: Array<Record<string, unknown>> = await this.db(
      this.mapping.table,
    )
      .where(this.mapping.refColumn, ref)
      .groupBy(column)
      .select(column)
      .count({ n: '*' });
    return new Map(rows.map(r => [String(r[column]), Number(r.n)]));
  }

  async listWhere(
    filter: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
  ): Promise<TRecord[]> {
    let query = filter(this.db(this.mapping.table).select('*'));
    for (const { column, order, nulls } of this.mapping.orderBy) {
      if (nulls) {
        // knex's own `nulls` option orders SQLite by nullness alone
        const last = nulls === 'last' ? 1 : 0;
        query = query.orderByRaw(
          `CASE WHEN ?? IS NULL THEN ${last} ELSE ${1 - last} END`,
          [column],
        );
      }
      query = query.orderBy(column, order);
    }
    const rows: TRow[] = await query;
    return rows.map(row => this.mapping.toRecord(row));
  }

  async get(id: string): Promise<TRecord | undefined> {
    const row: TRow | undefined = await this.db(this.mapping.table)
      .where({ id })
      .first();
    return row ? this.mapping.toRecord(row) : undefined;
  }

  async getOrThrow(id: string): Promise<TRecord> {
    const record = await this.get(id);
    if (!record) {
      throw new NotFoundError(
        `${this.mapping.resourceType} ${id} does not exist`,
      );
    }
    return record;
  }

  async create(input: TCreate, actor: string): Promise<TRecord> {
    const now = new Date();
    const values = this.mapping.fromCreate(input, actor, now);
    const id = randomUUID();
    try {
      return await unitOfWork(this.db, {}, async trx => {
        await trx(this.mapping.table).insert({
          ...values,
          id,
          version: 1,
          created_at: now,
          updated_at: now,
        });
        const created = await this.readIn(trx, id);
        await this.audit.record(
          trx,
          this.auditEntry(created, actor, 'create', null, created),
          now,
        );
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        const message = await this.db.transaction(trx =>
          this.mapping.describeDuplicate(trx, values as Partial<TRow>),
        );
        throw new ConflictError(message);
      }
      throw error;
    }
  }

  /** Applies `input` if `expectedVersion` is still current, else 409 and nothing changes. */
  async update(
    id: string,
    expectedVersion: number,
    input: TUpdate,
    actor: string,
  ): Promise<TRecord> {
    const now = new Date();
    let before: TRecord | undefined;
    let changes: Partial<TRow> = {};
    try {
      return await unitOfWork(this.db, {}, async trx => {
        before = await this.readForWrite(trx, id, expectedVersion);
        changes = this.mapping.fromUpdate(input, before, now, actor);
        const updated = await trx(this.mapping.table)
          .where({ id, version: expectedVersion })
          .update({
            ...changes,
            version: expectedVersion + 1,
            updated_at: now,
          });
        if (updated !== 1) {
          throw this.staleVersion(id, expectedVersion);
        }
        const after = await this.readIn(trx, id);
        await this.audit.record(
          trx,
          this.auditEntry(after, actor, 'update', before, after),
          now,
        );
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error) && before) {
        const current = before;
        const message = await this.db.transaction(trx =>
          this.mapping.describeDuplicate(trx, changes, current),
        );
        throw new ConflictError(message);
      }
      throw error;
    }
  }

  async delete(
    id: string,
    expectedVersion: number,
    actor: string,
  ): Promise<void> {
    const now = new Date();
    await unitOfWork(this.db, {}, async trx => {
      const before = await this.readForWrite(trx, id, expectedVersion);
      const deleted = await trx(this.mapping.table)
        .where({ id, version: expectedVersion })
        .delete();
      if (deleted !== 1) {
        throw this.staleVersion(id, expectedVersion);
      }
      await this.audit.record(
        trx,
        this.auditEntry(before, actor, 'delete', before, null),
        now,
      );
    });
  }

  private async readIn(trx: Knex.Transaction, id: string): Promise<TRecord> {
    const row: TRow | undefined = await trx(this.mapping.table)
      .where({ id })
      .first();
    if (!row) {
      throw new NotFoundError(
        `${this.mapping.resourceType} ${id} does not exist`,
      );
    }
    return this.mapping.toRecord(row);
  }

  private async readForWrite(
    trx: Knex.Transaction,
    id: string,
    expectedVersion: number,
  ): Promise<TRecord> {
    const current = await this.readIn(trx, id);
    if (current.version !== expectedVersion) {
      throw this.staleVersion(id, expectedVersion, current.version);
    }
    return current;
  }

  private staleVersion(
    id: string,
    sent: number,
    current?: number,
  ): ConflictError {
    const now = current === undefined ? '' : ` (current version ${current})`;
    return new ConflictError(
      `${this.mapping.resourceType} ${id} was changed by someone else: you sent version ${sent}${now}; reload and try again`,
    );
  }

  private auditEntry(
    record: TRecord,
    actor: string,
    action: 'create' | 'update' | 'delete',
    before: TRecord | null,
    after: TRecord | null,
  ) {
    return {
      entityRef: String(
        (record as Record<string, unknown>)[camel(this.mapping.refColumn)],
      ),
      actor,
      action,
      resourceType: this.mapping.resourceType,
      resourceId: record.id,
      before,
      after,
    };
  }
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
