import type { Knex } from 'knex';
import {
  COMPOUND_RISK_KEYS,
  CUSTOM_STRESSOR_PATTERN,
  STRESSOR_KEYS,
} from '@sre-health/backstage-plugin-sre-health-common';

/*
 * SQL fragments shared by the scorecard's reads (the page, the export, the team roll-up,
 * the snapshot). The same SQL runs on SQLite and PostgreSQL.
 *
 * Rows rank by stress as the teams rated it: the highest rated level of an open or
 * mitigating flag, then how many flags are at that level, then the highest level the
 * evidence proposes for the flags nobody rated yet, then the name. Levels are never summed
 * (a level 5 stressor outweighs any number of level 2 ones).
 */

/** Rows per multi-row insert: SQLite allows at most 500 terms in a compound SELECT. */
export const CHUNK = 400;

/** Flags that stress the team now; see ACTIVE_FLAG_STATUSES. */
export const ACTIVE = `('open', 'mitigating')`;
/** The team's rating; NULL until someone rates. */
const RATED = 'rated_level';

/**
 * A cell as one sortable integer: open = level*10+2, mitigating = level*10+1, plus 100 when
 * the team rated the level (else it is the proposal); dismissed = 0; exempt = minus the
 * exemption's last day as YYYYMMDD (2027-01-15 → -20270115); no unresolved flag = NULL.
 * Sorting it descending puts the heaviest rated stress first, exempt flags after dismissed
 * ones. `flag` is the alias of stressor_flags, with its dot, or ''.
 */
export const cellCode = (flag = '') => {
  const level = `CASE WHEN ${flag}${RATED} IS NULL THEN ${flag}proposed_level * 10 ELSE 100 + ${flag}${RATED} * 10 END`;
  return `CASE ${flag}status WHEN 'open' THEN ${level} + 2 WHEN 'mitigating' THEN ${level} + 1 WHEN 'dismissed' THEN 0 WHEN 'exempt' THEN -CAST(REPLACE(${flag}exempt_until, '-', '') AS INTEGER) END`;
};

/** An exempt cell's last day (YYYY-MM-DD) as text, from its code `sql` (negative). */
export const exemptUntilText = (sql: string) => {
  const digits = `CAST(-(${sql}) AS TEXT)`;
  return `SUBSTR(${digits}, 1, 4) || '-' || SUBSTR(${digits}, 5, 2) || '-' || SUBSTR(${digits}, 7, 2)`;
};
const CELL_CODE = cellCode();

/** A stressor's column in the pivot. */
export interface PivotColumn {
  key: string;
  column: string;
}

/** The pivot columns of the eight built-in stressors. */
export const STRESSOR_COLUMNS: PivotColumn[] = STRESSOR_KEYS.map((key, i) => {
  // The keys are inlined as SQL literals: they are constants, checked here.
  if (!/^[a-z][a-z-]*$/.test(key)) throw new Error(`bad stressor key ${key}`);
  return { key, column: `s${i}` };
});

/**
 * The pivot columns of a view's custom stressors. Their keys are inlined as SQL literals
 * (and in format() templates): the pattern allows only `custom:`, a-z, 0-9 and `-`.
 */
export function customColumns(keys: ReadonlyArray<string>): PivotColumn[] {
  return keys.map((key, i) => {
    if (!CUSTOM_STRESSOR_PATTERN.test(key)) {
      throw new Error(`bad custom stressor key ${key}`);
    }
    return { key, column: `c${i}` };
  });
}

/** Stress levels, highest first. */
const LEVELS = [5, 4, 3, 2, 1];

/**
 * How many flags are at the highest rated level of the group's flags that `condition`
 * keeps (SQL ending in AND, or ''): the count at 5 if any, else at 4, and so on; 0 without.
 */
const countAtMaxLevel = (condition: string) => {
  const at = (level: number) =>
    `SUM(CASE WHEN ${condition}${RATED} = ${level} THEN 1 ELSE 0 END)`;
  return `CASE ${LEVELS.map(l => `WHEN ${at(l)} > 0 THEN ${at(l)}`).join(
    ' ',
  )} ELSE 0 END`;
};

/** The highest level proposed for the flags `condition` keeps that nobody rated; 0 without. */
const MAX_PROPOSED = (condition: string) =>
  `COALESCE(MAX(CASE WHEN ${condition}${RATED} IS NULL THEN proposed_level END), 0)`;

