import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@sre-health/backstage-plugin-sre-health-backend',
  'migrations',
);
const EXEMPTIONS = '20261207000400_flag_exemptions.js';
const REF = 'component:default/payments-api';
const AT = new Date('2026-11-20T12:00:00.000Z');

/** Runs the migrations one by one up to (not including) `file`. */
async function migrateUpTo(knex: Knex, file: string) {
  for (;;) {
    const [, pending] = await knex.migrate.list({ directory });
    const next = pending[0]?.file;
    if (!next || next === file) return;
    await knex.migrate.up({ directory });
  }
}

const flag = (key: string, status: string) => ({
  id: key,
  entity_ref: REF,
  stressor_key: key,
  proposed_level: 3,
  evidence: '',
  status,
  source: 'sre',
  author: 'user:default/alice',
  version: 1,
  created_at: AT,
  updated_at: AT,
});

/** The driver's error may come from another realm: its message is compared. */
const attempt = (write: Promise<unknown>) =>
  write.then(
    () => 'stored',
    (e: unknown) => String((e as Error)?.message ?? e),
  );

describe(`migration ${EXEMPTIONS}`, () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'admits exempt flags with a date and a reason, and back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, EXEMPTIONS);
      await knex('stressor_flags').insert([
        flag('custom:open', 'open'),
        flag('custom:dismissed', 'dismissed'),
      ]);
      expect(
        await attempt(
          knex('stressor_flags').insert(flag('custom:early', 'exempt')),
        ),
      ).toMatch(/check|constraint/i);

      await knex.migrate.up({ directory });
      // the flags are kept, with their indexes (one unresolved flag per stressor)
      expect(
        (await knex('stressor_flags').orderBy('id').select('id', 'status')).map(
          r => [r.id, r.status],
        ),
      ).toEqual([
        ['custom:dismissed', 'dismissed'],
        ['custom:open', 'open'],
      ]);
      expect(
        await attempt(
          knex('stressor_flags').insert({
            ...flag('custom:open', 'open'),
            id: 'dup',
          }),
        ),
      ).toMatch(/unique|constraint/i);
      // an exempt flag has an end date, a reason that says something and who granted it
      const exemption = {
        exempt_until: '2027-01-15',
        exempt_reason: 'January',
        exempt_by: 'user:default/alice',
      };
      for (const broken of [
        { status: 'exempt' },
        { status: 'exempt', ...exemption, exempt_until: null },
        { status: 'exempt', ...exemption, exempt_reason: '  ' },
        { status: 'exempt', ...exemption, exempt_by: null },
        { status: 'exempt', ...exemption, exempt_until: '2027-1-5' },
        // and a flag that is not exempt has none
        { status: 'open', exempt_until: '2027-01-15' },
        { status: 'bogus' },
      ]) {
        expect({
          broken,
          result: await attempt(
            knex('stressor_flags').where({ id: 'custom:open' }).update(broken),
          ),
        }).toEqual({
          broken,
          result: expect.stringMatching(/check|constraint/i),
        });
      }
      expect(
        await attempt(
          knex('stressor_flags')
            .where({ id: 'custom:open' })
            .update({ status: 'exempt', ...exemption }),
        ),
      ).toBe('stored');

      await knex.migrate.down({ directory });
      // an exempt flag was open before it was exempted
      expect(
        (await knex('stressor_flags').orderBy('id').select('id', 'status')).map(
          r => [r.id, r.status],
        ),
      ).toEqual([
        ['custom:dismissed', 'dismissed'],
        ['custom:open', 'open'],
      ]);
      expect(
        await knex.schema.hasColumn('stressor_flags', 'exempt_until'),
      ).toBe(false);
      expect(
        await attempt(
          knex('stressor_flags')
            .where({ id: 'custom:open' })
            .update({ status: 'exempt' }),
        ),
      ).toMatch(/check|constraint/i);
      await knex.destroy();
    },
  );
});
