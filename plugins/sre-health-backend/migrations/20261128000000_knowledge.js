/*
 * Knowledge-silo risk: the truck-factor analysis of each component's git repository
 * (one row per component, rewritten by every run; `state` lets the next run read only the
 * new commits) and on-call shifts, which count as operating knowledge. A shift is keyed by
 * (entity, user, start), so a pusher that retries or re-sends a window never duplicates it.
 */

// @ts-check

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('truck_factor_analyses', table => {
    table.string('entity_ref', 255).primary();
    table
      .text('repository')
      .notNullable()
      .comment('the local path analysed (resolved), or the source location');
    table
      .string('status', 16)
      .notNullable()
      .checkIn(['ok', 'unavailable'], 'truck_factor_analyses_status');
    table
      .text('reason')
      .nullable()
      .comment('why the repository is unavailable');
    table.string('head_sha', 64).nullable();
    table
      .text('state')
      .nullable()
      .comment('TruckFactorState of the engine, JSON; input of the next run');
    table
      .text('result')
      .nullable()
      .comment('the last successful report without the authorship map, JSON');
    table
      .text('authorship')
      .nullable()
      .comment('authors of each file of the last successful report, JSON');
    table.timestamp('analyzed_at', { useTz: true }).notNullable();
    table.integer('duration_ms').notNullable().defaultTo(0);
  });

  await knex.schema.createTable('oncall_shifts', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('user_ref', 255).notNullable();
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.timestamp('ends_at', { useTz: true }).notNullable();
    table
      .string('source', 255)
      .notNullable()
      .comment(
        'who pushed the shift (user or service), or the configured source',
      );
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'user_ref', 'starts_at']);
    table.index(['entity_ref', 'ends_at'], 'oncall_shifts_entity_end');
    table.check('?? > ??', ['ends_at', 'starts_at'], 'oncall_shifts_order');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('oncall_shifts');
  await knex.schema.dropTable('truck_factor_analyses');
};
