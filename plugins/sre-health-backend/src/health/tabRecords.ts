import type { Knex } from 'knex';
import type {
  Engagement,
  ExpertiseRecord,
  Fire,
  OpsLoadSample,
  Postmortem,
  StressorFlag,
  TeamOpsWeek,
  Versioned,
} from '@sre-health/backstage-plugin-sre-health-common';
import { opsTimeWeekListMapping } from '../opsTime';
import { isPostgres } from '../database/dialect';
import type { RecordMapping } from '../database/VersionedRepository';
import type { SreHealthStore } from '../store';

/** SRE Health's own records the tab shows for one entity and its owning team. @internal */
export interface TabRecords {
  stressors: StressorFlag[];
  expertise: ExpertiseRecord[];
  engagement: Engagement | undefined;
  opsSamples: OpsLoadSample[];
  /** The team's stored weeks (OpsTimeRecorder): their computed terms. */
  opsWeeks: TeamOpsWeek[];
  fires: Fire[];
  fireCounts: Map<string, number>;
  postmortems: Postmortem[];
  postmortemCount: number;
}

type AnyMapping = RecordMapping<Versioned, any, unknown, unknown>;

/** One list of the statement: a repository's records of the entity or of its team. */
interface ListSpec {
  name: string;
  mapping: AnyMapping;
  /** Which ref the list is keyed on. */
  of: 'entity' | 'team';
  /** The newest `limit` (lists that grow with history, TAB_LIST_LIMITS). */
  limit?: number;
  /** Extra condition on the table (aliased `r`), e.g. the team's engagement under way. */
  where?: string;
  /** Keep the repository's order (false: `first()` semantics, any one row). */
  ordered?: boolean;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): string {
  // Table and column names come from the mappings, never from a request.
  if (!IDENTIFIER.test(name)) throw new Error(`not an identifier: ${name}`);
  return name;
}

/**
 * Reads the tab's records of an entity in ONE statement where the repositories' own reads
 * take eight (flags, expertise, the team's engagement under way and ops-load samples, the
 * newest fires and their counts by kind, the newest postmortems and their count): each list
 * is a scalar subquery aggregated to JSON, so the whole read is one round trip on
 * PostgreSQL and one prepared statement on SQLite. Rows are turned back into exactly what
 * the driver returns for the table (timestamps as Date on PostgreSQL) and then into records
 * by each repository's own mapping, so the records equal those of `repo.list` & co
 * (tabRecords.test.ts compares them on both databases).
 * @internal
 */
export class TabRecordsReader {
  private readonly db: Knex;
  private readonly lists: ListSpec[];
  private prepared?: Promise<{
    sql: string;
    toRow: Map<string, (row: Record<string, unknown>) => unknown>;
  }>;

  constructor(
    store: SreHealthStore,
    limits: { fires: number; postmortems: number },
  ) {
    this.db = store.db;
    const m = (repo: { mapping: unknown }) => repo.mapping as AnyMapping;
    this.lists = [
      { name: 'stressors', mapping: m(store.flags), of: 'entity' },
      { name: 'expertise', mapping: m(store.expertise), of: 'entity' },
      // The store's activeEngagement: a team has at most one engagement not closed.
      {
        name: 'engagement',
        mapping: m(store.engagements),
        of: 'team',
        where: "r.phase <> 'closed'",
        limit: 1,
        ordered: false,
      },
      { name: 'opsSamples', mapping: m(store.opsLoad), of: 'team' },
      {
        name: 'opsWeeks',
        mapping: opsTimeWeekListMapping as unknown as AnyMapping,
        of: 'team',
      },
      {
        name: 'fires',
        mapping: m(store.fires),
        of: 'entity',
        limit: limits.fires,
      },
      {
        name: 'postmortems',
        mapping: m(store.postmortems),
        of: 'entity',
        limit: limits.postmortems,
      },
    ];
  }

  async read(
    entityRef: string,
    /** The owning team; none reads no engagement and no ops load. */
    teamRef: string | null | undefined,
  ): Promise<TabRecords> {
    const { sql, toRow } = await this.prepare();
    const bindings = [
      ...this.lists.map(l => (l.of === 'entity' ? entityRef : teamRef ?? null)),
      entityRef, // fire counts
      entityRef, // postmortem count
    ];
    const raw = await this.db.raw(sql, bindings);
    const row: Record<string, unknown> = Array.isArray(raw)
      ? raw[0]
      : raw.rows[0];
    const records = (list: ListSpec) => {
      const value = parseJson(row[list.name]) as Array<Record<string, unknown>>;
      const toDriverRow = toRow.get(list.mapping.table)!;
      return value.map(r => list.mapping.toRecord(toDriverRow(r)));
    };
    const [
      stressors,
      expertise,
      engagement,
      opsSamples,
      opsWeeks,
      fires,
      postmortems,
    ] = this.lists.map(records);
    const counts = parseJson(row.fireCounts) as Record<string, unknown>;
    return {
      stressors: stressors as StressorFlag[],
      expertise: expertise as ExpertiseRecord[],
      engagement: engagement[0] as Engagement | undefined,
      opsSamples: opsSamples as OpsLoadSample[],
      opsWeeks: opsWeeks as unknown as TeamOpsWeek[],
      fires: fires as Fire[],
      fireCounts: new Map(
        Object.entries(counts).map(([kind, n]) => [kind, Number(n)]),
      ),
      postmortems: postmortems as Postmortem[],
      postmortemCount: Number(row.postmortemCount),
    };
  }

