import type { Knex } from 'knex';
import {
  EngagementPhase,
  SCORECARD_HIGH_LEVEL,
  ScorecardCell,
  ScorecardFacets,
  ScorecardFilters,
  ScorecardRow,
} from '@sre-health/backstage-plugin-sre-health-common';
import { toIso } from '../database/tables';
import {
  ACTIVE_STRESS,
  cellCode,
  LATEST_OPS,
  OPS_SOURCE,
  OPS_SHARE,
  PivotColumn,
  STRESSOR_COLUMNS,
  compoundRiskKeysOf,
  compoundRiskPivot,
  customColumns,
  flagsPivot,
  joinEngagement,
  num,
} from './sql';
import {
  ScorecardView,
  applyFilters,
  customStressorsOf,
  joinForFilters,
  orderByKeys,
  orderBySql,
  orderTerms,
  sortKeys,
} from './view';

/*
 * The scorecard's reads as objects: one query over the local copy of the catalog
 * (scorecard_entities), the unresolved flags pivoted to one column per stressor (the eight,
 * and the custom ones open in the view), the owner team's latest ops week and its active
 * engagement; plus a count. No per-entity query anywhere.
 */

/** The page, the facts rows, the filters' facets. @internal */
export class ScorecardQuery {
  constructor(private readonly db: Knex) {}

  /** When the catalog copy was last written (ISO), or null before the first sync. */
  async syncedAt(): Promise<string | null> {
    const row = await this.db('scorecard_entities')
      .max({ at: 'synced_at' })
      .first();
    return row?.at ? toIso(row.at) : null;
  }

  /**
   * One page of the view; how many services it has in all, and how many of them have a
   * stressor open at a high level (the verdict); the view's custom stressors.
   */
  async page(
    view: ScorecardView,
    offset: number,
    limit: number,
  ): Promise<{
    rows: ScorecardRow[];
    total: number;
    highStress: number;
    customStressors: string[];
  }> {
    const [customStressors, summary] = await Promise.all([
      this.customStressors(view),
      this.summary(view),
    ]);
    const custom = customColumns(customStressors);
    const rows = await this.pageQuery(view, offset, limit, custom);
    return {
      rows: rows.map((r: any) => toScorecardRow(r, custom)),
      ...summary,
      customStressors,
    };
  }

  /** Every row of the view (the facts). */
  async rows(
    view: ScorecardView,
    customStressors?: string[],
  ): Promise<ScorecardRow[]> {
    const custom = customColumns(
      customStressors ?? (await this.customStressors(view)),
    );
    const rows = await this.rowsQuery(view, custom);
    return rows.map((r: any) => toScorecardRow(r, custom));
  }

  /** See `customStressorsOf`. */
  customStressors(view: ScorecardView): Promise<string[]> {
    return customStressorsOf(this.db, view);
  }

  async count(view: ScorecardFilters): Promise<number> {
    const query = this.db('scorecard_entities as e');
    joinForFilters(query, view);
    applyFilters(this.db, query, view);
    const [row] = await query.count({ n: '*' });
    return Number(row.n);
  }

  /**
   * How many services the view has, and how many of them have an open or mitigating
   * stressor at level SCORECARD_HIGH_LEVEL or above.
   */
  async summary(
    view: ScorecardFilters,
  ): Promise<{ total: number; highStress: number }> {
    const { db } = this;
    const query = db('scorecard_entities as e').leftJoin(
      db.raw(ACTIVE_STRESS),
      'f.entity_ref',
      'e.entity_ref',
    );
    joinForFilters(query, view);
    applyFilters(db, query, view);
    const [row] = await query.select(
      db.raw('COUNT(*) AS n'),
      db.raw(
        `SUM(CASE WHEN f.max_level >= ${SCORECARD_HIGH_LEVEL} THEN 1 ELSE 0 END) AS high`,
      ),
    );
    return { total: Number(row.n), highStress: Number(row.high ?? 0) };
  }

