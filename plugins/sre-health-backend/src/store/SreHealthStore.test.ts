import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { SreHealthStore } from './SreHealthStore';

jest.setTimeout(60_000);

const SRE = 'user:default/alice';
const OTHER_SRE = 'user:default/bob';
const TEAM = 'group:default/payments-team';
const SERVICE = 'component:default/payments-api';

describe('SreHealthStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: SreHealthStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
    });

    beforeEach(async () => {
      for (const table of [
        'stressor_flags',
        'engagement_reports',
        'engagement_transitions',
        'engagement_questions',
        'engagement_kindling',
        'engagement_decisions',
        'engagement_checklist',
        'engagement_profiles',
        'engagements',
        'postmortems',
        'fires',
        'ops_load_samples',
        'expertise',
        'slo_definitions',
        'slo_events',
        'slo_events_hourly',
        'slo_last_status',
        'truck_factor_analyses',
        'oncall_shifts',
        'scorecard_entities',
        'scorecard_groups',
        'group_ancestors',
        'scorecard_snapshot_days',
        'scorecard_snapshots',
        'audit_log',
        'plugin_meta',
      ]) {
        await knex(table).delete();
      }
    });

    afterAll(async () => {
      await knex.destroy();
    });

    const flag = (overrides: Record<string, unknown> = {}) => ({
      entityRef: SERVICE,
      stressorKey: 'knowledge-gap',
      stressLevel: 4,
      evidence: 'only Carol can fail over the ledger',
      status: 'open' as const,
      ...overrides,
    });

    it('creates, reads and lists a stressor flag', async () => {
      const created = await store.flags.create(flag(), SRE);
      expect(created).toMatchObject({
        entityRef: SERVICE,
        stressorKey: 'knowledge-gap',
        stressLevel: 4,
        status: 'open',
        source: 'sre',
        author: SRE,
        version: 1,
        resolvedAt: null,
      });
      expect(new Date(created.createdAt).getTime()).not.toBeNaN();
      expect(await store.flags.get(created.id)).toEqual(created);
      expect(await store.flags.list(SERVICE)).toEqual([created]);
      expect(await store.flags.list('component:default/other')).toEqual([]);
    });

    it('updates with the current version and bumps it; resolving stamps resolvedAt', async () => {
      const created = await store.flags.create(flag(), SRE);
      const updated = await store.flags.update(
        created.id,
        1,
        { stressLevel: 2, status: 'resolved' },
        OTHER_SRE,
      );
      expect(updated).toMatchObject({
        stressLevel: 2,
        status: 'resolved',
        version: 2,
      });
      expect(updated.resolvedAt).not.toBeNull();
      expect(updated.author).toBe(SRE); // the flag's author does not change on edit
    });

    it('rejects a stale version with a conflict and changes nothing', async () => {
      const created = await store.flags.create(flag(), SRE);
      await store.flags.update(created.id, 1, { stressLevel: 5 }, SRE);
      await expect(
        store.flags.update(created.id, 1, { stressLevel: 1 }, OTHER_SRE),
      ).rejects.toThrow(ConflictError);
      expect(await store.flags.get(created.id)).toMatchObject({
        stressLevel: 5,
        version: 2,
      });
    });

    it('lets exactly one of two concurrent edits of the same version win', async () => {
      const created = await store.flags.create(flag(), SRE);
      const results = await Promise.allSettled([
        store.flags.update(created.id, 1, { evidence: 'first' }, SRE),
        store.flags.update(created.id, 1, { evidence: 'second' }, OTHER_SRE),
      ]);
      const won = results.filter(r => r.status === 'fulfilled');
      const lost = results.filter(
        r => r.status === 'rejected',
      ) as PromiseRejectedResult[];
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(ConflictError);
      const final = await store.flags.get(created.id);
      expect(final?.version).toBe(2);
      expect(final?.evidence).toBe(
        (won[0] as PromiseFulfilledResult<any>).value.evidence,
      );
    });

    it('deletes with the current version only', async () => {
      const created = await store.flags.create(flag(), SRE);
      await expect(store.flags.delete(created.id, 7, SRE)).rejects.toThrow(
        ConflictError,
      );
      await store.flags.delete(created.id, 1, SRE);
      expect(await store.flags.get(created.id)).toBeUndefined();
      await expect(store.flags.update(created.id, 1, {}, SRE)).rejects.toThrow(
        NotFoundError,
      );
    });

    it('allows one unresolved flag per stressor and entity', async () => {
      const first = await store.flags.create(flag(), SRE);
      await expect(store.flags.create(flag(), OTHER_SRE)).rejects.toThrow(
        /already has an unresolved knowledge-gap flag/,
      );
      await store.flags.update(first.id, 1, { status: 'resolved' }, SRE);
      // Once resolved, the stressor can be flagged again (it came back).
      await expect(
        store.flags.create(flag(), OTHER_SRE),
      ).resolves.toMatchObject({
        status: 'open',
      });
    });

    // Checked by error code: errors from the native SQLite driver may come from another
    // realm when several test files share a worker, which toThrow() does not recognise.
    it('enforces the stress level range in the database itself', async () => {
      await expect(
        knex('stressor_flags').insert({
          id: 'raw-1',
          entity_ref: SERVICE,
          stressor_key: 'knowledge-gap',
          proposed_level: 6,
          evidence: '',
          status: 'open',
          source: 'sre',
          author: SRE,
          version: 1,
          created_at: new Date(),
          updated_at: new Date(),
        }),
      ).rejects.toMatchObject({
        code: expect.stringMatching(/^(SQLITE_CONSTRAINT_CHECK|23514)$/),
      });
    });

    it('records every write in the audit log, with before and after', async () => {
      const created = await store.flags.create(flag(), SRE);
      await store.flags.update(created.id, 1, { stressLevel: 5 }, OTHER_SRE);
      await store.flags.delete(created.id, 2, SRE);
      const log = await store.audit.listForEntity(SERVICE);
      expect(log.map(e => [e.action, e.actor])).toEqual([
        ['delete', SRE],
        ['update', OTHER_SRE],
        ['create', SRE],
      ]);
      expect(log[1].before).toMatchObject({ stressLevel: 4, version: 1 });
      expect(log[1].after).toMatchObject({ stressLevel: 5, version: 2 });
      expect(log[0].after).toBeNull();
    });

    it('writes nothing to the audit log when a write fails', async () => {
      const created = await store.flags.create(flag(), SRE);
      await expect(
        store.flags.update(created.id, 9, { stressLevel: 1 }, SRE),
      ).rejects.toThrow();
      expect(await store.audit.listForEntity(SERVICE)).toHaveLength(1);
    });

    describe('engagements: one embedded SRE per team', () => {
      const engagement = (sreRef = SRE) => ({
        teamRef: TEAM,
        sreRef,
        startDate: '2026-11-02',
        goals: 'get under the 50% cap',
      });

      it('refuses a second active engagement and names the SRE already embedded', async () => {
        await store.engagements.create(engagement(), SRE);
        await expect(
          store.engagements.create(engagement(OTHER_SRE), OTHER_SRE),
        ).rejects.toThrow(new RegExp(`already has an embedded SRE: ${SRE}`));
      });

      it('frees the seat when the engagement closes', async () => {
        const first = await store.engagements.create(engagement(), SRE);
        await store.engagements.update(
          first.id,
          1,
          { phase: 'closed', endDate: '2026-12-01' },
          SRE,
        );
        const second = await store.engagements.create(
          engagement(OTHER_SRE),
          OTHER_SRE,
        );
        expect(second.sreRef).toBe(OTHER_SRE);
        expect(await store.activeEngagement(TEAM)).toEqual(second);
        expect(await store.engagements.list(TEAM)).toHaveLength(2);
      });

      it('holds when 50 start requests race', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) =>
            store.engagements.create(engagement(`user:default/sre-${i}`), SRE),
          ),
        );
        const created = results.filter(r => r.status === 'fulfilled');
        const refused = results.filter(
          r => r.status === 'rejected',
        ) as PromiseRejectedResult[];
        expect(created).toHaveLength(1);
        expect(refused).toHaveLength(49);
        const winner = (created[0] as PromiseFulfilledResult<any>).value.sreRef;
        for (const r of refused) {
          expect(r.reason).toBeInstanceOf(ConflictError);
          expect(r.reason.message).toContain(
            `already has an embedded SRE: ${winner}`,
          );
        }
        const [{ n }] = await knex('engagements').count({ n: '*' });
        expect(Number(n)).toBe(1);
      });

      it('is enforced by the database, not only by the store', async () => {
        await store.engagements.create(engagement(), SRE);
        await expect(
          knex('engagements').insert({
            id: 'raw-engagement',
            team_ref: TEAM,
            sre_ref: OTHER_SRE,
            phase: 'learn',
            start_date: '2026-11-02',
            goals: '',
            created_by: OTHER_SRE,
            version: 1,
            created_at: new Date(),
            updated_at: new Date(),
          }),
        ).rejects.toMatchObject({
          code: expect.stringMatching(/^(SQLITE_CONSTRAINT_UNIQUE|23505)$/),
        });
      });
    });

    it('keeps one ops-load sample per team and week', async () => {
      const sample = {
        teamRef: TEAM,
        weekStart: '2026-11-16',
        opsHours: 120,
        projectHours: 80,
      };
      const created = await store.opsLoad.create(sample, SRE);
      expect(created).toMatchObject({ opsHours: 120, projectHours: 80 });
      await expect(store.opsLoad.create(sample, SRE)).rejects.toThrow(
        /already has an ops-load sample/,
      );
    });

    it('stores postmortem action items and fire classifications', async () => {
      const pm = await store.postmortems.create(
        {
          entityRef: SERVICE,
          title: 'Checkout down',
          occurredAt: '2026-11-10T03:00:00.000Z',
          impact: '38 minutes',
          actionItems: [{ text: 'Roll back the streaming timeout to 60 s' }],
        },
        SRE,
      );
      expect(pm.actionItems).toEqual([
        { text: 'Roll back the streaming timeout to 60 s' },
      ]);
      expect(pm.occurredAt).toBe('2026-11-10T03:00:00.000Z');
      const fire = await store.fires.create(
        {
          entityRef: SERVICE,
          title: 'Pool warm-up',
          occurredAt: '2026-11-11T00:00:00.000Z',
          kind: 'toil',
          rationale: 'automate it',
        },
        SRE,
      );
      const sorted = await store.fires.update(
        fire.id,
        1,
        { kind: 'overhead' },
        SRE,
      );
      expect(sorted.kind).toBe('overhead');
    });

    it('claims a meta key once', async () => {
      expect(await store.claimMeta('demo', 'x')).toBe(true);
      expect(await store.claimMeta('demo', 'y')).toBe(false);
      expect(await store.getMeta('demo')).toBe('x');
    });
  });
});
