/*
 * The error-budget policy's episodes (issue #17): one row each time an SLO of a service
 * enters a step of `sreHealth.slo.budgetPolicy` (seen by the scorecard sync), closed when it
 * leaves it. The domain rules live here:
 * - one open episode per SLO (a partial unique index): two runs, or two replicas, seeing
 *   the same step cannot both record it, so the owning team is notified once;
 * - `notified_at` is claimed by a conditional update before the notification is sent;
 * - an episode is decided once (accepted or declined, with a reason that says something,
 *   by whom, when, and where the decision was logged) or not at all: a check constraint.
 * The decision goes to the engagement's decision log (engagement_decisions) when the owning
 * team's engagement is under way, else to the service's own decision log, service_decisions.
 */

// @ts-check

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_policy_episodes', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('slo_name', 255).notNullable();
    table.string('step_key', 64).notNullable();
    table.text('action').notNullable();
    table.double('budget_remaining').nullable();
    table.timestamp('entered_at', { useTz: true }).notNullable();
    table.timestamp('left_at', { useTz: true }).nullable();
    table.timestamp('notified_at', { useTz: true }).nullable();
    table.string('decision', 16).nullable();
    table.text('decision_reason').nullable();
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.string('decision_log', 16).nullable();
    table.string('decision_id', 36).nullable();
    table.integer('version').notNullable().defaultTo(1);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['entity_ref'], 'slo_policy_episodes_entity');
    table.check(
      `(decision IS NULL AND decision_reason IS NULL AND decided_by IS NULL AND decided_at IS NULL AND decision_log IS NULL AND decision_id IS NULL) OR (decision IN ('accepted', 'declined') AND decision_reason IS NOT NULL AND length(trim(decision_reason)) > 0 AND decided_by IS NOT NULL AND decided_at IS NOT NULL AND decision_log IN ('engagement', 'service') AND decision_id IS NOT NULL)`,
      [],
      'slo_policy_episodes_decided',
    );
  });

  // A service's own decision log: decisions about it taken while no engagement runs.
  await knex.schema.createTable('service_decisions', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.text('decision').notNullable();
    table.text('reason').notNullable();
    table.text('example').notNullable();
    table.string('author', 255).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['entity_ref'], 'service_decisions_entity');
    table.check(
      'length(trim(decision)) > 0 AND length(trim(reason)) > 0',
      [],
      'service_decisions_said',
    );
  });
  await knex.raw(
    `CREATE UNIQUE INDEX slo_policy_episodes_one_open ON slo_policy_episodes (entity_ref, slo_name) WHERE left_at IS NULL`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('service_decisions');
  await knex.raw('DROP INDEX slo_policy_episodes_one_open');
  await knex.schema.dropTable('slo_policy_episodes');
};
