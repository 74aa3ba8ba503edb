import { PHASES } from '@sre-health/backstage-plugin-sre-health-common';
import {
  COMPOUND_RISK_MASKS,
  OPS_SHARE,
  OPS_SOURCE,
  compoundRiskKeysOf,
  PivotColumn,
  STRESSOR_COLUMNS,
  exemptUntilText,
} from './sql';

/*
 * SQL that prints a scorecard row as text, over the aliases e, f, ops and g of a full row:
 * the JSON of its `ScorecardRow`, or the line `scorecardToCsv` writes for it. `pg` chooses
 * PostgreSQL's spelling over SQLite's.
 */

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

/** A number as JavaScript prints it, or `fallback` for NULL. */
function numberText(pg: boolean, sql: string, fallback: string): string {
  if (pg) {
    // PostgreSQL prints the shortest exact form already (1, not 1.0)
    return `COALESCE(CAST(${sql} AS TEXT), '${fallback}')`;
  }
  // SQLite prints a whole REAL as 1.0
  return `COALESCE(CASE WHEN (${sql}) = CAST((${sql}) AS INTEGER) THEN CAST(CAST((${sql}) AS INTEGER) AS TEXT) ELSE CAST((${sql}) AS TEXT) END, '${fallback}')`;
}

/**
 * The row's compound risks as text, from `cr.risk_mask` (see compoundRiskPivot): one
 * literal per mask, `text(keys)` of its keys.
 */
function compoundRisksSql(text: (keys: string[]) => string): string {
  return `CASE COALESCE(cr.risk_mask, 0) ${COMPOUND_RISK_MASKS.map(
    mask =>
      `WHEN ${mask} THEN '${text(compoundRiskKeysOf(mask)).replace(
        /'/g,
        "''",
      )}'`,
  ).join(' ')} END`;
}

/** The row's `ScorecardRow` as JSON text. */
export function jsonRowSql(pg: boolean, custom: PivotColumn[]): string {
  // Free text (titles, lifecycles) is escaped by the database; entity refs, ids and enum
  // values cannot hold a quote or a backslash, so they are only wrapped in quotes.
  const text = (sql: string) =>
    pg ? `COALESCE(to_json(${sql})::text, 'null')` : `json_quote(${sql})`;
  const safe = (sql: string) => `COALESCE('"' || ${sql} || '"', 'null')`;
  const numText = (sql: string) => numberText(pg, sql, 'null');
  const levels = [1, 2, 3, 4, 5];
  // every code of cellCode in sql.ts: exempt (negative), dismissed, rated (100 and up) or
  // proposed, open or mitigating
  const cell = (column: string) =>
    `CASE WHEN f.${column} < 0 THEN '{"status":"exempt","level":0,"until":"' || ${exemptUntilText(
      `f.${column}`,
    )} || '"}' ELSE CASE f.${column} WHEN 0 THEN '{"status":"dismissed","level":0}' ${[
      100, 0,
    ]
      .flatMap(rated =>
        levels.map(level => {
          const tail = rated ? '}' : ',"proposed":true}';
          return `WHEN ${
            rated + level * 10 + 2
          } THEN '{"status":"open","level":${level}${tail}' WHEN ${
            rated + level * 10 + 1
          } THEN '{"status":"mitigating","level":${level}${tail}'`;
        }),
      )
      .join(' ')} ELSE 'null' END END`;
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
    ['maxProposedLevel', numText('COALESCE(f.max_proposed, 0)')],
    ['unratedStressors', numText('COALESCE(f.unrated_count, 0)')],
    ['openStressors', numText('COALESCE(f.open_count, 0)')],
    ['compoundRisks', compoundRisksSql(keys => JSON.stringify(keys))],
    ...[...STRESSOR_COLUMNS, ...custom].map((c): [string, string] => [
      `stressor:${c.key}`,
      cell(c.column),
    ]),
    ['slo', slo],
    ['truckFactor', numText('e.truck_factor')],
    ['opsShare', numText(OPS_SHARE)],
    ['opsShareSource', safe(OPS_SOURCE)],
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

/** The row's CSV line: `scorecardToCsv`'s columns, quoting and formula guard. */
export function csvRowSql(pg: boolean, custom: PivotColumn[]): string {
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
  const numText = (sql: string) => numberText(pg, sql, '');
  // as formatScorecardCell: `open 4`, `mitigating 2 (proposed)`, `dismissed`,
  // `exempt until 2027-01-15`
  const cell = (column: string) => {
    const c = `f.${column}`;
    const level = `CAST(${c} % 100 / 10 AS TEXT) || CASE WHEN ${c} >= 100 THEN '' ELSE ' (proposed)' END`;
    return `CASE WHEN ${c} IS NULL THEN '' WHEN ${c} = 0 THEN 'dismissed' WHEN ${c} < 0 THEN 'exempt until ' || ${exemptUntilText(
      c,
    )} WHEN ${c} % 10 = 2 THEN 'open ' || ${level} ELSE 'mitigating ' || ${level} END`;
  };
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
    // as the CSV column: the keys, `; ` between (no character that needs quoting)
    compoundRisksSql(keys => keys.join('; ')),
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
