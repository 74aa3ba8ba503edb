import type { Knex } from 'knex';
import {
  CUSTOM_STRESSOR_PATTERN,
  ENGAGEMENT_PHASES,
  ScorecardFilters,
  ScorecardSortKey,
  defaultScorecardOrder,
  isCustomStressorKey,
} from '@sre-health/backstage-plugin-sre-health-common';
import { isPostgres } from '../database/dialect';
import {
  OPS_SHARE,
  PivotColumn,
  STRESSOR_COLUMNS,
  joinEngagement,
} from './sql';

/*
 * A view of the scorecard as SQL: its filters (shared by the page, the export and the team
 * roll-up), its custom stressor columns and its sort order. Queries alias the scorecard's
 * copy of a service `e`, the flag pivot `f`, the latest ops week `ops`, the engagement `g`.
 */

/** A sorted, filtered view of the scorecard. @internal */
export interface ScorecardView extends ScorecardFilters {
  sort?: ScorecardSortKey;
  order?: 'asc' | 'desc';
}

/** Narrows `query` (over `e`, and `g` when the engagement filter is set) to the view. */
export function applyFilters(
  db: Knex,
  query: Knex.QueryBuilder,
  f: ScorecardFilters,
) {
  if (f.owner?.length) {
    const owners = f.owner;
    query.where(q =>
      q
        .whereIn(
          'e.owner_ref',
          db('group_ancestors')
            .select('descendant_ref')
            .whereIn('ancestor_ref', owners),
        )
        .orWhereIn('e.owner_ref', owners),
    );
  }
  if (f.system?.length) query.whereIn('e.system_ref', f.system);
  if (f.lifecycle?.length) query.whereIn('e.lifecycle', f.lifecycle);
  if (f.tier?.length) query.whereIn('e.tier', f.tier);
  if (f.engagement === true) query.whereNotNull('g.id');
  if (f.engagement === false) query.whereNull('g.id');
  if (f.stressor?.length) {
    const keys = f.stressor;
    query.whereExists(
      db('stressor_flags as sf')
        .select(db.raw('1'))
        .whereRaw('sf.entity_ref = e.entity_ref')
        .whereIn('sf.status', ['open', 'mitigating'])
        .whereIn('sf.stressor_key', keys),
    );
  }
  if (f.compoundRisk?.length) {
    const keys = f.compoundRisk;
    query.whereExists(
      db('compound_risks as crf')
        .select(db.raw('1'))
        .whereRaw('crf.entity_ref = e.entity_ref')
        .whereIn('crf.risk_key', keys),
    );
  }
  if (f.q) {
    const pattern = `%${f.q
      .toLocaleLowerCase('en-US')
      .replace(/[\\%_]/g, c => `\\${c}`)}%`;
    query.where(q =>
      q
        .whereRaw(`LOWER(e.name) LIKE ? ESCAPE '\\'`, [pattern])
        .orWhereRaw(`LOWER(COALESCE(e.title, '')) LIKE ? ESCAPE '\\'`, [
          pattern,
        ]),
    );
  }
}

/** Joins what the view's filters read but `e` lacks: the engagement, when filtered by it. */
export function joinForFilters(query: Knex.QueryBuilder, f: ScorecardFilters) {
  if (f.engagement !== undefined) joinEngagement(query, 'e.owner_ref');
}

/**
 * The custom stressors (`custom:<slug>`) open or mitigating on a service of the view,
 * sorted; and the one the view sorts by, if it is custom. Each gets a column.
 */
export async function customStressorsOf(
  db: Knex,
  view: ScorecardView,
): Promise<string[]> {
  const query = db('stressor_flags as sf')
    .join('scorecard_entities as e', 'e.entity_ref', 'sf.entity_ref')
    .whereIn('sf.status', ['open', 'mitigating'])
    .where('sf.stressor_key', 'like', 'custom:%')
    .distinct('sf.stressor_key');
  joinForFilters(query, view);
  applyFilters(db, query, view);
  const keys = new Set<string>(
    (await query).map((r: { stressor_key: string }) => r.stressor_key),
  );
  if (view.sort && isCustomStressorKey(view.sort)) keys.add(view.sort);
  return [...keys]
    .filter(k => CUSTOM_STRESSOR_PATTERN.test(k))
    .sort((a, b) => {
      if (a === b) return 0;
      return a < b ? -1 : 1;
    });
}

const TIER_RANK = `CASE e.tier WHEN 'critical' THEN 3 WHEN 'high' THEN 2 ELSE 1 END`;
const SLO_RANK = `CASE e.slo_status WHEN 'breached' THEN 4 WHEN 'at-risk' THEN 3 WHEN 'no-data' THEN 2 WHEN 'healthy' THEN 1 END`;
const PHASE_RANK = `CASE g.phase ${ENGAGEMENT_PHASES.filter(p => p !== 'closed')
  .map((p, i) => `WHEN '${p}' THEN ${i + 1}`)
  .join(' ')} END`;

