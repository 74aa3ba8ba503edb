import type { Knex } from 'knex';
import { isPostgres } from '../database/dialect';
import { csvRowSql, jsonRowSql } from './rowTextSql';
import {
  LATEST_OPS,
  STRESSOR_COLUMNS,
  compoundRiskPivot,
  customColumns,
  flagsPivot,
  joinEngagement,
} from './sql';
import {
  ScorecardView,
  applyFilters,
  customStressorsOf,
  orderByKeys,
  orderBySql,
  orderTerms,
  sortKeys,
} from './view';

/**
 * The export: every row of a view as text built by the database, one string per row.
 * `json` gives exactly the JSON of the `ScorecardRow` that `ScorecardQuery.rows` returns,
 * `csv` the line `scorecardToCsv` writes for it (its columns, quoting and formula guard).
 * The export sends them as they come: no 30 columns per row parsed into objects and
 * serialised again.
 * @internal
 */
export class ScorecardExportText {
  constructor(private readonly db: Knex) {}

  /** Every line of the view, at once. */
  async rowsText(
    view: ScorecardView,
    format: 'json' | 'csv',
    customStressors?: string[],
  ): Promise<string[]> {
    const keys = customStressors ?? (await customStressorsOf(this.db, view));
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
    const keys = customStressors ?? (await customStressorsOf(this.db, view));
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
    const pg = isPostgres(db);
    const custom = customColumns(customStressors);
    const inner = db('scorecard_entities as e')
      .leftJoin(db.raw(flagsPivot('', custom)), 'f.entity_ref', 'e.entity_ref')
      .leftJoin(db.raw(compoundRiskPivot()), 'cr.entity_ref', 'e.entity_ref')
      .leftJoin(db.raw(LATEST_OPS), 'ops.team_ref', 'e.owner_ref');
    joinEngagement(inner, 'e.owner_ref');
    const terms = orderTerms(db, view, column => `f.${column}`, custom);
    inner.select(
      'e.*',
      ...[...STRESSOR_COLUMNS, ...custom].map(c => `f.${c.column}`),
      'f.max_level',
      'f.at_max',
      'f.max_proposed',
      'f.unrated_count',
      'f.open_count',
      'cr.risk_mask',
      'ops.share as ops_share',
      'ops.source as ops_source',
      'g.id as g_id',
      'g.phase as g_phase',
      'g.sre_ref as g_sre_ref',
      ...sortKeys(db, terms),
    );
    applyFilters(db, inner, view);
    inner.orderByRaw(orderBySql(terms));
    // the line's SQL reads the inner row, aliased e
    const expression = (
      format === 'json' ? jsonRowSql(pg, custom) : csvRowSql(pg, custom)
    )
      .replace(
        /\bf\.(s\d+|c\d+|max_level|at_max|max_proposed|unrated_count|open_count)\b/g,
        'e.$1',
      )
      .replace(/\bcr\.risk_mask\b/g, 'e.risk_mask')
      .replace(/\bg\.(id|phase|sre_ref)\b/g, 'e.g_$1')
      .replace(/\bops\.share\b/g, 'e.ops_share')
      .replace(/\bops\.source\b/g, 'e.ops_source');
    const sql = inner.toSQL();
    const fence = pg ? ' OFFSET 0' : '';
    return db
      .select(db.raw(`${expression} AS line`))
      .from(db.raw(`(${sql.sql}${fence}) e`, sql.bindings as any[]))
      .orderByRaw(orderByKeys(db, terms, 'e'));
  }
}
