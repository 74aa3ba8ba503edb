/*
 * Issue #16, postmortems: a postmortem records its contributing factors (each action
 * item's owner, state and due date live in the `action_items` JSON beside its text), and
 * the engagement's "led the next postmortem" tick links to the postmortem that was led,
 * kept as it was when ticked (id, title, entity), like kindling's target.
 */

// @ts-check

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('postmortems', table => {
    table
      .text('contributing_factors')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON array of strings');
  });
  await knex.schema.alterTable('engagement_checklist', table => {
    table.string('postmortem_id', 36).nullable();
    table.string('postmortem_title', 255).nullable();
    table.string('postmortem_entity_ref', 255).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('engagement_checklist', table => {
    table.dropColumn('postmortem_entity_ref');
    table.dropColumn('postmortem_title');
    table.dropColumn('postmortem_id');
  });
  await knex.schema.alterTable('postmortems', table => {
    table.dropColumn('contributing_factors');
  });
};