/** A term of a column's sort. */
interface SortSpec {
  sql: string;
  /** Sorts its NULLs last either way. */
  nullable?: boolean;
  /** Runs against the column's order. */
  invert?: boolean;
  /** Compared by code point. */
  text?: boolean;
  /** Always this way, whichever the column's order (a tie-break by name). */
  fixed?: 'ASC' | 'DESC';
}

/** Sort expressions of each column but the stressors'. */
const SORTS: Record<string, SortSpec[]> = {
  // the ranking: highest rated level, then how many at it, then the highest level
  // proposed for the flags nobody rated, then the name A→Z
  stress: [
    { sql: 'COALESCE(f.max_level, 0)' },
    { sql: 'COALESCE(f.at_max, 0)' },
    { sql: 'COALESCE(f.max_proposed, 0)' },
    { sql: 'LOWER(e.name)', text: true, fixed: 'ASC' },
  ],
  openStressors: [{ sql: 'COALESCE(f.open_count, 0)' }],
  name: [{ sql: 'LOWER(e.name)', text: true }],
  owner: [{ sql: 'e.owner_ref', nullable: true, text: true }],
  system: [{ sql: 'e.system_ref', nullable: true, text: true }],
  lifecycle: [{ sql: 'e.lifecycle', nullable: true, text: true }],
  tier: [{ sql: TIER_RANK }],
  // worst first when descending: breached, then the least budget left
  slo: [
    { sql: SLO_RANK, nullable: true },
    { sql: 'e.slo_budget_remaining', nullable: true, invert: true },
  ],
  truckFactor: [{ sql: 'e.truck_factor', nullable: true }],
  opsShare: [{ sql: OPS_SHARE, nullable: true }],
  engagement: [{ sql: PHASE_RANK, nullable: true }],
};

/** A term of ORDER BY; text terms end in ` COLLATE "C"` on PostgreSQL. */
export interface OrderTerm {
  sql: string;
  dir: 'ASC' | 'DESC';
}

/** ORDER BY terms of a view; stressor columns read `cell(column)`. */
export function orderTerms(
  db: Knex,
  view: ScorecardView,
  cell: (column: string) => string,
  custom: PivotColumn[],
): OrderTerm[] {
  const sort = view.sort ?? 'stress';
  const order = view.order ?? defaultScorecardOrder(sort);
  // Text sorts by code point on both databases (PostgreSQL's locale would differ).
  const collate = isPostgres(db) ? ' COLLATE "C"' : '';
  const stressor = [...STRESSOR_COLUMNS, ...custom].find(c => c.key === sort);
  let specs: SortSpec[];
  if (stressor) specs = [{ sql: cell(stressor.column), nullable: true }];
  else if (isCustomStressorKey(sort))
    specs = []; // not in the view: no flag of it
  else specs = SORTS[sort];
  const terms: OrderTerm[] = [];
  for (const s of specs) {
    if (s.nullable)
      terms.push({
        sql: `CASE WHEN (${s.sql}) IS NULL THEN 1 ELSE 0 END`,
        dir: 'ASC',
      });
    const ascending = (order === 'asc') !== Boolean(s.invert);
    terms.push({
      sql: `${s.sql}${s.text ? collate : ''}`,
      dir: s.fixed ?? (ascending ? 'ASC' : 'DESC'),
    });
  }
  terms.push({ sql: `e.entity_ref${collate}`, dir: 'ASC' });
  return terms;
}

/*
 * A query that sorts its rows once, in an inner query, selects the sort keys as k0, k1…
 * so that the outer query orders by them again (`sortKeys`, then `orderByKeys`).
 */

/** The terms as select columns k0, k1…, without their collation. */
export function sortKeys(db: Knex, terms: OrderTerm[]) {
  return terms.map((t, i) =>
    db.raw(`${t.sql.replace(/ COLLATE "C"$/, '')} AS k${i}`),
  );
}

/** ORDER BY over the keys of `sortKeys`, read from `alias`, collated as the terms were. */
export function orderByKeys(db: Knex, terms: OrderTerm[], alias: string) {
  const collate = isPostgres(db) ? ' COLLATE "C"' : '';
  return terms
    .map(
      (t, i) =>
        `${alias}.k${i}${t.sql.endsWith(' COLLATE "C"') ? collate : ''} ${
          t.dir
        }`,
    )
    .join(', ');
}

/** ORDER BY of the terms themselves. */
export const orderBySql = (terms: OrderTerm[]) =>
  terms.map(t => `${t.sql} ${t.dir}`).join(', ');
