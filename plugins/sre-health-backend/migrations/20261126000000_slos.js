/*
 * SLOs: definitions created through the API, pushed good/total events at one-minute
 * resolution with an hourly rollup (so a 30-day status reads ~720 rows, not 43,200), and
 * the last status computed from an external source (shown with its age when the source is
 * down). Replaces the hourly-only slo_buckets table of the first migration.
 */

// @ts-check

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.dropTable('slo_buckets');

  await knex.schema.createTable('slo_definitions', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('name', 128).notNullable();
    table
      .text('document')
      .notNullable()
      .comment('the OpenSLO SLO document, JSON');
    table.string('author', 255).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['entity_ref', 'name'], {
      indexName: 'slo_definitions_entity_name',
    });
  });

  await knex.schema.createTable('slo_events', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('slo_name', 128).notNullable();
    table.timestamp('bucket_start', { useTz: true }).notNullable();
    table.timestamp('hour_start', { useTz: true }).notNullable();
    table.bigInteger('good').notNullable();
    table.bigInteger('total').notNullable();
    table.primary(['entity_ref', 'slo_name', 'bucket_start']);
    table.check(
      '?? >= 0 AND ?? <= ??',
      ['good', 'good', 'total'],
      'slo_events_counts',
    );
  });

  await knex.schema.createTable('slo_events_hourly', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('slo_name', 128).notNullable();
    table.timestamp('hour_start', { useTz: true }).notNullable();
    table.bigInteger('good').notNullable();
    table.bigInteger('total').notNullable();
    table.primary(['entity_ref', 'slo_name', 'hour_start']);
  });

  await knex.schema.createTable('slo_last_status', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('slo_name', 128).notNullable();
    table.text('summary').notNullable().comment('SloSummary, JSON');
    table.timestamp('computed_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'slo_name']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_last_status');
  await knex.schema.dropTable('slo_events_hourly');
  await knex.schema.dropTable('slo_events');
  await knex.schema.dropTable('slo_definitions');
  await knex.schema.createTable('slo_buckets', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('slo_name', 128).notNullable();
    table.timestamp('bucket_start', { useTz: true }).notNullable();
    table.bigInteger('good').notNullable();
    table.bigInteger('total').notNullable();
    table.primary(['entity_ref', 'slo_name', 'bucket_start']);
  });
};