  /** The statement and the row converters, from the tables' columns (read once). */
  private prepare() {
    this.prepared ??= this.build().catch(error => {
      this.prepared = undefined;
      throw error;
    });
    return this.prepared;
  }

  private async build() {
    const pg = isPostgres(this.db);
    const toRow = new Map<string, (row: Record<string, unknown>) => unknown>();
    const subqueries: string[] = [];
    for (const list of this.lists) {
      const { table, refColumn, orderBy } = list.mapping;
      const columns = (await this.db(table).columnInfo()) as Record<
        string,
        { type: string }
      >;
      toRow.set(table, pg ? postgresRow(columns) : r => r);
      const order = (alias: string) =>
        orderBy
          .map(
            o =>
              `${alias}${identifier(o.column)} ${
                o.order === 'desc' ? 'DESC' : 'ASC'
              }`,
          )
          .join(', ');
      const where = `r.${identifier(refColumn)} = ?${
        list.where ? ` AND ${list.where}` : ''
      }`;
      const ordered = list.ordered !== false && orderBy.length > 0;
      const aggOrder = ordered ? ` ORDER BY ${order('r.')}` : '';
      // A list cut at `limit` is cut in a subquery; the aggregate keeps the order either way.
      const from =
        list.limit === undefined
          ? `${identifier(table)} r WHERE ${where}`
          : `(SELECT * FROM ${identifier(table)} r WHERE ${where}${
              ordered ? ` ORDER BY ${order('r.')}` : ''
            } LIMIT ${Number(list.limit)}) r`;
      const aggregate = pg
        ? `COALESCE(json_agg(r${aggOrder}), '[]'::json)`
        : `json_group_array(json_object(${Object.keys(columns)
            .map(c => `'${identifier(c)}', r.${identifier(c)}`)
            .join(', ')})${aggOrder})`;
      subqueries.push(`(SELECT ${aggregate} FROM ${from}) AS "${list.name}"`);
    }
    // Counts of everything, not only of the listed newest: fires by kind, postmortems.
    const fires = this.lists.find(l => l.name === 'fires')!.mapping;
    const postmortems = this.lists.find(l => l.name === 'postmortems')!.mapping;
    const kinds = pg
      ? `COALESCE(json_object_agg(kind, n), '{}'::json)`
      : 'json_group_object(kind, n)';
    subqueries.push(
      `(SELECT ${kinds} FROM (SELECT kind, COUNT(*) AS n FROM ${identifier(
        fires.table,
      )} WHERE ${identifier(
        fires.refColumn,
      )} = ? GROUP BY kind) c) AS "fireCounts"`,
      `(SELECT COUNT(*) FROM ${identifier(
        postmortems.table,
      )} WHERE ${identifier(postmortems.refColumn)} = ?) AS "postmortemCount"`,
    );
    return { sql: `SELECT ${subqueries.join(', ')}`, toRow };
  }
}

function parseJson(value: unknown): unknown {
  // SQLite returns JSON as text; PostgreSQL's driver parses json columns itself.
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/**
 * PostgreSQL's JSON of a row writes timestamps as text and 64-bit numbers as numbers; the
 * driver returns them as Date and string. Convert, so mappings see the rows they know.
 */
function postgresRow(columns: Record<string, { type: string }>) {
  const dates: string[] = [];
  const bigints: string[] = [];
  for (const [name, { type }] of Object.entries(columns)) {
    if (type.startsWith('timestamp')) dates.push(name);
    else if (type === 'bigint' || type === 'numeric') bigints.push(name);
  }
  return (row: Record<string, unknown>) => {
    for (const c of dates) {
      if (row[c] !== null && row[c] !== undefined) {
        row[c] = new Date(row[c] as string);
      }
    }
    for (const c of bigints) {
      if (row[c] !== null && row[c] !== undefined) row[c] = String(row[c]);
    }
    return row;
  };
}