/** Unresolved, not dismissed nor exempt: the literal terms let both databases use the partial index. */
const ACTIVE_WHERE = `status <> 'resolved' AND status <> 'dismissed' AND status <> 'exempt'`;

/**
 * One row per entity with an unresolved flag, one column per stressor; `where` narrows the
 * entities (a page's). Served by the covering partial index scorecard_flags_unresolved.
 */
export const flagsPivot = (where = '', custom: PivotColumn[] = []) =>
  `(SELECT entity_ref, ${[...STRESSOR_COLUMNS, ...custom]
    .map(
      c =>
        `MAX(CASE WHEN stressor_key = '${c.key}' THEN ${CELL_CODE} END) AS ${c.column}`,
    )
    .join(', ')},
  COALESCE(MAX(CASE WHEN status IN ${ACTIVE} THEN ${RATED} END), 0) AS max_level,
  ${countAtMaxLevel(`status IN ${ACTIVE} AND `)} AS at_max,
  ${MAX_PROPOSED(`status IN ${ACTIVE} AND `)} AS max_proposed,
  SUM(CASE WHEN status IN ${ACTIVE} AND ${RATED} IS NULL THEN 1 ELSE 0 END) AS unrated_count,
  SUM(CASE WHEN status IN ${ACTIVE} THEN 1 ELSE 0 END) AS open_count
  FROM stressor_flags WHERE status <> 'resolved'${where} GROUP BY entity_ref) f`;

/** Only what the stress sort and the verdict need: one row per entity with active flags. */
export const ACTIVE_STRESS = `(SELECT entity_ref, COALESCE(MAX(${RATED}), 0) AS max_level, ${countAtMaxLevel(
  '',
)} AS at_max, ${MAX_PROPOSED('')} AS max_proposed, COUNT(*) AS open_count
  FROM stressor_flags WHERE ${ACTIVE_WHERE} GROUP BY entity_ref) f`;

/**
 * Each team's latest week with data (one grouped pass over the (team, week) key) and its
 * ops share, as OpsTimeRecorder stored it with the -common rule (`teamOpsWeeks`: a typed
 * week overrides the computed one), rounded to 6 decimals here, once per team, so that
 * every path (objects, JSON and CSV text) prints the same number on both databases.
 */
export const LATEST_OPS = `(SELECT o.team_ref,
  CASE WHEN o.share IS NOT NULL THEN CAST(ROUND(CAST(o.share AS NUMERIC), 6) AS REAL) END AS share,
  o.source AS source
  FROM ops_time_weeks o
  JOIN (SELECT team_ref, MAX(week_start) AS week_start FROM ops_time_weeks GROUP BY team_ref) lw
  ON lw.team_ref = o.team_ref AND lw.week_start = o.week_start) ops`;
export const OPS_SHARE = 'ops.share';
export const OPS_SOURCE = 'ops.source';

/** Joins the active (not closed) engagement of the row's team, as `g`. */
export function joinEngagement(query: Knex.QueryBuilder, teamColumn: string) {
  query.leftJoin('engagements as g', function onActive() {
    this.on('g.team_ref', '=', teamColumn).andOnVal('g.phase', '<>', 'closed');
  });
}

/**
 * A service's compound risks (the detection run's table) as one integer, `cr.risk_mask`:
 * bit i set when it has the i-th of COMPOUND_RISK_KEYS; no row when it has none. `where`
 * narrows the services (a page's). The keys are constants, inlined (and checked) here.
 */
export const compoundRiskPivot = (where = '') =>
  `(SELECT entity_ref, SUM(CASE risk_key ${COMPOUND_RISK_KEYS.map((key, i) => {
    if (!/^[a-z][a-z-]*$/.test(key)) throw new Error(`bad risk key ${key}`);
    return `WHEN '${key}' THEN ${2 ** i}`;
  }).join(' ')} ELSE 0 END) AS risk_mask FROM compound_risks${
    where ? ` WHERE ${where}` : ''
  } GROUP BY entity_ref) cr`;

/** The keys of a risk mask, in COMPOUND_RISK_KEYS order. */
export const compoundRiskKeysOf = (mask: unknown) =>
  COMPOUND_RISK_KEYS.filter((_, i) => (Number(mask ?? 0) & (2 ** i)) !== 0);

/** Every value a risk mask can take, 0 included. */
export const COMPOUND_RISK_MASKS = Array.from(
  { length: 2 ** COMPOUND_RISK_KEYS.length },
  (_, mask) => mask,
);

/** A database number (PostgreSQL sends bigints and numerics as strings), or null. */
export const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);
