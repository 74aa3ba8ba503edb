import type { Knex } from 'knex';
import type {
  ServingTier,
  SloStatus,
} from '@sre-health/backstage-plugin-sre-health-common';
import { isPostgres } from '../database/dialect';
import { CHUNK } from './sql';
import type {
  GroupAncestorRow,
  ScorecardEntityRow,
  ScorecardGroupRow,
} from './tables';

/** A group with the closure rows that put it under its ancestors. @internal */
export interface SyncedGroup {
  groupRef: string;
  name: string;
  title: string | null;
  type: string | null;
  parentRef: string | null;
}

/** A service as synced from the catalog, with the facts the task computed. @internal */
export interface SyncedEntity {
  entityRef: string;
  name: string;
  title: string | null;
  ownerRef: string | null;
  systemRef: string | null;
  lifecycle: string | null;
  tier: ServingTier;
  slo: {
    status: SloStatus;
    budgetRemaining: number | null;
    count: number;
  } | null;
}

/** Shares are kept to 6 decimals, so every path prints them the same way. */
const roundTo6 = (v: number | null): number | null =>
  v === null ? null : Math.round(v * 1e6) / 1e6;

/**
 * Writes the scorecard's local copy of the catalog: the groups and the closure of their
 * hierarchy, the services with their SLO columns, and their truck factors.
 * @internal
 */
export class ScorecardCatalogCopy {
  private truckFactorTable?: { present: boolean; checkedAt: number };

  constructor(private readonly db: Knex) {}

  /** Replaces the groups and the closure of their hierarchy, atomically. */
  async replaceGroups(groups: SyncedGroup[]): Promise<void> {
    const ancestors = groupClosure(groups);
    await this.db.transaction(async trx => {
      await trx('group_ancestors').delete();
      await trx('scorecard_groups').delete();
      for (let i = 0; i < groups.length; i += CHUNK) {
        await trx<ScorecardGroupRow>('scorecard_groups').insert(
          groups.slice(i, i + CHUNK).map(g => ({
            group_ref: g.groupRef,
            name: g.name,
            title: g.title,
            type: g.type,
            parent_ref: g.parentRef,
          })),
        );
      }
      for (let i = 0; i < ancestors.length; i += CHUNK) {
        await trx<GroupAncestorRow>('group_ancestors').insert(
          ancestors.slice(i, i + CHUNK),
        );
      }
    });
  }

  /**
   * Writes this sync's services and removes those the catalog no longer has, in one
   * transaction, so a reader never sees a half-synced scorecard.
   */
  async replaceEntities(
    entities: SyncedEntity[],
    syncedAt: Date,
  ): Promise<{ written: number; removed: number }> {
    return this.db.transaction(async trx => {
      for (let i = 0; i < entities.length; i += CHUNK) {
        await trx<ScorecardEntityRow>('scorecard_entities')
          .insert(
            entities.slice(i, i + CHUNK).map(e => ({
              entity_ref: e.entityRef,
              name: e.name,
              title: e.title,
              owner_ref: e.ownerRef,
              system_ref: e.systemRef,
              lifecycle: e.lifecycle,
              tier: e.tier,
              slo_status: e.slo?.status ?? null,
              slo_budget_remaining: roundTo6(e.slo?.budgetRemaining ?? null),
              slo_count: e.slo?.count ?? 0,
              synced_at: syncedAt,
            })),
          )
          .onConflict('entity_ref')
          .merge([
            'name',
            'title',
            'owner_ref',
            'system_ref',
            'lifecycle',
            'tier',
            'slo_status',
            'slo_budget_remaining',
            'slo_count',
            'synced_at',
          ]);
      }
      // every row this sync wrote carries its timestamp exactly; any other row is gone
      // from the catalog (not `<`: a replica's clock may be behind the last one's)
      // and so are their compound risks (the detection run no longer visits them); a
      // service the detection run saw before this copy did keeps its own
      await trx('compound_risks')
        .whereIn(
          'entity_ref',
          trx('scorecard_entities')
            .whereNot('synced_at', syncedAt)
            .select('entity_ref'),
        )
        .delete();
      const removed = await trx('scorecard_entities')
        .whereNot('synced_at', syncedAt)
        .delete();
      return { written: entities.length, removed };
    });
  }

  /**
   * Copies each service's truck factor from the knowledge engine's table, in one statement,
   * when that table exists in this installation; blanks them otherwise. The only read of
   * JSON, written per dialect.
   */
  async copyTruckFactors(): Promise<boolean> {
    if (!(await this.hasTruckFactorTable())) {
      await this.db('scorecard_entities')
        .whereNotNull('truck_factor')
        .update({ truck_factor: null });
      return false;
    }
    const extract = isPostgres(this.db)
      ? `CAST((t.result::json ->> 'truckFactor') AS INTEGER)`
      : `CAST(json_extract(t.result, '$.truckFactor') AS INTEGER)`;
    await this.db.raw(
      `UPDATE scorecard_entities SET truck_factor = (SELECT ${extract} FROM truck_factor_analyses t WHERE t.entity_ref = scorecard_entities.entity_ref AND t.result IS NOT NULL)`,
    );
    return true;
  }

  /** Whether the knowledge engine's table exists; a missing one is looked for again after a minute. */
  private async hasTruckFactorTable(): Promise<boolean> {
    const cached = this.truckFactorTable;
    if (cached && (cached.present || Date.now() - cached.checkedAt < 60_000)) {
      return cached.present;
    }
    const present = await this.db.schema.hasTable('truck_factor_analyses');
    this.truckFactorTable = { present, checkedAt: Date.now() };
    return present;
  }
}

/**
 * The closure of the group hierarchy: each group under itself (depth 0) and under every
 * ancestor. A cycle in the catalog stops the walk instead of looping.
 * @internal
 */
export function groupClosure(groups: SyncedGroup[]): GroupAncestorRow[] {
  const parent = new Map(groups.map(g => [g.groupRef, g.parentRef]));
  const rows: GroupAncestorRow[] = [];
  for (const g of groups) {
    const seen = new Set<string>();
    let current: string | null | undefined = g.groupRef;
    let depth = 0;
    while (current && !seen.has(current) && parent.has(current)) {
      seen.add(current);
      rows.push({
        ancestor_ref: current,
        descendant_ref: g.groupRef,
        depth,
      });
      current = parent.get(current);
      depth += 1;
    }
  }
  return rows;
}
