import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { KindlingTargetOptions } from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthStore } from '../store';
import type { Access } from '../http/access';
import type { EngagementRecordStore } from './EngagementRecordStore';
import type { EntryKindName } from './entryTables';
import {
  AnyEntryKind,
  ENTRY_KINDS,
  EntryCreateInput,
  EntryRecord,
  EntryUpdateInput,
} from './entryKinds';
import type { RecordTable } from './recordTable';
import type { EngagementFiguresReader } from './figures';
import { listKindlingTargets } from './kindling';

/** @internal */
export interface EngagementEntryServiceOptions {
  store: SreHealthStore;
  records: EngagementRecordStore;
  figures: EngagementFiguresReader;
  access: Access;
  now?: () => Date;
}

/**
 * The entries of an engagement's record (decisions, kindling, leading questions): one
 * create, update and delete path for every kind in ENTRY_KINDS. Catalog checks run before
 * the transaction; the kind's rules run in it, with the engagement locked and open.
 * @internal
 */
export class EngagementEntryService {
  constructor(private readonly deps: EngagementEntryServiceOptions) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async create<K extends EntryKindName>(
    name: K,
    id: string,
    input: EntryCreateInput<K>,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<EntryRecord<K>> {
    const { kind, table } = this.kindOf(name);
    const checked = await this.check(kind, id, input, credentials, 'create');
    return this.deps.records.inEngagement(id, (trx, engagement) => {
      const now = this.now();
      const values = kind.create({ input, checked, engagement, actor, now });
      return table.create(trx, engagement, values, actor, now);
    });
  }

  async update<K extends EntryKindName>(
    name: K,
    id: string,
    entryId: string,
    input: EntryUpdateInput<K>,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<EntryRecord<K>> {
    const { kind, table } = this.kindOf(name);
    const checked = await this.check(kind, id, input, credentials, 'update');
    return this.deps.records.inEngagement(id, (trx, engagement) => {
      const now = this.now();
      const changes = kind.update({ input, checked, engagement, actor, now });
      return table.update(
        trx,
        engagement,
        entryId,
        input.version,
        changes,
        actor,
        now,
      );
    });
  }

  async delete(
    name: EntryKindName,
    id: string,
    entryId: string,
    version: number,
    actor: string,
  ): Promise<void> {
    const table = this.deps.records[name];
    return this.deps.records.inEngagement(id, (trx, engagement) =>
      table.delete(trx, engagement, entryId, version, actor, this.now()),
    );
  }

  /** What kindling of this engagement can fix: its team's postmortems and open flags. */
  async kindlingTargets(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<KindlingTargetOptions> {
    const engagement = await this.deps.records.getEngagement(id);
    return listKindlingTargets(this.deps, engagement.teamRef, credentials);
  }

  /**
   * The kind's row and table, untyped: each is typed by its row in ENTRY_KINDS, and the
   * public methods type the input and the result by the kind's name.
   */
  private kindOf(name: EntryKindName): {
    kind: AnyEntryKind;
    table: RecordTable<any, any>;
  } {
    return { kind: ENTRY_KINDS[name], table: this.deps.records[name] };
  }

  /** The kind's catalog checks, on the engagement as it is now (404 when there is none). */
  private async check(
    kind: AnyEntryKind,
    id: string,
    input: unknown,
    credentials: BackstageCredentials,
    mode: 'create' | 'update',
  ): Promise<unknown> {
    if (!kind.check) return undefined;
    const engagement = await this.deps.records.getEngagement(id);
    const { access, store } = this.deps;
    return kind.check(input, { engagement, credentials, access, store }, mode);
  }
}
