/*
 * What the stressor detectors read beyond the catalog: problems deferred to a future
 * release, customer complaints, alert firings (pushed or polled from Alertmanager) with what
 * is known about each alert, snapshots of dependents for growth, and detection runs.
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
  await knex.schema.createTable('deferred_problems', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable().index();
    table.string('title', 255).notNullable();
    table.string('deferred_until', 255).notNullable();
    table.string('due_date', 10).nullable();
    table
      .string('status', 8)
      .notNullable()
      .checkIn(['open', 'closed'], 'deferred_problems_status');
    table.string('author', 255).notNullable();
    VERSIONED(table);
  });

  await knex.schema.createTable('complaints', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable().index();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.text('summary').notNullable();
    table.string('source', 255).notNullable();
    table.string('author', 255).notNullable();
    VERSIONED(table);
  });

  await knex.schema.createTable('alert_firings', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('alert_name', 255).notNullable();
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'alert_name', 'starts_at']);
  });

  await knex.schema.createTable('alert_diagnoses', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('alert_name', 255).notNullable();
    table.text('diagnosis').notNullable();
    table.string('runbook_url', 2048).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('author', 255).notNullable();
    VERSIONED(table);
    table.unique(['entity_ref', 'alert_name'], {
      indexName: 'alert_diagnoses_entity_alert',
    });
  });

  await knex.schema.createTable('dependents_snapshots', table => {
    table.string('entity_ref', 255).notNullable();
    table.timestamp('taken_at', { useTz: true }).notNullable();
    table.integer('dependents').notNullable();
    table.primary(['entity_ref', 'taken_at']);
  });

  await knex.schema.createTable('detection_runs', table => {
    table.bigIncrements('id').primary();
    table.string('trigger', 32).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.integer('entities').notNullable().defaultTo(0);
    table.integer('flags_changed').notNullable().defaultTo(0);
    table.text('error').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const name of [
    'detection_runs',
    'dependents_snapshots',
    'alert_diagnoses',
    'alert_firings',
    'complaints',
    'deferred_problems',
  ]) {
    await knex.schema.dropTable(name);
  }
};
