import type { Knex } from 'knex';
import {
  CUSTOM_STRESSOR_PATTERN,
  ENGAGEMENT_PHASES,
  EngagementPhase,
  PHASES,
  STRESSOR_KEYS,
  SCORECARD_HIGH_LEVEL,
  STRESSORS,
  ScorecardCell,
  ScorecardFacets,
  ScorecardFilters,
  ScorecardRow,
  ScorecardSortKey,
  ScorecardTeamRow,
  ScorecardTeams,
  ServingTier,
  SloStatus,
  StressorKey,
  defaultScorecardOrder,
  isCustomStressorKey,
} from '@internal/backstage-plugin-sre-health-common';
import { toIso } from '../database/tables';
import { isPostgres } from '../database/dialect';
import type {
  GroupAncestorRow,
  ScorecardEntityRow,
  ScorecardGroupRow,
} from './tables';

/*
 * The scorecard's SQL: one query over the local copy of the catalog (scorecard_entities),
 * the unresolved flags pivoted to one column per stressor (the eight, and the custom ones
 * open in the view), the owner team's latest ops week and its active engagement; plus a
 * count. No per-entity query anywhere. The same SQL runs on SQLite and PostgreSQL; only
 * the truck-factor copy reads JSON, per dialect.
 *
 * Rows rank by stress: the highest effective level of an open or mitigating flag, then how
 * many flags are at that level, then the name. Levels are never summed (a level 5
 * stressor outweighs any number of level 2 ones).
 */

/** Rows per multi-row insert: SQLite allows at most 500 terms in a compound SELECT. */
const CHUNK = 400;

/** Flags that stress the team now; see ACTIVE_FLAG_STATUSES. */
const ACTIVE = `('open', 'mitigating')`;
const LEVEL = 'COALESCE(level_override, stress_level)';
/**
 * A cell as one sortable integer: open = level*10+2, mitigating = level*10+1, dismissed = 0;
 * no unresolved flag = NULL. Sorting it descending puts the heaviest stress first.
 */
const CELL_CODE = `CASE status WHEN 'open' THEN ${LEVEL} * 10 + 2 WHEN 'mitigating' THEN ${LEVEL} * 10 + 1 ELSE 0 END`;

/** A stressor's column in the pivot. */
interface PivotColumn {
  key: string;
  column: string;
}

const STRESSOR_COLUMNS: PivotColumn[] = STRESSOR_KEYS.map((key, i) => {
  // The keys are inlined as SQL literals: they are constants, checked here.
  if (!/^[a-z][a-z-]*$/.test(key)) throw new Error(`bad stressor key ${key}`);
  return { key, column: `s${i}` };
});

/**
 * The pivot columns of a view's custom stressors. Their keys are inlined as SQL literals
 * (and in format() templates): the pattern allows only `custom:`, a-z, 0-9 and `-`.
 */
