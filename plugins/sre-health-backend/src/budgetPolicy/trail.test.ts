import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { SreHealthStore } from '../store';
import { SloDefinitionLoader } from '../slo/SloDefinitionLoader';
import { SloService } from '../slo';
import { ScorecardService } from '../scorecard';
import {
  grp,
  ref,
  scorecardEntities,
} from '../scorecard/__testUtils__/fixtures';
import { BUDGET_POLICY_ACTOR, createBudgetPolicyFeature } from '.';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const START = new Date('2026-12-01T12:00:00.000Z');

const STEPS = [
  { key: 'below-25', below: 0.25, action: 'reliability work first' },
  { key: 'exhausted', exhausted: true, action: 'freeze feature releases' },
];

/**
 * The error-budget policy's trail, end to end over the real database: the scorecard sync
 * computes the SLOs, the step entered is recorded once and the owning team notified once,
 * however many runs or replicas see it.
 */
describe('error-budget policy trail', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: SreHealthStore;
    let now: Date;
    const send = jest.fn(async (_options: unknown) => {});

    /** One replica: its own SLO service, scorecard and policy over the shared database. */
    const replica = () => {
      const slos = new SloService({
        store,
        loader: new SloDefinitionLoader({
          store,
          urlReader: mockServices.urlReader.mock(),
          integrations: {} as any,
        }),
        dataSources: new Map(),
        budgetPolicy: STEPS,
        now: () => now,
      });
      const policy = createBudgetPolicyFeature({
        store,
        access: {} as any, // its routes are tested through the plugin (trail.routes.test.ts)
        logger: mockServices.logger.mock(),
        notifications: { send },
        now: () => now,
      });
      const scorecard = new ScorecardService({
        db: store.db,
        catalog: catalogServiceMock({ entities: scorecardEntities }),
        auth: mockServices.auth(),
        slos,
        logger: mockServices.logger.mock(),
        sloObservers: [policy.episodes],
        now: () => now,
      });
      return { slos, policy, scorecard };
    };

    /** `errors` bad events of `total` in each of the 60 minutes before `now`. */
    const push = (entity: string, errors: number, total = 100) =>
      store.sloEvents.ingest(
        ref(entity),
        'availability',
        Array.from({ length: 60 }, (_, i) => ({
          start: new Date(now.getTime() - (i + 1) * MINUTE),
          good: total - errors,
          total,
        })),
      );

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
      now = START;
      // payments-api spends its budget (2% errors against 99.9%); search-api is healthy
      await push('payments-api', 2);
      await push('search-api', 0);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    it('shows the step an SLO is in, with its action, on the SLO itself', async () => {
      const { slos } = replica();
      const entity = scorecardEntities.find(
        e => e.metadata.name === 'payments-api',
      )!;
      const { slos: computed } = await slos.forEntity(
        entity,
        ref('payments-api'),
      );
      expect(computed[0].budgetRemaining).toBeLessThanOrEqual(0);
      expect(computed[0].policyStep).toEqual({
        key: 'exhausted',
        action: 'freeze feature releases',
      });
    });

    it('records the step entered and notifies the owning team once, across runs and replicas', async () => {
      const [a, b] = [replica(), replica()];
      // two replicas seeing the step at the same moment (each its own computation)...
      const entity = scorecardEntities.find(
        e => e.metadata.name === 'payments-api',
      )!;
      const seen = await Promise.all(
        [a, b].map(r => r.slos.forEntity(entity, ref('payments-api'))),
      );
      await Promise.all(
        [a, b].map((r, i) =>
          r.policy.episodes.observe(
            ref('payments-api'),
            grp('payments-team'),
            seen[i].slos,
          ),
        ),
      );
      // ...then their scheduled syncs, one after the other (the scheduler's rule), twice
      await a.scorecard.sync();
      await b.scorecard.sync();
      await a.scorecard.sync();

      expect(send).toHaveBeenCalledTimes(1);
      const [options] = send.mock.calls[0] as any[];
      expect(options.recipients).toEqual({
        type: 'entity',
        entityRef: grp('payments-team'),
      });
      expect(options.payload).toMatchObject({
        title:
          'payments-api: SLO availability calls for "freeze feature releases"',
        severity: 'high',
        topic: 'sre-health-budget-policy',
        scope: `sre-health:budget-policy:${ref(
          'payments-api',
        )}:availability:exhausted`,
        link: '/catalog/default/component/payments-api',
      });

      const episodes = await a.policy.episodes.list(ref('payments-api'));
      expect(episodes).toHaveLength(1);
      expect(episodes[0]).toMatchObject({
        ownerRef: grp('payments-team'),
        sloName: 'availability',
        stepKey: 'exhausted',
        action: 'freeze feature releases',
        leftAt: null,
      });
      expect(episodes[0].notifiedAt).not.toBeNull();
      // the healthy service is in no step
      expect(await a.policy.episodes.list(ref('search-api'))).toEqual([]);

      const audit = await store.audit.listForEntity(ref('payments-api'));
      const recorded = audit.filter(
        e => e.resourceType === 'slo-policy-episode',
      );
      expect(recorded).toHaveLength(1);
      expect(recorded[0]).toMatchObject({
        actor: BUDGET_POLICY_ACTOR,
        action: 'create',
        resourceId: episodes[0].id,
      });
    });

    it('notifies again when a failed send is retried, and never twice for one episode', async () => {
      // search-api (99%) spends most of its budget: 600 bad of 66,000 allows 660 → 9% left
      now = new Date(START.getTime() + 2 * 60 * MINUTE);
      await push('search-api', 10, 1000);
      send.mockClear();
      send.mockRejectedValueOnce(new Error('notifications backend down'));
      const { scorecard, policy } = replica();
      await scorecard.sync();
      expect(send).toHaveBeenCalledTimes(1);
      const [episode] = await policy.episodes.list(ref('search-api'));
      expect(episode).toMatchObject({ stepKey: 'below-25', notifiedAt: null });

      await scorecard.sync();
      await scorecard.sync();
      expect(send).toHaveBeenCalledTimes(2);
      const [retried] = send.mock.calls[1] as any[];
      expect(retried.recipients.entityRef).toBe(grp('search-team'));
      expect(retried.payload).toMatchObject({
        severity: 'normal',
        scope: `sre-health:budget-policy:${ref(
          'search-api',
        )}:availability:below-25`,
      });
      const [notified] = await policy.episodes.list(ref('search-api'));
      expect(notified.notifiedAt).not.toBeNull();
    });

    it('closes the episode when the SLO leaves its step; entering a step again is a new episode, notified', async () => {
      const { policy } = replica();
      const [open] = await policy.episodes.list(ref('search-api'));
      const slo = { name: 'availability', budgetRemaining: 0.5 } as any;
      send.mockClear();

      now = new Date(START.getTime() + 4 * 60 * MINUTE);
      await policy.episodes.observe(ref('search-api'), grp('search-team'), [
        slo,
      ]);
      const [closed] = await policy.episodes.list(ref('search-api'));
      expect(closed).toMatchObject({ id: open.id, leftAt: now.toISOString() });
      expect(send).not.toHaveBeenCalled();

      // a source that failed says nothing about the budget: no episode opens or closes
      now = new Date(START.getTime() + 5 * 60 * MINUTE);
      const inStep = {
        ...slo,
        budgetRemaining: 0,
        policyStep: { key: 'exhausted', action: 'freeze feature releases' },
      };
      await policy.episodes.observe(ref('search-api'), grp('search-team'), [
        { ...inStep, unavailable: { reason: 'down', lastKnownAt: null } },
      ]);
      expect(await policy.episodes.list(ref('search-api'))).toHaveLength(1);

      await policy.episodes.observe(ref('search-api'), grp('search-team'), [
        inStep,
      ]);
      await policy.episodes.observe(ref('search-api'), grp('search-team'), [
        inStep,
      ]);
      const episodes = await policy.episodes.list(ref('search-api'));
      expect(episodes.map(e => [e.stepKey, e.leftAt === null])).toEqual([
        ['exhausted', true],
        ['below-25', false],
      ]);
      expect(send).toHaveBeenCalledTimes(1);
    });

    it('ends the episode of an SLO no longer defined, and those of services left without SLOs by a sync', async () => {
      const { policy } = replica();
      const SEARCH = ref('search-api');
      const PAYMENTS = ref('payments-api');
      const openOf = async (entityRef: string) =>
        (await policy.episodes.list(entityRef)).filter(e => e.leftAt === null);
      const leftBy = async (entityRef: string) =>
        (await store.audit.listForEntity(entityRef)).filter(
          e =>
            e.resourceType === 'slo-policy-episode' &&
            e.actor === BUDGET_POLICY_ACTOR &&
            (e.after as any)?.leftAt === now.toISOString(),
        );
      expect(await openOf(SEARCH)).toHaveLength(1);

      // a look that could not read every definition says nothing of an SLO it lacks
      now = new Date(START.getTime() + 6 * 60 * MINUTE);
      await policy.episodes.observe(SEARCH, grp('search-team'), [], false);
      expect(await openOf(SEARCH)).toHaveLength(1);
      // every definition read, and availability is not among them: it is gone
      await policy.episodes.observe(SEARCH, grp('search-team'), [], true);
      expect(await openOf(SEARCH)).toEqual([]);
      expect(await leftBy(SEARCH)).toHaveLength(1);

      // payments-api no longer has SLOs at all: the sync's sweep ends its episode
      expect(await openOf(PAYMENTS)).toHaveLength(1);
      await policy.episodes.sweep(new Set([SEARCH]));
      expect(await openOf(PAYMENTS)).toEqual([]);
      expect(await leftBy(PAYMENTS)).toHaveLength(1);
      now = START;
    });
  });
});
