/*
 * Compound risks on the scorecard (issue #18 part 3): each service's compound risks as the
 * detection run last found them, so that the scorecard reads them without a tab read per
 * service. The detection run computes them with the tab's own rules (`compoundRisks` over
 * `compoundRiskFactsOf` of the tab's read, in -common) and replaces a service's rows.
 * - one row per service and risk (primary key), the risk's key one of the rules' keys
 *   (a check constraint: a new rule comes with a migration), its one-sentence summary;
 * - an index by risk key for the scorecard's `compoundRisk=` filter.
 */

// @ts-check

const KEYS = [
  'pager-silo',
  'sre-service-growing-overloaded',
  'complaints-unmeasured',
];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('compound_risks', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('risk_key', 64).notNullable();
    table.text('summary').notNullable();
    table.timestamp('computed_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'risk_key']);
    table.index(['risk_key', 'entity_ref'], 'compound_risks_by_key');
    table.check(
      `risk_key IN (${KEYS.map(k => `'${k}'`).join(', ')})`,
      [],
      'compound_risks_key',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compound_risks');
};
