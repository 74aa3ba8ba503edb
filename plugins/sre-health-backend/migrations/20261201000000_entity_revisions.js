/*
 * entity_revisions: a counter per entity (or team) ref, bumped in the same transaction as
 * every audited write to it. The tab's read keeps its composed answer per entity and checks
 * this one row per read, so a write through any replica shows on the next read without
 * re-running the dozen queries behind the tab.
 *
 * A counter, not max(audit_log.id): PostgreSQL hands out sequence ids before commit, so a
 * write can commit with an id lower than one already seen. The upsert takes the row's lock,
 * so bumps of one entity happen in commit order.
 */

// @ts-check

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('entity_revisions', table => {
    table.string('entity_ref', 255).primary();
    table.bigInteger('revision').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('entity_revisions');
};
