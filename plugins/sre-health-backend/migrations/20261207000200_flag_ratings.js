/*
 * Stress is what the team feels (issue #16): a flag's level is the team's rating, and the
 * detector's evidence only proposes one until someone rates.
 * - stressor_flags.stress_level becomes proposed_level: the detector's estimate (kept current
 *   by each detection) or the level a person raised the flag with;
 * - stressor_flags.level_override becomes rated_level, with rated_by and rated_at: the
 *   rating of a team member or an SRE, which wins over the proposal. A flag a person raised
 *   is rated by them; an SRE's override of a detected flag was a rating by that SRE (read
 *   from the audit log);
 * - the snapshots' total_stress goes: it added levels of different stressors into one number.
 * The renamed columns keep their range checks and the scorecard's covering index.
 */

// @ts-check

const DETECTOR = 'sre-health:detector';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.raw(
    'ALTER TABLE stressor_flags RENAME COLUMN stress_level TO proposed_level',
  );
  await knex.raw(
    'ALTER TABLE stressor_flags RENAME COLUMN level_override TO rated_level',
  );
  await knex.schema.alterTable('stressor_flags', table => {
    table.string('rated_by', 255).nullable();
    table.timestamp('rated_at', { useTz: true }).nullable();
  });

  // The detector's flags an SRE overrode: who did it, and when, from the audit log.
  const overridden = await knex('stressor_flags')
    .whereNotNull('rated_level')
    .where('author', DETECTOR)
    .select('id', 'rated_level', 'confirmed_by', 'updated_at');
  for (const flag of overridden) {
    const entries = await knex('audit_log')
      .where({ resource_type: 'stressor-flag', resource_id: flag.id })
      .where('action', 'update')
      .orderBy('id', 'desc')
      .select('actor', 'before', 'after', 'at');
    const set = entries.find(e => {
      const before = e.before ? JSON.parse(e.before) : {};
      const after = e.after ? JSON.parse(e.after) : {};
      return (
        Number(after.levelOverride) === Number(flag.rated_level) &&
        before.levelOverride !== after.levelOverride
      );
    });
    await knex('stressor_flags')
      .where('id', flag.id)
      .update({
        rated_by: set?.actor ?? flag.confirmed_by ?? 'unknown',
        rated_at: set?.at ?? flag.updated_at,
      });
  }
  // A person who raised a flag rated it (their later override, if any, stays the rating).
  await knex('stressor_flags')
    .whereNot('author', DETECTOR)
    .update({
      rated_level: knex.raw('COALESCE(rated_level, proposed_level)'),
      rated_by: knex.ref('author'),
      rated_at: knex.raw('COALESCE(rated_at, created_at)'),
    });

  await knex.raw('ALTER TABLE scorecard_snapshots DROP COLUMN total_stress');
  await knex.raw(
    'ALTER TABLE scorecard_snapshot_days DROP COLUMN total_stress',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of ['scorecard_snapshot_days', 'scorecard_snapshots']) {
    await knex.schema.alterTable(table, t => {
      t.integer('total_stress').notNullable().defaultTo(0);
    });
  }
  // A person's flag carried its level in stress_level, with no override.
  await knex('stressor_flags')
    .whereNot('author', DETECTOR)
    .update({
      proposed_level: knex.raw('COALESCE(rated_level, proposed_level)'),
      rated_level: null,
    });
  await knex.raw('ALTER TABLE stressor_flags DROP COLUMN rated_at');
  await knex.raw('ALTER TABLE stressor_flags DROP COLUMN rated_by');
  await knex.raw(
    'ALTER TABLE stressor_flags RENAME COLUMN rated_level TO level_override',
  );
  await knex.raw(
    'ALTER TABLE stressor_flags RENAME COLUMN proposed_level TO stress_level',
  );
};
