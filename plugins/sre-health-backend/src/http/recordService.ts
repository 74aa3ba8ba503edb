import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { Versioned } from '@sre-health/backstage-plugin-sre-health-common';
import type { VersionedRepository } from '../database/VersionedRepository';
import type { RefKind } from './access';

/** Who writes, and how their other refs resolve as they see the catalog. */
export interface WriteContext {
  actor: string;
  credentials: BackstageCredentials;
  /** A ref field of the body, resolved for the caller: 400 naming it unless it is one of `kinds`. */
  resolve(ref: string, field: string, kinds: readonly RefKind[]): Promise<Entity>;
}

/** An aggregate's rules beyond its request schema: they may refuse or complete a write. */
export interface RecordRules<TRecord, TCreate, TUpdate> {
  /** Runs once the annotated entity resolved; returns the input to store. */
  beforeCreate?(
    input: TCreate,
    entity: Entity,
    context: WriteContext,
  ): Promise<TCreate> | TCreate;
  beforeUpdate?(
    changes: TUpdate,
    current: TRecord,
    context: WriteContext,
  ): Promise<TUpdate> | TUpdate;
}

/**
 * The one write path of a versioned aggregate: its rules, then its repository (which bumps
 * the entity's revision and audits in the write's transaction).
 * @internal
 */
export class RecordService<
  TRecord extends Versioned,
  TCreate = any,
  TUpdate = any,
> {
  constructor(
    private readonly repo: VersionedRepository<TRecord, any, TCreate, TUpdate>,
    private readonly rules: RecordRules<TRecord, TCreate, TUpdate> = {},
    /** Records are deleted unless the aggregate keeps its history (engagements). */
    readonly deletable = true,
  ) {}

  get resourceType(): string {
    return this.repo.mapping.resourceType;
  }

  list(ref: string): Promise<TRecord[]> {
    return this.repo.list(ref);
  }

  get(id: string): Promise<TRecord> {
    return this.repo.getOrThrow(id);
  }

  async create(
    input: TCreate,
    entity: Entity,
    context: WriteContext,
  ): Promise<TRecord> {
    const checked = this.rules.beforeCreate
      ? await this.rules.beforeCreate(input, entity, context)
      : input;
    return this.repo.create(checked, context.actor);
  }

  async update(
    current: TRecord,
    version: number,
    changes: TUpdate,
    context: WriteContext,
  ): Promise<TRecord> {
    const checked = this.rules.beforeUpdate
      ? await this.rules.beforeUpdate(changes, current, context)
      : changes;
    return this.repo.update(current.id, version, checked, context.actor);
  }

  delete(id: string, version: number, actor: string): Promise<void> {
    return this.repo.delete(id, version, actor);
  }
}
