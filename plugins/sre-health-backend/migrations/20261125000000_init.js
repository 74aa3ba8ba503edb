/*
 * Engagement data of SRE Health, keyed by catalog entity ref. Domain rules that must hold
 * under concurrency live here as constraints, not only in code:
 * - one active (not closed) engagement, i.e. one embedded SRE, per team;
 * - one open flag per stressor and entity;
 * - stress levels 1..5, non-negative hours, good <= total.
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
  await knex.schema.createTable('stressor_flags', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable().index();
    table.string('stressor_key', 64).notNullable();
    table
      .integer('stress_level')
      .notNullable()
      .checkBetween([1, 5], 'stressor_flags_level_range');
    table.text('evidence').notNullable();
    table
      .string('status', 16)
      .notNullable()
      .checkIn(
        ['open', 'mitigating', 'resolved', 'dismissed'],
        'stressor_flags_status',
      );
    table
      .string('source', 16)
      .notNullable()
      .checkIn(['sre', 'detected', 'both'], 'stressor_flags_source');
    table.string('author', 255).notNullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    // Detected flags: the detector's facts, an SRE's verdict on them.
    table
      .integer('level_override')
      .nullable()
      .checkBetween([1, 5], 'stressor_flags_override_range');
    table.string('confirmed_by', 255).nullable();
    table.text('dismissed_reason').nullable();
    table.text('facts').nullable();
    table.timestamp('detected_at', { useTz: true }).nullable();
    VERSIONED(table);
  });
  await knex.raw(
    `CREATE UNIQUE INDEX stressor_flags_one_unresolved ON stressor_flags (entity_ref, stressor_key) WHERE status <> 'resolved'`,
  );

  await knex.schema.createTable('engagements', table => {
    table.string('id', 36).primary();
    table.string('team_ref', 255).notNullable().index();
    table.string('sre_ref', 255).notNullable();
    table
      .string('phase', 16)
      .notNullable()
      .checkIn(
        ['learn', 'share-context', 'drive-change', 'report', 'closed'],
        'engagements_phase',
      );
    table.string('start_date', 10).notNullable();
    table.string('end_date', 10).nullable();
    table.text('goals').notNullable();
    table.string('created_by', 255).notNullable();
    VERSIONED(table);
  });
  // The book's rule: never more than one SRE embedded in a team at a time.
  await knex.raw(
    `CREATE UNIQUE INDEX engagements_one_embedded_sre_per_team ON engagements (team_ref) WHERE phase <> 'closed'`,
  );

  await knex.schema.createTable('postmortems', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable().index();
    table.string('title', 255).notNullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.text('impact').notNullable();
    table.text('action_items').notNullable().comment('JSON array of {text}');
    table.string('author', 255).notNullable();
    VERSIONED(table);
  });

  await knex.schema.createTable('fires', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable().index();
    table.string('title', 255).notNullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table
      .string('kind', 16)
      .notNullable()
      .checkIn(['toil', 'overhead', 'unsorted'], 'fires_kind');
    table.text('rationale').notNullable();
    table.string('author', 255).notNullable();
    VERSIONED(table);
  });

  await knex.schema.createTable('ops_load_samples', table => {
    table.string('id', 36).primary();
    table.string('team_ref', 255).notNullable();
    table.string('week_start', 10).notNullable();
    table.float('ops_hours').notNullable();
    table.float('project_hours').notNullable();
    table.string('author', 255).notNullable();
    VERSIONED(table);
    table.unique(['team_ref', 'week_start'], {
      indexName: 'ops_load_samples_team_week',
    });
    table.check(
      '?? >= 0 AND ?? >= 0',
      ['ops_hours', 'project_hours'],
      'ops_load_samples_hours',
    );
  });

  await knex.schema.createTable('expertise', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('user_ref', 255).notNullable();
    table
      .string('level', 16)
      .notNullable()
      .checkIn(['expert', 'can-operate', 'learning'], 'expertise_level');
    table.string('author', 255).notNullable();
    VERSIONED(table);
    table.unique(['entity_ref', 'user_ref'], {
      indexName: 'expertise_entity_user',
    });
  });

  await knex.schema.createTable('slo_buckets', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('slo_name', 128).notNullable();
    table.timestamp('bucket_start', { useTz: true }).notNullable();
    table.bigInteger('good').notNullable();
    table.bigInteger('total').notNullable();
    table.primary(['entity_ref', 'slo_name', 'bucket_start']);
    table.check(
      '?? >= 0 AND ?? <= ??',
      ['good', 'good', 'total'],
      'slo_buckets_counts',
    );
  });

  await knex.schema.createTable('audit_log', table => {
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 32).notNullable();
    table.string('resource_type', 32).notNullable();
    table.string('resource_id', 64).notNullable();
    table.text('before').nullable();
    table.text('after').nullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'id'], 'audit_log_entity');
  });

  await knex.schema.createTable('plugin_meta', table => {
    table.string('key', 64).primary();
    table.text('value').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const name of [
    'plugin_meta',
    'audit_log',
    'slo_buckets',
    'expertise',
    'ops_load_samples',
    'fires',
    'postmortems',
    'engagements',
    'stressor_flags',
  ]) {
    await knex.schema.dropTable(name);
  }
};
