/*
 * The org-wide stressor scorecard. The catalog keeps owners, systems, lifecycles and the
 * group hierarchy in its own database, so the scheduled scorecard task keeps a local copy
 * of what the scorecard filters and rolls up by:
 * - scorecard_entities: every service the SRE Health tab applies to, with its catalog facts
 *   and the facts computed by the task (worst SLO status, truck factor);
 * - scorecard_groups and group_ancestors: the groups and their closure (every group is its
 *   own ancestor at depth 0), so a department sees all its teams' services in one join;
 * - scorecard_snapshots: once a day, open stressors per group (rolled up through nested
 *   groups, '*' for the whole organisation) and stressor; scorecard_snapshot_days is the
 *   day's key, so a day is taken once however many replicas try;
 * - scorecard_flags_unresolved: a covering partial index of stressor_flags for its reads.
 */

// @ts-check

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_entities', table => {
    table.string('entity_ref', 255).primary();
    table.string('name', 255).notNullable();
    table.string('title', 255).nullable();
    table.string('owner_ref', 255).nullable().index('scorecard_entities_owner');
    table
      .string('system_ref', 255)
      .nullable()
      .index('scorecard_entities_system');
    table.string('lifecycle', 64).nullable();
    table
      .string('tier', 16)
      .notNullable()
      .checkIn(['critical', 'high', 'standard'], 'scorecard_entities_tier');
    table
      .string('slo_status', 16)
      .nullable()
      .comment('worst status of the SLOs of the entity; null without SLOs');
    table.float('slo_budget_remaining').nullable();
    table.integer('slo_count').notNullable().defaultTo(0);
    table.integer('truck_factor').nullable();
    table.timestamp('synced_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('scorecard_groups', table => {
    table.string('group_ref', 255).primary();
    table.string('name', 255).notNullable();
    table.string('title', 255).nullable();
    table.string('type', 64).nullable();
    table.string('parent_ref', 255).nullable();
  });

  await knex.schema.createTable('group_ancestors', table => {
    table.string('ancestor_ref', 255).notNullable();
    table.string('descendant_ref', 255).notNullable();
    table.integer('depth').notNullable();
    table.primary(['ancestor_ref', 'descendant_ref'], 'group_ancestors_pk');
    table.index(
      ['descendant_ref', 'ancestor_ref'],
      'group_ancestors_descendant',
    );
  });

  await knex.schema.createTable('scorecard_snapshot_days', table => {
    table.string('day', 10).primary().comment('UTC date, YYYY-MM-DD');
    table.timestamp('taken_at', { useTz: true }).notNullable();
    table.integer('services').notNullable();
    table.integer('open_flags').notNullable();
    table.integer('total_stress').notNullable();
  });

  await knex.schema.createTable('scorecard_snapshots', table => {
    table.string('day', 10).notNullable();
    table
      .string('group_ref', 255)
      .notNullable()
      .comment(
        "a group (its services and its nested groups' services), or '*'",
      );
    table.string('stressor_key', 64).notNullable();
    table.integer('open_flags').notNullable();
    table.integer('total_stress').notNullable();
    table.primary(
      ['day', 'group_ref', 'stressor_key'],
      'scorecard_snapshots_pk',
    );
    table.index(['group_ref', 'day'], 'scorecard_snapshots_group_day');
  });

  // The scorecard reads every unresolved flag on each request; this partial index holds
  // all it reads, so both databases answer from the index without touching the table.
  await knex.raw(
    `CREATE INDEX scorecard_flags_unresolved ON stressor_flags (entity_ref, stressor_key, status, stress_level, level_override) WHERE status <> 'resolved'`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX scorecard_flags_unresolved');
  for (const name of [
    'scorecard_snapshots',
    'scorecard_snapshot_days',
    'group_ancestors',
    'scorecard_groups',
    'scorecard_entities',
  ]) {
    await knex.schema.dropTable(name);
  }
};
