/*
 * One SRE at a time, and the engagement's plan (issue #16):
 * - engagements.planned_end_date: when the embedding is planned to end (after its start);
 *   the after-action report compares it with the real end. Null only for engagements
 *   started before it was asked.
 * - engagements.concurrent_reason: why an SRE runs a second engagement at the same time.
 *   Per SRE, at most one active engagement goes without one (a partial unique index).
 * - engagement_seats: the groups an active engagement occupies, its team and the groups
 *   nested under it when it started. A group has one seat at a time (a partial unique
 *   index), so no two SREs are embedded in a parent and its child group. Each seat carries
 *   its engagement's phase through a foreign key that cascades updates, so closing the
 *   engagement frees its seats in the same statement, whichever path closes it.
 * - engagement_checklist.ticked_in_phase: the engagement's phase when an item was ticked:
 *   phases guide, they do not gate, and an item ticked before its phase says so.
 */

// @ts-check

const PHASES = ['learn', 'share-context', 'drive-change', 'report', 'closed'];
const PHASE_LIST = PHASES.map(p => `'${p}'`).join(', ');

/** @param {import('knex').Knex} knex */
const isPostgres = knex => {
  const client = String(knex.client.config.client ?? '');
  return client === 'pg' || client.includes('postgres');
};

/**
 * Adds a column with a CHECK constraint: one statement on SQLite (which cannot add a
 * constraint to an existing table), a column then a named constraint on PostgreSQL.
 * @param {import('knex').Knex} knex
 * @param {string} table
 * @param {string} column
 * @param {string} type
 * @param {string} name
 * @param {string} check
 */
async function addCheckedColumn(knex, table, column, type, name, check) {
  if (isPostgres(knex)) {
    await knex.raw(`ALTER TABLE ${table} ADD COLUMN ${column} ${type} NULL`);
    await knex.raw(
      `ALTER TABLE ${table} ADD CONSTRAINT ${name} CHECK (${check})`,
    );
  } else {
    await knex.raw(
      `ALTER TABLE ${table} ADD COLUMN ${column} ${type} NULL CONSTRAINT ${name} CHECK (${check})`,
    );
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await addCheckedColumn(
    knex,
    'engagements',
    'planned_end_date',
    'varchar(10)',
    'engagements_planned_end_after_start',
    'planned_end_date IS NULL OR planned_end_date > start_date',
  );
  await addCheckedColumn(
    knex,
    'engagements',
    'concurrent_reason',
    'text',
    'engagements_concurrent_reason_given',
    'concurrent_reason IS NULL OR length(trim(concurrent_reason)) > 0',
  );

  // Engagements that already overlap for one SRE keep running: all but the earliest are
  // marked as the override they would need today.
  const active = await knex('engagements')
    .whereNot({ phase: 'closed' })
    .orderBy('start_date', 'asc')
    .orderBy('created_at', 'asc')
    .select('id', 'sre_ref', 'team_ref', 'phase');
  const seen = new Set();
  for (const e of active) {
    if (seen.has(e.sre_ref)) {
      await knex('engagements').where({ id: e.id }).update({
        concurrent_reason:
          'Running before one team per SRE was enforced (migration 20261207000300).',
      });
    }
    seen.add(e.sre_ref);
  }
  await knex.raw(
    `CREATE UNIQUE INDEX engagements_one_team_per_sre ON engagements (sre_ref) WHERE phase <> 'closed' AND concurrent_reason IS NULL`,
  );

  await knex.schema.alterTable('engagements', table => {
    table.unique(['id', 'phase'], { indexName: 'engagements_id_phase' });
  });
  await knex.schema.createTable('engagement_seats', table => {
    table.string('engagement_id', 36).notNullable();
    table
      .string('engagement_phase', 16)
      .notNullable()
      .comment("the engagement's phase, kept by the cascading foreign key");
    table
      .string('group_ref', 255)
      .notNullable()
      .comment(
        'the team, or a group nested under it when the engagement started',
      );
    table.primary(['engagement_id', 'group_ref'], 'engagement_seats_pk');
    table
      .foreign(
        ['engagement_id', 'engagement_phase'],
        'engagement_seats_engagement',
      )
      .references(['id', 'phase'])
      .inTable('engagements')
      .onUpdate('CASCADE')
      .onDelete('CASCADE');
  });
  await knex.raw(
    `CREATE UNIQUE INDEX engagement_seats_one_sre ON engagement_seats (group_ref) WHERE engagement_phase <> 'closed'`,
  );
  // The catalog is not read here: running engagements occupy their own team's seat.
  for (const e of active) {
    await knex('engagement_seats').insert({
      engagement_id: e.id,
      engagement_phase: e.phase,
      group_ref: String(e.team_ref).toLocaleLowerCase('en-US'),
    });
  }

  await addCheckedColumn(
    knex,
    'engagement_checklist',
    'ticked_in_phase',
    'varchar(16)',
    'engagement_checklist_ticked_in_phase',
    `ticked_in_phase IS NULL OR ticked_in_phase IN (${PHASE_LIST})`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX engagement_seats_one_sre');
  await knex.schema.dropTable('engagement_seats');
  await knex.schema.alterTable('engagements', table => {
    table.dropUnique(['id', 'phase'], 'engagements_id_phase');
  });
  await knex.raw('DROP INDEX engagements_one_team_per_sre');
  for (const [table, column] of [
    ['engagement_checklist', 'ticked_in_phase'],
    ['engagements', 'concurrent_reason'],
    ['engagements', 'planned_end_date'],
  ]) {
    await knex.raw(`ALTER TABLE ${table} DROP COLUMN ${column}`);
  }
};
