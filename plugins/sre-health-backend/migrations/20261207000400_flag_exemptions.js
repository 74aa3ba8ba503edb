/*
 * Exemptions that expire (issue #18): an SRE may exempt a flag until a date, with a
 * justification. The flag is then neither open nor gone (status `exempt`); after the date
 * the next detection run re-opens it if the stressor is still detected.
 * - stressor_flags.status admits `exempt`;
 * - stressor_flags.exempt_until (YYYY-MM-DD, the last exempt day), exempt_reason and
 *   exempt_by (who granted it);
 * - the domain rule as a constraint: an exempt flag has an end date, a reason that says
 *   something and who granted it; a flag that is not exempt has none of them.
 * SQLite cannot change a constraint of an existing table: there the table is rebuilt with
 * its indexes (nothing references stressor_flags).
 */

// @ts-check

const STATUSES_BEFORE = ['open', 'mitigating', 'resolved', 'dismissed'];
const STATUSES = [...STATUSES_BEFORE, 'exempt'];
const list = (/** @type {string[]} */ values) =>
  values.map(v => `'${v}'`).join(', ');

const EXEMPTION_CHECK = `(status = 'exempt' AND exempt_until IS NOT NULL AND length(exempt_until) = 10 AND exempt_reason IS NOT NULL AND length(trim(exempt_reason)) > 0 AND exempt_by IS NOT NULL) OR (status <> 'exempt' AND exempt_until IS NULL AND exempt_reason IS NULL AND exempt_by IS NULL)`;

const COLUMNS = [
  ['exempt_until', 'varchar(10)'],
  ['exempt_reason', 'text'],
  ['exempt_by', 'varchar(255)'],
];

/** @param {import('knex').Knex} knex */
const isPostgres = knex => {
  const client = String(knex.client.config.client ?? '');
  return client === 'pg' || client.includes('postgres');
};

/**
 * Rebuilds stressor_flags on SQLite from its CREATE statement as `transform` rewrites it,
 * copying the columns both versions have and recreating its indexes.
 * @param {import('knex').Knex} knex
 * @param {(sql: string) => string} transform
 */
async function rebuildSqlite(knex, transform) {
  const table = await knex('sqlite_master')
    .where({ type: 'table', name: 'stressor_flags' })
    .first('sql');
  const indexes = await knex('sqlite_master')
    .where({ type: 'index', tbl_name: 'stressor_flags' })
    .whereNotNull('sql')
    .select('sql');
  const created = transform(String(table.sql)).replace(
    /^CREATE TABLE [`"]?stressor_flags[`"]?/i,
    'CREATE TABLE stressor_flags_rebuilt',
  );
  await knex.raw(created);
  const columnsOf = async (/** @type {string} */ name) =>
    (await knex.raw(`PRAGMA table_info(${name})`)).map(
      (/** @type {{ name: string }} */ c) => c.name,
    );
  const before = new Set(await columnsOf('stressor_flags'));
  const kept = (await columnsOf('stressor_flags_rebuilt'))
    .filter((/** @type {string} */ c) => before.has(c))
    .map((/** @type {string} */ c) => `"${c}"`)
    .join(', ');
  await knex.raw(
    `INSERT INTO stressor_flags_rebuilt (${kept}) SELECT ${kept} FROM stressor_flags`,
  );
  await knex.raw('DROP TABLE stressor_flags');
  await knex.raw('ALTER TABLE stressor_flags_rebuilt RENAME TO stressor_flags');
  for (const index of indexes) await knex.raw(index.sql);
}

/** The status check of the CREATE statement, with `statuses`. */
const STATUS_CHECK = /constraint stressor_flags_status check \(.*?\)\)/i;
const statusCheck = (/** @type {string[]} */ statuses) =>
  `constraint stressor_flags_status check (status in (${list(statuses)}))`;

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (isPostgres(knex)) {
    for (const [column, type] of COLUMNS) {
      await knex.raw(
        `ALTER TABLE stressor_flags ADD COLUMN ${column} ${type} NULL`,
      );
    }
    await knex.raw(
      'ALTER TABLE stressor_flags DROP CONSTRAINT stressor_flags_status',
    );
    await knex.raw(
      `ALTER TABLE stressor_flags ADD CONSTRAINT stressor_flags_status CHECK (status IN (${list(
        STATUSES,
      )}))`,
    );
    await knex.raw(
      `ALTER TABLE stressor_flags ADD CONSTRAINT stressor_flags_exemption CHECK (${EXEMPTION_CHECK})`,
    );
    return;
  }
  await rebuildSqlite(knex, sql => {
    if (!STATUS_CHECK.test(sql)) {
      throw new Error('stressor_flags has no status check to widen');
    }
    const columns = COLUMNS.map(([c, type]) => `, "${c}" ${type} null`).join(
      '',
    );
    return sql
      .replace(STATUS_CHECK, statusCheck(STATUSES))
      .replace(
        /, primary key \(/i,
        `${columns}, constraint stressor_flags_exemption check (${EXEMPTION_CHECK}), primary key (`,
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // An exempt flag was open before it was exempted.
  await knex('stressor_flags').where({ status: 'exempt' }).update({
    status: 'open',
    exempt_until: null,
    exempt_reason: null,
    exempt_by: null,
  });
  if (isPostgres(knex)) {
    await knex.raw(
      'ALTER TABLE stressor_flags DROP CONSTRAINT stressor_flags_exemption',
    );
    await knex.raw(
      'ALTER TABLE stressor_flags DROP CONSTRAINT stressor_flags_status',
    );
    await knex.raw(
      `ALTER TABLE stressor_flags ADD CONSTRAINT stressor_flags_status CHECK (status IN (${list(
        STATUSES_BEFORE,
      )}))`,
    );
    for (const [column] of COLUMNS) {
      await knex.raw(`ALTER TABLE stressor_flags DROP COLUMN ${column}`);
    }
    return;
  }
  await rebuildSqlite(knex, sql =>
    sql
      .replace(STATUS_CHECK, statusCheck(STATUSES_BEFORE))
      .replace(
        /, constraint stressor_flags_exemption check \(.*\), primary key \(/i,
        ', primary key (',
      )
      .replace(
        /, "exempt_until" varchar\(10\) null, "exempt_reason" text null, "exempt_by" varchar\(255\) null/,
        '',
      ),
  );
};