  /** The owners, systems and lifecycles the filters offer. */
  async facets(): Promise<ScorecardFacets> {
    const { db } = this;
    const [groups, owners, systems, lifecycles, customStressors] =
      await Promise.all([
        db('scorecard_groups').select('group_ref', 'name', 'title', 'type'),
        db('scorecard_entities')
          .whereNotNull('owner_ref')
          .distinct('owner_ref'),
        db('scorecard_entities')
          .whereNotNull('system_ref')
          .distinct('system_ref'),
        db('scorecard_entities')
          .whereNotNull('lifecycle')
          .distinct('lifecycle'),
        this.customStressors({}),
      ]);
    const groupRefs = new Set(groups.map(g => g.group_ref as string));
    const byCodePoint = (a: string, b: string) => {
      if (a === b) return 0;
      return a < b ? -1 : 1;
    };
    return {
      owners: [
        ...groups.map(g => ({
          ref: g.group_ref as string,
          label: (g.title ?? g.name) as string,
          type: (g.type ?? null) as string | null,
        })),
        ...owners
          .map(o => o.owner_ref as string)
          .filter(o => !groupRefs.has(o))
          .map(o => ({ ref: o, label: o, type: null })),
      ].sort((a, b) => a.label.localeCompare(b.label)),
      systems: systems.map(r => r.system_ref as string).sort(byCodePoint),
      lifecycles: lifecycles.map(r => r.lifecycle as string).sort(byCodePoint),
      customStressors,
    };
  }

  /** The SELECT list of a full row, over aliases e, f, ops and g. */
  private rowColumns(custom: PivotColumn[]) {
    const { db } = this;
    return [
      'e.entity_ref',
      'e.name',
      'e.title',
      'e.owner_ref',
      'e.system_ref',
      'e.lifecycle',
      'e.tier',
      'e.slo_status',
      'e.slo_budget_remaining',
      'e.slo_count',
      'e.truck_factor',
      ...[...STRESSOR_COLUMNS, ...custom].map(c => `f.${c.column}`),
      db.raw('COALESCE(f.max_level, 0) AS max_level'),
      db.raw('COALESCE(f.at_max, 0) AS at_max'),
      db.raw('COALESCE(f.max_proposed, 0) AS max_proposed'),
      db.raw('COALESCE(f.unrated_count, 0) AS unrated_count'),
      db.raw('COALESCE(f.open_count, 0) AS open_count'),
      db.raw('COALESCE(cr.risk_mask, 0) AS risk_mask'),
      db.raw(`${OPS_SHARE} AS ops_share`),
      db.raw(`${OPS_SOURCE} AS ops_source`),
      'g.id as engagement_id',
      'g.phase as engagement_phase',
      'g.sre_ref as engagement_sre',
    ];
  }

  /** Every row of a view, in one query (the facts). */
  private rowsQuery(
    view: ScorecardView,
    custom: PivotColumn[],
  ): Knex.QueryBuilder {
    const { db } = this;
    const query = db('scorecard_entities as e')
      .leftJoin(db.raw(flagsPivot('', custom)), 'f.entity_ref', 'e.entity_ref')
      .leftJoin(db.raw(compoundRiskPivot()), 'cr.entity_ref', 'e.entity_ref')
      .leftJoin(db.raw(LATEST_OPS), 'ops.team_ref', 'e.owner_ref');
    joinEngagement(query, 'e.owner_ref');
    query.select(...this.rowColumns(custom));
    applyFilters(db, query, view);
    return query.orderByRaw(
      orderBySql(orderTerms(db, view, column => `f.${column}`, custom)),
    );
  }