function customColumns(keys: ReadonlyArray<string>): PivotColumn[] {
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
 * How many flags are at the highest level of the group's flags that `condition` keeps
 * (SQL ending in AND, or ''): the count at 5 if any, else at 4, and so on; 0 without.
 */
const countAtMaxLevel = (condition: string) => {
  const at = (level: number) =>
    `SUM(CASE WHEN ${condition}${LEVEL} = ${level} THEN 1 ELSE 0 END)`;
  return `CASE ${LEVELS.map(l => `WHEN ${at(l)} > 0 THEN ${at(l)}`).join(
    ' ',
  )} ELSE 0 END`;
};

/** Unresolved and not dismissed: the literal terms let both databases use the partial index. */
const ACTIVE_WHERE = `status <> 'resolved' AND status <> 'dismissed'`;

/**
 * One row per entity with an unresolved flag, one column per stressor; `where` narrows the
 * entities (a page's). Served by the covering partial index scorecard_flags_unresolved.
 */
const flagsPivot = (where = '', custom: PivotColumn[] = []) =>
  `(SELECT entity_ref, ${[...STRESSOR_COLUMNS, ...custom]
    .map(
      c =>
        `MAX(CASE WHEN stressor_key = '${c.key}' THEN ${CELL_CODE} END) AS ${c.column}`,
    )
    .join(', ')},
  COALESCE(MAX(CASE WHEN status IN ${ACTIVE} THEN ${LEVEL} END), 0) AS max_level,
  ${countAtMaxLevel(`status IN ${ACTIVE} AND `)} AS at_max,
  SUM(CASE WHEN status IN ${ACTIVE} THEN 1 ELSE 0 END) AS open_count
  FROM stressor_flags WHERE status <> 'resolved'${where} GROUP BY entity_ref) f`;

/** Only what the stress sort and the verdict need: one row per entity with active flags. */
const ACTIVE_STRESS = `(SELECT entity_ref, MAX(${LEVEL}) AS max_level, ${countAtMaxLevel(
  '',
)} AS at_max, COUNT(*) AS open_count
  FROM stressor_flags WHERE ${ACTIVE_WHERE} GROUP BY entity_ref) f`;

/**
 * `format(template, args…)` of literal segments, each followed by an argument, and a
 * tail, in calls of at most 90 arguments joined with `||` (PostgreSQL functions take at
 * most 100 arguments; a view may have many custom stressors).
 */
function formatSql(segments: Array<[string, string]>, tail: string): string {
  const calls: string[] = [];
  for (let i = 0; i < segments.length; i += 90) {
    const part = segments.slice(i, i + 90);
    const last = i + 90 >= segments.length;
    const template = `${part.map(([literal]) => `${literal}%s`).join('')}${
      last ? tail : ''
    }`;
    calls.push(
      `format('${template}', ${part.map(([, sql]) => sql).join(', ')})`,
    );
  }
  if (calls.length === 0) return `'${tail}'`;
  return calls.length === 1 ? calls[0] : `(${calls.join(' || ')})`;
}

/**
 * Each team's latest sampled week (one grouped pass over the (team, week) index) and its
 * ops share, rounded to 6 decimals here, once per team, so that every path (objects, JSON
 * and CSV text) prints the same number on both databases.
 */
const LATEST_OPS = `(SELECT o.team_ref,
  CASE WHEN o.ops_hours + o.project_hours > 0 THEN CAST(ROUND(CAST(CAST(o.ops_hours AS REAL) / (o.ops_hours + o.project_hours) AS NUMERIC), 6) AS REAL) END AS share
  FROM ops_load_samples o
  JOIN (SELECT team_ref, MAX(week_start) AS week_start FROM ops_load_samples GROUP BY team_ref) lw
  ON lw.team_ref = o.team_ref AND lw.week_start = o.week_start) ops`;
const OPS_SHARE = 'ops.share';

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
  // the ranking: highest level, then how many at it, then the name A→Z
  stress: [
    { sql: 'COALESCE(f.max_level, 0)' },
    { sql: 'COALESCE(f.at_max, 0)' },
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

/** A sorted, filtered view of the scorecard. @internal */
export interface ScorecardView extends ScorecardFilters {
  sort?: ScorecardSortKey;
  order?: 'asc' | 'desc';
}

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

const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

function decodeCell(code: unknown): ScorecardCell | null {
  if (code === null || code === undefined) return null;
  const n = Number(code);
  if (n === 0) return { status: 'dismissed', level: 0 };
  return {
    status: n % 10 === 2 ? 'open' : 'mitigating',
    level: Math.floor(n / 10),
  };
}

/** The scorecard's tables and queries. @internal */
export class ScorecardStore {
  private truckFactorTable?: { present: boolean; checkedAt: number };

  constructor(readonly db: Knex) {}

  // ---- the local copy of the catalog -------------------------------------------------

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
      const removed = await trx('scorecard_entities')
        .whereNot('synced_at', syncedAt)
        .delete();
      return { written: entities.length, removed };
    });
  }

  /**
   * Copies each service's truck factor from the knowledge engine's table, in one statement,
   * when that table exists in this installation; blanks them otherwise.
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

  private async hasTruckFactorTable(): Promise<boolean> {
    const cached = this.truckFactorTable;
    if (cached && (cached.present || Date.now() - cached.checkedAt < 60_000)) {
      return cached.present;
    }
    const present = await this.db.schema.hasTable('truck_factor_analyses');
    this.truckFactorTable = { present, checkedAt: Date.now() };
    return present;
  }

  async syncedAt(): Promise<string | null> {
    const row = await this.db('scorecard_entities')
      .max({ at: 'synced_at' })
      .first();
    return row?.at ? toIso(row.at) : null;
  }

  // ---- the scorecard -----------------------------------------------------------------

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

  /** Every row of the view (the export). */
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

  /**
   * The custom stressors (`custom:<slug>`) open or mitigating on a service of the view,
   * sorted; and the one the view sorts by, if it is custom. Each gets a column.
   */
  async customStressors(view: ScorecardView): Promise<string[]> {
    const { db } = this;
    const query = db('stressor_flags as sf')
      .join('scorecard_entities as e', 'e.entity_ref', 'sf.entity_ref')
      .whereIn('sf.status', ['open', 'mitigating'])
      .where('sf.stressor_key', 'like', 'custom:%')
      .distinct('sf.stressor_key');
    if (view.engagement !== undefined) this.joinEngagement(query);
    this.applyFilters(query, view);
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

  /**
   * Every row of the view as text built by the database, one string per row: `json` gives
   * exactly the JSON of the `ScorecardRow` that `rows` returns, `csv` the line
   * `scorecardToCsv` writes for it (its columns, quoting and formula guard). The export
   * sends them as they come: no 30 columns per row parsed into objects and serialised again.
   */
  async rowsText(
    view: ScorecardView,
    format: 'json' | 'csv',
    customStressors?: string[],
  ): Promise<string[]> {
    const keys = customStressors ?? (await this.customStressors(view));
    if (!isPostgres(this.db)) {
      const rows = await this.textQuery(view, format, keys);
      return rows.map((r: { line: string }) => r.line);
    }
    // The lines are sorted with the rows (~600 bytes each): with PostgreSQL's default
    // work_mem of 4 MB, 10,000 of them would be sorted on disk. This query gets more.
    // Rows come as arrays: no object per row for a single column.
    return this.db.transaction(async trx => {
      await trx.raw(`SET LOCAL work_mem = '64MB'`);
      const rows: string[][] = await this.textQuery(view, format, keys)
        .options({ rowMode: 'array' })
        .transacting(trx);
      return rows.map(r => r[0]);
    });
  }

  /**
   * `rowsText`, handed to `write` line by line as the database sends them; resolves to the
   * number of lines. On PostgreSQL the driver's row events are used instead of a result
   * buffered whole, so that the database builds and sends the next lines while the
   * caller writes the previous ones out (the two run on different cores).
   */
  async streamRowsText(
    view: ScorecardView,
    format: 'json' | 'csv',
    write: (line: string) => void,
    customStressors?: string[],
  ): Promise<number> {
    const keys = customStressors ?? (await this.customStressors(view));
    if (!isPostgres(this.db)) {
      const lines = await this.rowsText(view, format, keys);
      lines.forEach(line => write(line));
      return lines.length;
    }
    const { sql, bindings } = this.textQuery(view, format, keys)
      .toSQL()
      .toNative();
    // knex buffers whole results; the pg driver (knex's) emits rows as they arrive
    const client = this.db.client as any;
    const connection = await client.acquireConnection();
    try {
      await connection.query('BEGIN');
      // see rowsText
      await connection.query(`SET LOCAL work_mem = '64MB'`);
      const count = await new Promise<number>((resolve, reject) => {
        const query = new client.driver.Query({
          text: sql,
          values: bindings,
          rowMode: 'array',
        });
        let n = 0;
        let failed: unknown;
        query.on('row', (row: string[]) => {
          if (failed) return;
          n += 1;
          try {
            write(row[0]);
          } catch (e) {
            failed = e; // not thrown into the driver's socket handler; the query ends first
          }
        });
        query.on('error', reject);
        query.on('end', () => (failed ? reject(failed) : resolve(n)));
        connection.query(query);
      });
      await connection.query('COMMIT');
      return count;
    } catch (e) {
      await connection.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      await client.releaseConnection(connection);
    }
  }

  /**
   * The text of every row, sorted before it is built: an inner query orders the rows with
   * their sort keys (narrow tuples), the outer one builds each line from them. On
   * PostgreSQL, `OFFSET 0` keeps the planner from merging the two, so the order of the
   * inner query is reused and ~6 MB of text is never sorted.
   */
  private textQuery(
    view: ScorecardView,
    format: 'json' | 'csv',
    customStressors: string[],
  ) {
    const { db } = this;
    const custom = customColumns(customStressors);
    const inner = db('scorecard_entities as e')
      .leftJoin(db.raw(flagsPivot('', custom)), 'f.entity_ref', 'e.entity_ref')
      .leftJoin(db.raw(LATEST_OPS), 'ops.team_ref', 'e.owner_ref');
    this.joinEngagement(inner);
    const terms = this.orderTerms(view, column => `f.${column}`, custom);
    inner.select(
      'e.*',
      ...[...STRESSOR_COLUMNS, ...custom].map(c => `f.${c.column}`),
      'f.max_level',
      'f.at_max',
      'f.open_count',
      'ops.share as ops_share',
      'g.id as g_id',
      'g.phase as g_phase',
      'g.sre_ref as g_sre_ref',
      ...terms.map((t, i) =>
        db.raw(`${t.sql.replace(/ COLLATE "C"$/, '')} AS k${i}`),
      ),
    );
    this.applyFilters(inner, view);
    inner.orderByRaw(terms.map(t => `${t.sql} ${t.dir}`).join(', '));
    const collate = isPostgres(db) ? ' COLLATE "C"' : '';
    // the line's SQL reads the inner row, aliased e
    const expression = (
      format === 'json' ? this.jsonRowSql(custom) : this.csvRowSql(custom)
    )
      .replace(/\bf\.(s\d+|c\d+|max_level|at_max|open_count)\b/g, 'e.$1')
      .replace(/\bg\.(id|phase|sre_ref)\b/g, 'e.g_$1')
      .replace(/\bops\.share\b/g, 'e.ops_share');
    const sql = inner.toSQL();
    const fence = isPostgres(db) ? ' OFFSET 0' : '';
    return db
      .select(db.raw(`${expression} AS line`))
      .from(db.raw(`(${sql.sql}${fence}) e`, sql.bindings as any[]))
      .orderByRaw(
        terms
          .map(
            (t, i) =>
              `e.k${i}${t.sql.endsWith(' COLLATE "C"') ? collate : ''} ${
                t.dir
              }`,
          )
          .join(', '),
      );
  }

  /** A number as JavaScript prints it, or `fallback` for NULL. */
  private numberText(sql: string, fallback: string): string {
    if (isPostgres(this.db)) {
      // PostgreSQL prints the shortest exact form already (1, not 1.0)
      return `COALESCE(CAST(${sql} AS TEXT), '${fallback}')`;
    }
    // SQLite prints a whole REAL as 1.0
    return `COALESCE(CASE WHEN (${sql}) = CAST((${sql}) AS INTEGER) THEN CAST(CAST((${sql}) AS INTEGER) AS TEXT) ELSE CAST((${sql}) AS TEXT) END, '${fallback}')`;
  }

  private jsonRowSql(custom: PivotColumn[]): string {
    const pg = isPostgres(this.db);
    // Free text (titles, lifecycles) is escaped by the database; entity refs, ids and enum
    // values cannot hold a quote or a backslash, so they are only wrapped in quotes.
    const text = (sql: string) =>
      pg ? `COALESCE(to_json(${sql})::text, 'null')` : `json_quote(${sql})`;
    const safe = (sql: string) => `COALESCE('"' || ${sql} || '"', 'null')`;
    const numText = (sql: string) => this.numberText(sql, 'null');
    const levels = [1, 2, 3, 4, 5];
    const cell = (column: string) =>
      `CASE f.${column} WHEN 0 THEN '{"status":"dismissed","level":0}' ${levels
        .map(
          level =>
            `WHEN ${
              level * 10 + 2
            } THEN '{"status":"open","level":${level}}' WHEN ${
              level * 10 + 1
            } THEN '{"status":"mitigating","level":${level}}'`,
        )
        .join(' ')} ELSE 'null' END`;
    const slo = `CASE WHEN e.slo_status IS NULL THEN 'null' ELSE format('{"status":"%s","budgetRemaining":%s,"count":%s}', e.slo_status, ${numText(
      'e.slo_budget_remaining',
    )}, ${numText('e.slo_count')}) END`;
    const engagement = `CASE WHEN g.id IS NULL THEN 'null' ELSE format('{"id":"%s","phase":"%s","sreRef":"%s"}', g.id, g.phase, g.sre_ref) END`;
    // one format() call per row: far cheaper on PostgreSQL than a chain of ||
    const fields: Array<[string, string]> = [
      ['entityRef', safe('e.entity_ref')],
      ['name', safe('e.name')],
      ['title', text('e.title')],
      ['ownerRef', safe('e.owner_ref')],
      ['systemRef', safe('e.system_ref')],
      ['lifecycle', text('e.lifecycle')],
      ['tier', safe('e.tier')],
      ['maxLevel', numText('COALESCE(f.max_level, 0)')],
      ['atMaxLevel', numText('COALESCE(f.at_max, 0)')],
      ['openStressors', numText('COALESCE(f.open_count, 0)')],
      ...[...STRESSOR_COLUMNS, ...custom].map((c): [string, string] => [
        `stressor:${c.key}`,
        cell(c.column),
      ]),
      ['slo', slo],
      ['truckFactor', numText('e.truck_factor')],
      ['opsShare', numText(OPS_SHARE)],
      ['engagement', engagement],
    ];
    // literal text before each field's value: `{"entityRef":`, `,"stressors":{"knowledge-gap":`…
    const segments: Array<[string, string]> = [];
    let inStressors = false;
    fields.forEach(([key, sql], i) => {
      const stressor = key.startsWith('stressor:');
      let literal = '';
      let first = i === 0;
      if (stressor && !inStressors) {
        literal += `${i ? ',' : ''}"stressors":{`;
        inStressors = true;
        first = true;
      } else if (!stressor && inStressors) {
        literal += '}';
        inStressors = false;
      }
      literal += `${first ? '' : ','}"${stressor ? key.slice(9) : key}":`;
      segments.push([i === 0 ? `{${literal}` : literal, sql]);
    });
    return formatSql(segments, '}');
  }

  private csvRowSql(custom: PivotColumn[]): string {
    const pg = isPostgres(this.db);
    const chr = (code: number) => (pg ? `CHR(${code})` : `CHAR(${code})`);
    const quote = "''''"; // the SQL literal of one apostrophe
    // as csvField: a formula guard for catalog text, then quotes when needed
    const text = (sql: string) => {
      const guarded = `(CASE WHEN SUBSTR(${sql}, 1, 1) IN ('=', '+', '-', '@', ${chr(
        9,
      )}, ${chr(13)}) THEN ${quote} || ${sql} ELSE ${sql} END)`;
      const special = [
        `'%"%'`,
        `'%,%'`,
        `'%' || ${chr(10)} || '%'`,
        `'%' || ${chr(13)} || '%'`,
      ]
        .map(pattern => `${guarded} LIKE ${pattern}`)
        .join(' OR ');
      return `CASE WHEN ${sql} IS NULL THEN '' WHEN ${special} THEN '"' || REPLACE(${guarded}, '"', '""') || '"' ELSE ${guarded} END`;
    };
    const numText = (sql: string) => this.numberText(sql, '');
    const cell = (column: string) =>
      `CASE WHEN f.${column} IS NULL THEN '' WHEN f.${column} = 0 THEN 'dismissed' WHEN f.${column} % 10 = 2 THEN 'open ' || CAST(f.${column} / 10 AS TEXT) ELSE 'mitigating ' || CAST(f.${column} / 10 AS TEXT) END`;
    const phase = `CASE g.phase ${PHASES.map(
      p => `WHEN '${p.phase}' THEN '${p.title.replace(/'/g, "''")}'`,
    ).join(' ')} ELSE '' END`;
    const columns = [
      text('COALESCE(e.title, e.name)'),
      // refs cannot hold a comma, quote or line break, nor start like a formula
      `COALESCE(e.entity_ref, '')`,
      `COALESCE(e.owner_ref, '')`,
      `COALESCE(e.system_ref, '')`,
      text('e.lifecycle'),
      'e.tier',
      numText('COALESCE(f.max_level, 0)'),
      numText('COALESCE(f.at_max, 0)'),
      numText('COALESCE(f.open_count, 0)'),
      ...[...STRESSOR_COLUMNS, ...custom].map(c => cell(c.column)),
      `COALESCE(e.slo_status, 'no SLO')`,
      numText('e.slo_budget_remaining'),
      numText('e.truck_factor'),
      numText(OPS_SHARE),
      phase,
    ];
    return formatSql(
      columns.map((sql, i) => [i ? ',' : '', sql]),
      '',
    );
  }

  async count(view: ScorecardFilters): Promise<number> {
    const query = this.db('scorecard_entities as e');
    if (view.engagement !== undefined) this.joinEngagement(query);
    this.applyFilters(query, view);
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
    if (view.engagement !== undefined) this.joinEngagement(query);
    this.applyFilters(query, view);
    const [row] = await query.select(
      db.raw('COUNT(*) AS n'),
      db.raw(
        `SUM(CASE WHEN f.max_level >= ${SCORECARD_HIGH_LEVEL} THEN 1 ELSE 0 END) AS high`,
      ),
    );
    return { total: Number(row.n), highStress: Number(row.high ?? 0) };
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
      db.raw('COALESCE(f.open_count, 0) AS open_count'),
      db.raw(`${OPS_SHARE} AS ops_share`),
      'g.id as engagement_id',
      'g.phase as engagement_phase',
      'g.sre_ref as engagement_sre',
    ];
  }

  /** ORDER BY terms of a view; stressor columns read `cell(column)`. */
  private orderTerms(
    view: ScorecardView,
    cell: (column: string) => string,
    custom: PivotColumn[],
  ): Array<{ sql: string; dir: 'ASC' | 'DESC' }> {
    const sort = view.sort ?? 'stress';
    const order = view.order ?? defaultScorecardOrder(sort);
    // Text sorts by code point on both databases (PostgreSQL's locale would differ).
    const collate = isPostgres(this.db) ? ' COLLATE "C"' : '';
    const stressor = [...STRESSOR_COLUMNS, ...custom].find(c => c.key === sort);
    let specs: SortSpec[];
    if (stressor) specs = [{ sql: cell(stressor.column), nullable: true }];
    else if (isCustomStressorKey(sort))
      specs = []; // not in the view: no flag of it
    else specs = SORTS[sort];
    const terms: Array<{ sql: string; dir: 'ASC' | 'DESC' }> = [];
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

  private orderBy(
    view: ScorecardView,
    cell: (column: string) => string,
    custom: PivotColumn[],
  ) {
    return this.orderTerms(view, cell, custom)
      .map(t => `${t.sql} ${t.dir}`)
      .join(', ');
  }

  /** Every row of a view, in one query (the export). */
  private rowsQuery(
    view: ScorecardView,
    custom: PivotColumn[],
  ): Knex.QueryBuilder {
    const { db } = this;
    const query = db('scorecard_entities as e')
      .leftJoin(db.raw(flagsPivot('', custom)), 'f.entity_ref', 'e.entity_ref')
      .leftJoin(db.raw(LATEST_OPS), 'ops.team_ref', 'e.owner_ref');
    this.joinEngagement(query);
    query.select(...this.rowColumns(custom));
    this.applyFilters(query, view);
    return query.orderByRaw(
      this.orderBy(view, column => `f.${column}`, custom),
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
      this.joinEngagement(inner);
    }
    this.applyFilters(inner, view);
    const cellOfJoinedFlag = `CASE sk.status WHEN 'open' THEN COALESCE(sk.level_override, sk.stress_level) * 10 + 2 WHEN 'mitigating' THEN COALESCE(sk.level_override, sk.stress_level) * 10 + 1 WHEN 'dismissed' THEN 0 END`;
    // The sort keys go out with the page, so the outer query orders the page by them
    // again; the CTE itself keeps only the top rows (a top-N sort, no window).
    const terms = this.orderTerms(view, () => cellOfJoinedFlag, custom);
    const collate = isPostgres(db) ? ' COLLATE "C"' : '';
    inner
      .select(
        'e.entity_ref',
        ...terms.map((t, i) =>
          db.raw(`${t.sql.replace(/ COLLATE "C"$/, '')} AS k${i}`),
        ),
      )
      .orderByRaw(terms.map(t => `${t.sql} ${t.dir}`).join(', '))
      .limit(limit)
      .offset(offset);
    const outerOrder = terms
      .map(
        (t, i) =>
          `page.k${i}${t.sql.endsWith(' COLLATE "C"') ? collate : ''} ${t.dir}`,
      )
      .join(', ');

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
      .leftJoin(db.raw(LATEST_OPS), 'ops.team_ref', 'e.owner_ref');
    this.joinEngagement(query);
    return query.select(...this.rowColumns(custom)).orderByRaw(outerOrder);
  }

  private joinEngagement(query: Knex.QueryBuilder) {
    query.leftJoin('engagements as g', function onActive() {
      this.on('g.team_ref', '=', 'e.owner_ref').andOnVal(
        'g.phase',
        '<>',
        'closed',
      );
    });
  }

  private applyFilters(query: Knex.QueryBuilder, f: ScorecardFilters) {
    const { db } = this;
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

  // ---- team rows -----------------------------------------------------------------------

  /**
   * Every group with the services it owns directly or through nested groups: per
   * stressor (the eight and the custom ones open in the view), how many of them have it
   * open or mitigating. Groups come in tree order (parents first, siblings by title);
   * with filters, only groups that have matching services.
   */
  async teams(filters: ScorecardFilters): Promise<ScorecardTeams> {
    const { db } = this;
    const customStressors = await this.customStressors(filters);
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
        // a cell of 10 or more is an open or mitigating flag (see CELL_CODE)
        ...columns.map(c =>
          db.raw(
            `SUM(CASE WHEN f.${c.column} >= 10 THEN 1 ELSE 0 END) AS open_${c.column}`,
          ),
        ),
      )
      .groupBy('ga.ancestor_ref');
    if (filters.engagement !== undefined) this.joinEngagement(rollup);
    this.applyFilters(rollup, filters);

    const groups = db('scorecard_groups as sg')
      .leftJoin(db.raw(LATEST_OPS), 'ops.team_ref', 'sg.group_ref')
      .leftJoin('engagements as g', function onActive() {
        this.on('g.team_ref', '=', 'sg.group_ref').andOnVal(
          'g.phase',
          '<>',
          'closed',
        );
      })
      .select(
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

    // Roots: the owner filter's groups, or every group whose parent is not listed.
    let roots: string[];
    if (filters.owner?.length) {
      const owners = new Set(filters.owner);
      // a selected group under another selected group is shown under it, not twice
      roots = filters.owner.filter(o => {
        let parent = rows.get(o)?.parentRef;
        const seen = new Set<string>();
        while (parent && !seen.has(parent)) {
          if (owners.has(parent)) return false;
          seen.add(parent);
          parent = rows.get(parent)?.parentRef;
        }
        return rows.has(o);
      });
    } else {
      roots = [...rows.values()]
        .filter(r => !r.parentRef || !rows.has(r.parentRef))
        .map(r => r.groupRef);
    }
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
    for (const root of roots
      .map(r => rows.get(r)!)
      .sort((a, b) => label(a).localeCompare(label(b)))) {
      visit(root, 0);
    }
    return { teams: ordered, customStressors };
  }

  // ---- daily snapshots ---------------------------------------------------------------

  /**
   * Takes the snapshot of `day` unless it was taken already (by this or another replica):
   * the day row is the key, inserted first in the same transaction as the counts. Returns
   * false when there was nothing to do.
   */
  async takeSnapshot(day: string, now: Date): Promise<boolean> {
    return this.db.transaction(async trx => {
      const [{ n }] = await trx('scorecard_entities').count({ n: '*' });
      const services = Number(n);
      if (services === 0) return false; // not synced yet: nothing to count
      const claimed = await trx('scorecard_snapshot_days')
        .insert({
          day,
          taken_at: now,
          services,
          open_flags: 0,
          total_stress: 0,
        })
        .onConflict('day')
        .ignore()
        .returning('day');
      if (claimed.length === 0) return false;

      const flags = `FROM stressor_flags fl JOIN scorecard_entities e ON e.entity_ref = fl.entity_ref`;
      const level = 'SUM(COALESCE(fl.level_override, fl.stress_level))';
      await trx.raw(
        `INSERT INTO scorecard_snapshots (day, group_ref, stressor_key, open_flags, total_stress)
         SELECT CAST(? AS VARCHAR(10)), ga.ancestor_ref, fl.stressor_key, COUNT(*), ${level}
         ${flags} JOIN group_ancestors ga ON ga.descendant_ref = e.owner_ref
         WHERE fl.status IN ${ACTIVE}
         GROUP BY ga.ancestor_ref, fl.stressor_key
         UNION ALL
         SELECT CAST(? AS VARCHAR(10)), '*', fl.stressor_key, COUNT(*), ${level}
         ${flags}
         WHERE fl.status IN ${ACTIVE}
         GROUP BY fl.stressor_key`,
        [day, day],
      );
      const [totals] = await trx('scorecard_snapshots')
        .where({ day, group_ref: '*' })
        .sum({ open_flags: 'open_flags', total_stress: 'total_stress' });
      await trx('scorecard_snapshot_days')
        .where({ day })
        .update({
          open_flags: Number(totals?.open_flags ?? 0),
          total_stress: Number(totals?.total_stress ?? 0),
        });
      return true;
    });
  }

  async pruneSnapshots(before: string): Promise<void> {
    await this.db('scorecard_snapshots').where('day', '<', before).delete();
    await this.db('scorecard_snapshot_days').where('day', '<', before).delete();
  }

  /**
   * Open stressors per day since `since`, for the topmost of `owners` (or the whole
   * organisation): in total, per stressor, and per group for the groups a chart can hold,
   * the selected groups and the groups right under them (without owners: the top-level
   * groups and the groups right under them).
   */
  async trendSeries(
    since: string,
    owners: string[] | undefined,
  ): Promise<{
    days: string[];
    teams: Array<{ groupRef: string; label: string; series: number[] }>;
    stressors: Array<{ key: string; label: string; series: number[] }>;
    total: number[];
  }> {
    const { db } = this;
    const dayRows = await db('scorecard_snapshot_days')
      .where('day', '>=', since)
      .orderBy('day')
      .select('day');
    const days: string[] = dayRows.map(r => r.day);
    const index = new Map(days.map((d, i) => [d, i]));
    const scope = await this.topmost(owners);

    const charted = db('group_ancestors')
      .select('descendant_ref')
      .where('depth', '<=', 1);
    if (owners?.length) {
      charted.whereIn('ancestor_ref', scope);
    } else {
      charted.whereIn(
        'ancestor_ref',
        db('scorecard_groups as sg')
          .select('sg.group_ref')
          .whereNull('sg.parent_ref')
          .orWhereNotExists(
            db('scorecard_groups as p')
              .select(db.raw('1'))
              .whereRaw('p.group_ref = sg.parent_ref'),
          ),
      );
    }
    const [teams, stressorRows] = await Promise.all([
      this.groupSeries(days, charted),
      db('scorecard_snapshots')
        .where('day', '>=', since)
        .whereIn('group_ref', scope)
        .groupBy('day', 'stressor_key')
        .select('day', 'stressor_key', db.raw('SUM(open_flags) AS open_flags')),
    ]);

    const stressors = new Map<string, number[]>();
    const total = days.map(() => 0);
    for (const r of stressorRows) {
      const i = index.get(r.day);
      if (i === undefined) continue;
      const series = stressors.get(r.stressor_key) ?? days.map(() => 0);
      series[i] += Number(r.open_flags);
      stressors.set(r.stressor_key, series);
      total[i] += Number(r.open_flags);
    }
    return {
      days,
      teams,
      stressors: [
        ...STRESSORS.map(s => ({
          key: s.key as string,
          label: s.title,
          series: stressors.get(s.key) ?? days.map(() => 0),
        })),
        ...[...stressors.entries()]
          .filter(([key]) => !STRESSOR_KEYS.includes(key as StressorKey))
          .map(([key, series]) => ({ key, label: key, series })),
      ],
      total,
    };
  }

  /**
   * Open stressors of every group under the topmost of `owners` (or of every group) on
   * the given days only: what the changes over the last 30 days compare.
   */
  async groupTotalsOn(
    days: string[],
    owners: string[] | undefined,
  ): Promise<Array<{ groupRef: string; label: string; series: number[] }>> {
    const groups = owners?.length
      ? this.db('group_ancestors')
          .select('descendant_ref')
          .whereIn('ancestor_ref', await this.topmost(owners))
      : undefined;
    return this.groupSeries(days, groups);
  }

  /** Open stressors per day of the given groups (or all), aligned with `days`. */
  private async groupSeries(
    days: string[],
    groups: Knex.QueryBuilder | undefined,
  ): Promise<Array<{ groupRef: string; label: string; series: number[] }>> {
    const { db } = this;
    if (days.length === 0) return [];
    const index = new Map(days.map((d, i) => [d, i]));
    const query = db('scorecard_snapshots as s')
      .where('s.group_ref', '<>', '*')
      .groupBy('s.day', 's.group_ref')
      .select(
        's.day',
        's.group_ref',
        db.raw('SUM(s.open_flags) AS open_flags'),
      );
    if (days.length <= 2) query.whereIn('s.day', days);
    else query.where('s.day', '>=', days[0]);
    if (groups) query.whereIn('s.group_ref', groups);
    const [rows, labels] = await Promise.all([
      query,
      db('scorecard_groups').select('group_ref', 'name', 'title'),
    ]);
    const labelOf = new Map<string, string>(
      labels.map(g => [g.group_ref, g.title ?? g.name]),
    );
    const series = new Map<
      string,
      { groupRef: string; label: string; series: number[] }
    >();
    for (const r of rows) {
      const i = index.get(r.day);
      const label = labelOf.get(r.group_ref);
      if (i === undefined || label === undefined) continue; // a group gone from the catalog
      let t = series.get(r.group_ref);
      if (!t) {
        t = { groupRef: r.group_ref, label, series: days.map(() => 0) };
        series.set(r.group_ref, t);
      }
      t.series[i] += Number(r.open_flags);
    }
    return [...series.values()].sort((a, b) => a.label.localeCompare(b.label));
  }

  /** The selected owners without those nested in another selected one; '*' for none. */
  private async topmost(owners: string[] | undefined): Promise<string[]> {
    if (!owners?.length) return ['*'];
    const nested = await this.db('group_ancestors')
      .whereIn('descendant_ref', owners)
      .whereIn('ancestor_ref', owners)
      .where('depth', '>', 0)
      .select('descendant_ref');
    const under = new Set(nested.map(r => r.descendant_ref));
    return owners.filter(o => !under.has(o));
  }
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
    openStressors: Number(r.open_count),
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
    engagement: r.engagement_id
      ? {
          id: r.engagement_id,
          phase: r.engagement_phase as EngagementPhase,
          sreRef: r.engagement_sre,
        }
      : null,
  };
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
