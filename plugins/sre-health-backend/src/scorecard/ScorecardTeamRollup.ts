import type { Knex } from 'knex';
import {
  SCORECARD_HIGH_LEVEL,
  ScorecardFilters,
  ScorecardTeamRow,
  ScorecardTeams,
} from '@sre-health/backstage-plugin-sre-health-common';
import {
  LATEST_OPS,
  OPS_SHARE,
  STRESSOR_COLUMNS,
  customColumns,
  flagsPivot,
  joinEngagement,
  num,
} from './sql';
import { applyFilters, customStressorsOf, joinForFilters } from './view';

/**
 * The scorecard's group rows: each group with the services it owns directly or through
 * nested groups (the closure in group_ancestors), in one grouped query.
 * @internal
 */
export class ScorecardTeamRollup {
  constructor(private readonly db: Knex) {}

  /**
   * Every group with the services it owns directly or through nested groups: per
   * stressor (the eight and the custom ones open in the view), how many of them have it
   * open or mitigating. Groups come in tree order (parents first, siblings by title);
   * with filters, only groups that have matching services.
   */
  async teams(filters: ScorecardFilters): Promise<ScorecardTeams> {
    const { db } = this;
    const customStressors = await customStressorsOf(db, filters);
    const custom = customColumns(customStressors);
    const columns = [...STRESSOR_COLUMNS, ...custom];
    const rollup = db('scorecard_entities as e')
      .join('group_ancestors as ga', 'ga.descendant_ref', 'e.owner_ref')
      .leftJoin(db.raw(flagsPivot('', custom)), 'f.entity_ref', 'e.entity_ref')
      .select(
        'ga.ancestor_ref as group_ref',
        db.raw('COUNT(*) AS services'),
        db.raw('MAX(COALESCE(f.max_level, 0)) AS max_level'),
        db.raw(
          `SUM(CASE WHEN f.max_level >= ${SCORECARD_HIGH_LEVEL} THEN 1 ELSE 0 END) AS high_stress`,
        ),
        db.raw('SUM(COALESCE(f.open_count, 0)) AS open_count'),
        db.raw('SUM(COALESCE(f.unrated_count, 0)) AS unrated_count'),
        // a cell of 10 or more is an open or mitigating flag (see CELL_CODE in sql.ts)
        ...columns.map(c =>
          db.raw(
            `SUM(CASE WHEN f.${c.column} >= 10 THEN 1 ELSE 0 END) AS open_${c.column}`,
          ),
        ),
      )
      .groupBy('ga.ancestor_ref');
    joinForFilters(rollup, filters);
    applyFilters(db, rollup, filters);

    const groups = db('scorecard_groups as sg').leftJoin(
      db.raw(LATEST_OPS),
      'ops.team_ref',
      'sg.group_ref',
    );
    joinEngagement(groups, 'sg.group_ref');
    groups.select(
      'sg.group_ref',
      'sg.name',
      'sg.title',
      'sg.type',
      'sg.parent_ref',
      db.raw(`${OPS_SHARE} AS ops_share`),
      'g.id as engagement_id',
      'g.phase as engagement_phase',
      'g.sre_ref as engagement_sre',
    );

    const [rolled, groupRows] = await Promise.all([rollup, groups]);
    const byGroup = new Map<string, any>(rolled.map(r => [r.group_ref, r]));
    // the owner filter chooses the tree's roots; any other filter hides empty groups
    const filtered = Object.entries(filters).some(([k, v]) => {
      if (k === 'owner') return false;
      return Array.isArray(v) ? v.length > 0 : v !== undefined;
    });

    const rows = new Map<string, ScorecardTeamRow>();
    for (const g of groupRows) {
      const r = byGroup.get(g.group_ref);
      const services = r ? Number(r.services) : 0;
      if (filtered && services === 0) continue;
      rows.set(g.group_ref, {
        groupRef: g.group_ref,
        name: g.name,
        title: g.title,
        type: g.type,
        parentRef: g.parent_ref,
        depth: 0,
        services,
        maxLevel: r ? Number(r.max_level ?? 0) : 0,
        highStress: r ? Number(r.high_stress ?? 0) : 0,
        openStressors: r ? Number(r.open_count ?? 0) : 0,
        unratedStressors: r ? Number(r.unrated_count ?? 0) : 0,
        open: Object.fromEntries(
          columns.map(c => [c.key, r ? Number(r[`open_${c.column}`] ?? 0) : 0]),
        ) as ScorecardTeamRow['open'],
        opsShare: num(g.ops_share),
        engagement: g.engagement_id
          ? {
              id: g.engagement_id,
              phase: g.engagement_phase,
              sreRef: g.engagement_sre,
            }
          : null,
      });
    }
    return {
      teams: inTreeOrder(rows, roots(rows, filters.owner)),
      customStressors,
    };
  }
}

/** The owner filter's groups, or every group whose parent is not listed. */
function roots(
  rows: Map<string, ScorecardTeamRow>,
  owner: string[] | undefined,
): string[] {
  if (!owner?.length) {
    return [...rows.values()]
      .filter(r => !r.parentRef || !rows.has(r.parentRef))
      .map(r => r.groupRef);
  }
  const owners = new Set(owner);
  // a selected group under another selected group is shown under it, not twice
  return owner.filter(o => {
    let parent = rows.get(o)?.parentRef;
    const seen = new Set<string>();
    while (parent && !seen.has(parent)) {
      if (owners.has(parent)) return false;
      seen.add(parent);
      parent = rows.get(parent)?.parentRef;
    }
    return rows.has(o);
  });
}

/** The rows under `rootRefs`, depth first, siblings by title, each with its depth. */
function inTreeOrder(
  rows: Map<string, ScorecardTeamRow>,
  rootRefs: string[],
): ScorecardTeamRow[] {
  const children = new Map<string, ScorecardTeamRow[]>();
  for (const row of rows.values()) {
    if (row.parentRef && rows.has(row.parentRef)) {
      const list = children.get(row.parentRef) ?? [];
      list.push(row);
      children.set(row.parentRef, list);
    }
  }
  const label = (r: ScorecardTeamRow) => r.title ?? r.name;
  const ordered: ScorecardTeamRow[] = [];
  const visited = new Set<string>();
  const visit = (row: ScorecardTeamRow, depth: number) => {
    if (visited.has(row.groupRef)) return; // a cycle in the catalog
    visited.add(row.groupRef);
    ordered.push({ ...row, depth });
    for (const child of (children.get(row.groupRef) ?? []).sort((a, b) =>
      label(a).localeCompare(label(b)),
    )) {
      visit(child, depth + 1);
    }
  };
  for (const root of rootRefs
    .map(r => rows.get(r)!)
    .sort((a, b) => label(a).localeCompare(label(b)))) {
    visit(root, 0);
  }
  return ordered;
}