  /**
   * One page of a view, still one query: a CTE orders every matching service by the sort
   * column alone (joining only what that column and the filters need) and keeps the page;
   * the full rows, flag pivot included, are then built for those rows only.
   */
  private pageQuery(
    view: ScorecardView,
    offset: number,
    limit: number,
    custom: PivotColumn[],
  ): Knex.QueryBuilder {
    const { db } = this;
    const sort = view.sort ?? 'stress';
    const stressor = [...STRESSOR_COLUMNS, ...custom].find(c => c.key === sort);
    const inner = db('scorecard_entities as e');
    if (sort === 'stress' || sort === 'openStressors') {
      inner.leftJoin(db.raw(ACTIVE_STRESS), 'f.entity_ref', 'e.entity_ref');
    }
    if (stressor) {
      // the one unresolved flag of that stressor (unique partial index)
      inner.leftJoin('stressor_flags as sk', function onStressor() {
        this.on('sk.entity_ref', '=', 'e.entity_ref')
          .andOnVal('sk.stressor_key', '=', stressor.key)
          .andOnVal('sk.status', '<>', 'resolved');
      });
    }
    if (sort === 'opsShare') {
      inner.leftJoin(db.raw(LATEST_OPS), 'ops.team_ref', 'e.owner_ref');
    }
    if (sort === 'engagement' || view.engagement !== undefined) {
      joinEngagement(inner, 'e.owner_ref');
    }
    applyFilters(db, inner, view);
    const cellOfJoinedFlag = cellCode('sk.');
    // The sort keys go out with the page, so the outer query orders the page by them
    // again; the CTE itself keeps only the top rows (a top-N sort, no window).
    const terms = orderTerms(db, view, () => cellOfJoinedFlag, custom);
    inner
      .select('e.entity_ref', ...sortKeys(db, terms))
      .orderByRaw(orderBySql(terms))
      .limit(limit)
      .offset(offset);

    const query = db
      .with('page', inner)
      .from('page')
      .join('scorecard_entities as e', 'e.entity_ref', 'page.entity_ref')
      .leftJoin(
        db.raw(
          flagsPivot(
            ' AND entity_ref IN (SELECT entity_ref FROM page)',
            custom,
          ),
        ),
        'f.entity_ref',
        'e.entity_ref',
      )
      .leftJoin(
        db.raw(
          compoundRiskPivot('entity_ref IN (SELECT entity_ref FROM page)'),
        ),
        'cr.entity_ref',
        'e.entity_ref',
      )
      .leftJoin(db.raw(LATEST_OPS), 'ops.team_ref', 'e.owner_ref');
    joinEngagement(query, 'e.owner_ref');
    return query
      .select(...this.rowColumns(custom))
      .orderByRaw(orderByKeys(db, terms, 'page'));
  }
}

/** A cell from its code (see cellCode in sql.ts). */
function decodeCell(code: unknown): ScorecardCell | null {
  if (code === null || code === undefined) return null;
  const n = Number(code);
  if (n === 0) return { status: 'dismissed', level: 0 };
  if (n < 0) {
    const day = String(-n);
    const until = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
    return { status: 'exempt', level: 0, until };
  }
  return {
    status: n % 10 === 2 ? 'open' : 'mitigating',
    level: Math.floor((n % 100) / 10),
    ...(n < 100 && { proposed: true as const }),
  };
}

function toScorecardRow(r: any, custom: PivotColumn[]): ScorecardRow {
  return {
    entityRef: r.entity_ref,
    name: r.name,
    title: r.title ?? null,
    ownerRef: r.owner_ref ?? null,
    systemRef: r.system_ref ?? null,
    lifecycle: r.lifecycle ?? null,
    tier: r.tier,
    maxLevel: Number(r.max_level),
    atMaxLevel: Number(r.at_max),
    maxProposedLevel: Number(r.max_proposed),
    unratedStressors: Number(r.unrated_count),
    openStressors: Number(r.open_count),
    compoundRisks: compoundRiskKeysOf(r.risk_mask),
    stressors: Object.fromEntries(
      [...STRESSOR_COLUMNS, ...custom].map(c => [
        c.key,
        decodeCell(r[c.column]),
      ]),
    ) as ScorecardRow['stressors'],
    slo: r.slo_status
      ? {
          status: r.slo_status,
          budgetRemaining: num(r.slo_budget_remaining),
          count: Number(r.slo_count),
        }
      : null,
    truckFactor: num(r.truck_factor),
    opsShare: num(r.ops_share),
    opsShareSource: r.ops_source ?? null,
    engagement: r.engagement_id
      ? {
          id: r.engagement_id,
          phase: r.engagement_phase as EngagementPhase,
          sreRef: r.engagement_sre,
        }
      : null,
  };
}
