/*
 * The record of an embedding engagement beyond its phase: the team's situation and start
 * figures (profile), the phase checklists ticked with evidence, the decision log, the
 * kindling cleared, the leading questions asked, every phase change with its reason, and
 * the after-action report frozen at close. Every row names its team, so the audit log and
 * the history read per team; rows go with their engagement (engagements are never deleted).
 */

// @ts-check

/** @param {import('knex').Knex.CreateTableBuilder} table */
const VERSIONED = table => {
  table.integer('version').notNullable().defaultTo(1);
  table.timestamp('created_at', { useTz: true }).notNullable();
  table.timestamp('updated_at', { useTz: true }).notNullable();
};

const WORK_PHASES = ['learn', 'share-context', 'drive-change', 'report'];
const PHASES = [...WORK_PHASES, 'closed'];

/**
 * @param {import('knex').Knex.CreateTableBuilder} table
 * @param {string} name
 */
const ENGAGEMENT = (table, name) => {
  table
    .string('engagement_id', 36)
    .notNullable()
    .references('id')
    .inTable('engagements')
    .onDelete('CASCADE');
  table.string('team_ref', 255).notNullable();
  table.index(['engagement_id'], `${name}_engagement`);
};

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('engagement_profiles', table => {
    table.string('id', 36).primary().comment('the engagement id');
    ENGAGEMENT(table, 'engagement_profiles');
    table
      .string('situation', 32)
      .nullable()
      .checkIn(
        ['small-team-critical-service', 'new-service', 'other'],
        'engagement_profiles_situation',
      );
    table.text('situation_notes').notNullable();
    table.text('summary').notNullable();
    table.text('principles').notNullable().comment('JSON array of strings');
    table
      .text('start_figures')
      .nullable()
      .comment(
        'EngagementFigures JSON, snapshotted when the engagement started',
      );
    table.string('updated_by', 255).notNullable();
    VERSIONED(table);
    table.unique(['engagement_id'], { indexName: 'engagement_profiles_one' });
  });

  await knex.schema.createTable('engagement_checklist', table => {
    table.string('id', 36).primary();
    ENGAGEMENT(table, 'engagement_checklist');
    table
      .string('phase', 16)
      .notNullable()
      .checkIn(WORK_PHASES, 'engagement_checklist_phase');
    table.string('item_key', 64).notNullable();
    table.text('evidence').notNullable();
    table.string('ticked_by', 255).notNullable();
    VERSIONED(table);
    table.unique(['engagement_id', 'item_key'], {
      indexName: 'engagement_checklist_one_tick',
    });
  });

  await knex.schema.createTable('engagement_decisions', table => {
    table.string('id', 36).primary();
    ENGAGEMENT(table, 'engagement_decisions');
    table
      .string('phase', 16)
      .notNullable()
      .checkIn(WORK_PHASES, 'engagement_decisions_phase');
    table.text('decision').notNullable();
    table.text('reason').notNullable();
    table.text('example').notNullable();
    table.string('author', 255).notNullable();
    VERSIONED(table);
  });

  await knex.schema.createTable('engagement_kindling', table => {
    table.string('id', 36).primary();
    ENGAGEMENT(table, 'engagement_kindling');
    table.string('title', 255).notNullable();
    table.text('explanation').notNullable();
    table
      .string('fixes_kind', 16)
      .notNullable()
      .checkIn(
        ['postmortem', 'stressor-flag'],
        'engagement_kindling_fixes_kind',
      );
    table.string('fixes_id', 36).notNullable();
    table.string('fixes_label', 255).notNullable();
    table.string('fixes_entity_ref', 255).notNullable();
    table.string('assignee_ref', 255).notNullable();
    table.string('reviewer_ref', 255).notNullable();
    table
      .string('state', 16)
      .notNullable()
      .checkIn(
        ['proposed', 'in-progress', 'in-review', 'done'],
        'engagement_kindling_state',
      );
    table.string('reviewed_by', 255).nullable();
    table.timestamp('done_at', { useTz: true }).nullable();
    table.string('author', 255).notNullable();
    VERSIONED(table);
  });

  await knex.schema.createTable('engagement_questions', table => {
    table.string('id', 36).primary();
    ENGAGEMENT(table, 'engagement_questions');
    table
      .string('phase', 16)
      .notNullable()
      .checkIn(WORK_PHASES, 'engagement_questions_phase');
    table.text('question').notNullable();
    table.string('asked_to', 255).notNullable();
    table.text('answer').notNullable();
    table.timestamp('answered_at', { useTz: true }).nullable();
    table.string('author', 255).notNullable();
    VERSIONED(table);
  });

  // Immutable: one row per phase change made through the engagement record.
  await knex.schema.createTable('engagement_transitions', table => {
    table.string('id', 36).primary();
    ENGAGEMENT(table, 'engagement_transitions');
    table
      .string('from_phase', 16)
      .notNullable()
      .checkIn(PHASES, 'engagement_transitions_from');
    table
      .string('to_phase', 16)
      .notNullable()
      .checkIn(PHASES, 'engagement_transitions_to');
    table.text('reason').nullable();
    table
      .text('open_items')
      .notNullable()
      .comment('JSON array of checklist keys');
    table.string('actor', 255).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.integer('engagement_version').notNullable();
    table.unique(['engagement_id', 'engagement_version'], {
      indexName: 'engagement_transitions_version',
    });
  });

  // Immutable: the report as generated when the engagement closed.
  await knex.schema.createTable('engagement_reports', table => {
    table
      .string('engagement_id', 36)
      .primary()
      .references('id')
      .inTable('engagements')
      .onDelete('CASCADE');
    table
      .string('team_ref', 255)
      .notNullable()
      .index('engagement_reports_team');
    table.text('report').notNullable().comment('AfterActionReport JSON');
    table.text('markdown').notNullable();
    table.boolean('frozen_late').notNullable().defaultTo(false);
    table.string('generated_by', 255).notNullable();
    table.timestamp('generated_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const name of [
    'engagement_reports',
    'engagement_transitions',
    'engagement_questions',
    'engagement_kindling',
    'engagement_decisions',
    'engagement_checklist',
    'engagement_profiles',
  ]) {
    await knex.schema.dropTable(name);
  }
};
