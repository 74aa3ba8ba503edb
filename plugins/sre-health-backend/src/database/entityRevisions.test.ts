import { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { SreHealthStore } from '../store/SreHealthStore';
import { bumpEntityRevision, readEntityRevisions } from './entityRevisions';
import { KnowledgeStore } from '../knowledge/KnowledgeStore';

jest.setTimeout(60_000);

const SERVICE = 'component:default/payments-api';
const TEAM = 'group:default/payments-team';
const OTHER = 'component:default/ledger';

/** What tells the tab's cached read that it is stale, on each database. */
describe('entity revisions', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: SreHealthStore;
    const revisionOf = async (ref: string) =>
      (await readEntityRevisions(knex, [ref])).get(ref);

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
    });
    beforeEach(async () => {
      await knex('entity_revisions').delete();
    });
    afterAll(async () => knex.destroy());

    it('reads 0 for a ref never written, and each ref asked for', async () => {
      await bumpEntityRevision(knex, OTHER);
      const revisions = await readEntityRevisions(knex, [SERVICE, TEAM]);
      expect([...revisions]).toEqual([
        [SERVICE, 0],
        [TEAM, 0],
      ]);
    });

    it('counts every bump, concurrent ones included', async () => {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          knex.transaction(trx => bumpEntityRevision(trx, SERVICE)),
        ),
      );
      expect(await revisionOf(SERVICE)).toBe(20);
      expect(await revisionOf(OTHER)).toBe(0);
    });

    it('does not move when the write it belongs to rolls back', async () => {
      await bumpEntityRevision(knex, SERVICE);
      await expect(
        knex.transaction(async trx => {
          await bumpEntityRevision(trx, SERVICE);
          throw new Error('the write failed');
        }),
      ).rejects.toThrow('the write failed');
      expect(await revisionOf(SERVICE)).toBe(1);
    });

    it('moves with every audited write, against the record’s entity or team', async () => {
      const fire = await store.fires.create(
        {
          entityRef: SERVICE,
          title: 'disk full',
          occurredAt: new Date().toISOString(),
          kind: 'unsorted',
          rationale: '',
        },
        'user:default/alice',
      );
      expect(await revisionOf(SERVICE)).toBe(1);
      await store.fires.update(
        fire.id,
        fire.version,
        { title: 'disk full again' },
        'user:default/alice',
      );
      expect(await revisionOf(SERVICE)).toBe(2);
      // A stale update is refused and changes nothing.
      await expect(
        store.fires.update(fire.id, fire.version, { title: 'x' }, 'u'),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect(await revisionOf(SERVICE)).toBe(2);
      await store.fires.delete(fire.id, 2, 'user:default/alice');
      expect(await revisionOf(SERVICE)).toBe(3);

      await store.opsLoad.create(
        {
          teamRef: TEAM,
          weekStart: '2026-11-02',
          opsHours: 10,
          projectHours: 30,
        },
        'user:default/alice',
      );
      expect(await revisionOf(TEAM)).toBe(1);
    });

    it('moves with pushed SLO events, on-call shifts and knowledge analyses', async () => {
      await store.sloEvents.ingest(SERVICE, 'availability', [
        { start: new Date(Date.now() - 60_000), good: 99, total: 100 },
      ]);
      expect(await revisionOf(SERVICE)).toBe(1);

      const knowledge = await KnowledgeStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
      await knowledge.upsertShifts(
        SERVICE,
        [
          {
            userRef: 'user:default/alice',
            startsAt: '2026-11-20T00:00:00Z',
            endsAt: '2026-11-21T00:00:00Z',
          },
        ],
        'test',
        new Date(),
      );
      expect(await revisionOf(SERVICE)).toBe(2);
      await knowledge.saveUnavailable(
        SERVICE,
        'repo',
        'not reachable',
        new Date(),
        5,
      );
      expect(await revisionOf(SERVICE)).toBe(3);
    });
  });
});
