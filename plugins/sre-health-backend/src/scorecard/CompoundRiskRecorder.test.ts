import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { EntityHealth } from '@sre-health/backstage-plugin-sre-health-common';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { CompoundRiskRecorder } from './CompoundRiskRecorder';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@sre-health/backstage-plugin-sre-health-backend',
  'migrations',
);
const MIGRATION = '20261207000500_compound_risks.js';
const AT = new Date('2026-12-07T06:00:00.000Z');
const CAROL = 'user:default/carol';
const REF = 'component:default/payments-api';

/** The tab's read of a service whose last operator, carol, held `carolShifts` of 12 shifts. */
const health = (carolShifts: number): EntityHealth =>
  ({
    entityRef: REF,
    ownerRef: 'group:default/payments',
    slos: [],
    sloProblems: [],
    stressors: [],
    knowledgeSilo: {
      tier: 'critical',
      servingCritical: true,
      busFactor: 1,
      risk: 'high',
      operators: [{ userRef: CAROL, level: 'expert', source: 'recorded' }],
      onCall: [
        { userRef: CAROL, shifts: carolShifts },
        { userRef: 'user:default/dan', shifts: 12 - carolShifts },
      ],
      singlePersonDependency: true,
      keyPeople: [CAROL],
    },
    engagement: null,
    opsLoad: null,
    fires: [],
    fireCounts: {},
    postmortems: [],
    postmortemCount: 0,
  } as unknown as EntityHealth);

describe('compound_risks', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'migrates up and down, and the database admits only the rules’ keys, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      for (;;) {
        const [, pending] = await knex.migrate.list({ directory });
        if (!pending[0] || pending[0].file === MIGRATION) break;
        await knex.migrate.up({ directory });
      }
      expect(await knex.schema.hasTable('compound_risks')).toBe(false);
      await knex.migrate.up({ directory });
      expect(await knex.schema.hasTable('compound_risks')).toBe(true);
      const row = {
        entity_ref: REF,
        risk_key: 'pager-silo',
        summary: 'carol',
        computed_at: AT,
      };
      await knex('compound_risks').insert(row);
      // one row per service and risk
      // (matched by message: the driver's error may come from another realm)
      await expect(knex('compound_risks').insert(row)).rejects.toMatchObject({
        message: expect.stringMatching(/unique|duplicate key/i),
      });
      // an unknown key is refused by the database
      await expect(
        knex('compound_risks').insert({ ...row, risk_key: 'made-up' }),
      ).rejects.toMatchObject({
        message: expect.stringMatching(/check constraint/i),
      });
      await knex.migrate.down({ directory });
      expect(await knex.schema.hasTable('compound_risks')).toBe(false);
      await knex.migrate.latest({ directory });
      expect(
        Number((await knex('compound_risks').count({ n: '*' }))[0].n),
      ).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'records the tab’s compound risks of a service and replaces them on the next run, on %p',
    async databaseId => {
      const knex: Knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      const recorder = new CompoundRiskRecorder(knex, () => AT);
      const risks = await recorder.record(health(9));
      expect(risks.map(r => r.key)).toEqual(['pager-silo']);
      const rows = await recorder.list(REF);
      expect(rows.map(r => [r.entity_ref, r.risk_key, r.summary])).toEqual([
        [
          REF,
          'pager-silo',
          'carol is its last operator and carries its pager (9 of 12 shifts).',
        ],
      ]);
      // carol steps back from the pager: the risk no longer holds, its row goes
      expect(await recorder.record(health(3))).toEqual([]);
      expect(await recorder.list(REF)).toEqual([]);
      // another service's rows are left alone
      await recorder.replace('component:default/other', [
        { key: 'complaints-unmeasured', summary: 'x' },
      ]);
      await recorder.record(health(6));
      expect(
        (await knex('compound_risks').orderBy('entity_ref')).map(
          r => r.entity_ref,
        ),
      ).toEqual(['component:default/other', REF]);
    },
  );
});
