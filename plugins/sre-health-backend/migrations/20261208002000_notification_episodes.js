/*
 * Notification episodes (issue #18 part 4): one row each time a condition worth telling a
 * team about starts — a stressor at a high level, an SLO paging, a team above the ops cap,
 * an exemption about to end — closed when it ends. The domain rules live here:
 * - one open episode per (kind, subject, key): a partial unique index, so two detection
 *   runs or two replicas seeing the same condition record one episode, and the team is
 *   notified once; a new episode (and a new notification) only after the last one ended;
 * - `notified_at` is claimed by a conditional update before the notification is sent;
 * - kinds and severities are the known ones, and an episode ends after it started.
 */

// @ts-check

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('notification_episodes', table => {
    table.string('id', 36).primary();
    table.string('kind', 32).notNullable();
    table.string('subject_ref', 255).notNullable();
    table.string('episode_key', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('recipient_ref', 255).nullable();
    table.string('severity', 16).notNullable();
    table.text('title').notNullable();
    table.text('description').notNullable();
    table.string('link', 1024).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.timestamp('notified_at', { useTz: true }).nullable();
    table.integer('version').notNullable().defaultTo(1);
    table.index(['kind', 'subject_ref'], 'notification_episodes_subject');
    table.check(
      `kind IN ('stressor-high', 'slo-page', 'ops-cap', 'exemption-expiring') AND severity IN ('critical', 'high', 'normal', 'low') AND (ended_at IS NULL OR ended_at >= started_at)`,
      [],
      'notification_episodes_known',
    );
  });
  await knex.raw(
    `CREATE UNIQUE INDEX notification_episodes_one_open ON notification_episodes (kind, subject_ref, episode_key) WHERE ended_at IS NULL`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX notification_episodes_one_open');
  await knex.schema.dropTable('notification_episodes');
};
