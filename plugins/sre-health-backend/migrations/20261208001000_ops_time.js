/*
 * Issue #18 part 1: a team's ops share computed from the recorded work.
 * - fires carry the minutes spent on them (optional; 0..one week);
 * - alert firings (pages) carry their resolution time and where they came from
 *   (Alertmanager or the push API), and who was paged when the pusher knows;
 * - on-call interrupt records pushed per team (optionally per person), idempotent on
 *   (team, user, start, cause); '' stands for "none" so the natural key is unique;
 * - ops_time_weeks: each team's weekly share and its source (typed override or computed),
 *   with the computed terms, written by OpsTimeRecorder with the -common rule
 *   (teamOpsWeeks) for the scorecard;
 * - interrupt_causes: the SRE's sorting of a cause (toil | overhead), once per team and
 *   cause, optionally linked to the kindling item that should remove it.
 */

// @ts-check

/** @param {import('knex').Knex.CreateTableBuilder} table */
const VERSIONED = table => {
  table.integer('version').notNullable().defaultTo(1);
  table.timestamp('created_at', { useTz: true }).notNullable();
  table.timestamp('updated_at', { useTz: true }).notNullable();
};

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('fires', table => {
    table
      .integer('time_spent_minutes')
      .nullable()
      .checkBetween([0, 10080], 'fires_time_spent_range');
  });
  await knex.schema.alterTable('alert_firings', table => {
    table.timestamp('ends_at', { useTz: true }).nullable();
    table.string('source', 16).notNullable().defaultTo('alertmanager');
    table.string('paged_user_ref', 255).nullable();
  });

  await knex.schema.createTable('oncall_interrupts', table => {
    table.string('team_ref', 255).notNullable();
    table.string('user_ref', 255).notNullable().defaultTo('');
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.string('week_start', 10).notNullable();
    table.string('cause', 200).notNullable().defaultTo('');
    table.integer('count').notNullable();
    table.integer('minutes').notNullable();
    table.string('source', 255).notNullable();
    table.timestamp('pushed_at', { useTz: true }).notNullable();
    table.primary(['team_ref', 'user_ref', 'starts_at', 'cause']);
    table.check(
      'count >= 0 AND minutes >= 0 AND minutes <= 10080',
      [],
      'oncall_interrupts_figures',
    );
  });

  await knex.schema.createTable('ops_time_weeks', table => {
    table.string('team_ref', 255).notNullable();
    table.string('week_start', 10).notNullable();
    table
      .string('source', 16)
      .notNullable()
      .checkIn(['computed', 'typed'], 'ops_time_weeks_source');
    table.double('share').nullable();
    table.double('ops_hours').notNullable();
    table.double('base_hours').notNullable();
    table.double('typed_share').nullable();
    table.double('computed_share').nullable();
    table.double('toil_share').nullable();
    // the computed terms; null on a typed week without recorded work
    table.double('fire_hours').nullable();
    table.double('page_hours').nullable();
    table.double('interrupt_hours').nullable();
    table.double('toil_hours').nullable();
    table.integer('fires').nullable();
    table.integer('untimed_fires').nullable();
    table.integer('pages').nullable();
    table.integer('interrupts').nullable();
    table.integer('members').nullable();
    table.double('hours_per_person').nullable();
    table.double('capacity_hours').nullable();
    table.timestamp('computed_at', { useTz: true }).notNullable();
    table.primary(['team_ref', 'week_start']);
    table.check(
      '(share IS NULL OR share >= 0) AND ops_hours >= 0 AND base_hours >= 0',
      [],
      'ops_time_weeks_figures',
    );
  });

  await knex.schema.createTable('interrupt_causes', table => {
    table.string('id', 36).primary();
    table.string('team_ref', 255).notNullable();
    table.string('cause_key', 300).notNullable();
    table
      .string('cause_class', 16)
      .notNullable()
      .checkIn(['toil', 'overhead'], 'interrupt_causes_class');
    table.string('kindling_item_id', 36).nullable();
    table.string('author', 255).notNullable();
    VERSIONED(table);
    table.unique(['team_ref', 'cause_key'], {
      indexName: 'interrupt_causes_once',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('interrupt_causes');
  await knex.schema.dropTable('ops_time_weeks');
  await knex.schema.dropTable('oncall_interrupts');
  await knex.schema.alterTable('alert_firings', table => {
    table.dropColumn('paged_user_ref');
    table.dropColumn('source');
    table.dropColumn('ends_at');
  });
  await knex.schema.alterTable('fires', table => {
    table.dropChecks(['fires_time_spent_range']);
    table.dropColumn('time_spent_minutes');
  });
};
