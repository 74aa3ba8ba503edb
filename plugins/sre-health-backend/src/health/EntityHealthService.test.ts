import { DatabaseService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  FIRE_KINDS,
  TAB_LIST_LIMITS,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { SreHealthStore } from '../store';
import type { SloService } from '../slo/SloService';
import { EntityHealthService } from './EntityHealthService';
import type { KnowledgeSource } from '../knowledge/source';

jest.setTimeout(60_000);

const SERVICE = 'component:default/payments-api';
const SRE = 'user:default/alice';
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'payments-team' },
};
const at = (minute: number) =>
  new Date(Date.UTC(2026, 10, 1) + minute * 60_000).toISOString();

/**
 * The tab's lists that grow with an entity's history (fires, postmortems) carry their newest
 * records, and counts of all of them, so the answer stays bounded however long the history.
 * SLOs and the knowledge analysis are not under test here: they answer empty.
 */
describe('EntityHealthService lists', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: SreHealthStore;
    let health: EntityHealthService;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
      const noSlos = {
        forEntity: async () => ({ slos: [], problems: [] }),
      } as unknown as SloService;
      // No analysis: the silo summary uses what it has.
      const noKnowledge = {
        inputsFor: async () => ({}),
      } as unknown as KnowledgeSource;
      health = new EntityHealthService(store, noSlos, noKnowledge);
    });
    afterAll(async () => knex.destroy());

    it('lists the newest fires and postmortems, and counts them all', async () => {
      const fires = TAB_LIST_LIMITS.fires + 3;
      for (let i = 0; i < fires; i++) {
        await store.fires.create(
          {
            entityRef: SERVICE,
            title: `fire ${i}`,
            occurredAt: at(i),
            kind: FIRE_KINDS[i % 3],
            rationale: '',
          },
          SRE,
        );
      }
      const postmortems = TAB_LIST_LIMITS.postmortems + 2;
      for (let i = 0; i < postmortems; i++) {
        await store.postmortems.create(
          {
            entityRef: SERVICE,
            title: `postmortem ${i}`,
            occurredAt: at(i),
            impact: '',
            actionItems: [],
          },
          SRE,
        );
      }
      // Another entity's records are neither listed nor counted.
      await store.fires.create(
        {
          entityRef: 'component:default/ledger-service',
          title: 'elsewhere',
          occurredAt: at(10_000),
          kind: 'toil',
          rationale: '',
        },
        SRE,
      );

      const answer = await health.forEntity(entity);

      expect(answer.fires.map(f => f.title)).toEqual(
        Array.from(
          { length: TAB_LIST_LIMITS.fires },
          (_, i) => `fire ${fires - 1 - i}`,
        ),
      );
      expect(answer.fireCounts).toEqual({
        toil: Math.ceil(fires / 3),
        overhead: Math.ceil((fires - 1) / 3),
        unsorted: Math.ceil((fires - 2) / 3),
      });
      expect(answer.postmortems.map(p => p.title)).toEqual(
        Array.from(
          { length: TAB_LIST_LIMITS.postmortems },
          (_, i) => `postmortem ${postmortems - 1 - i}`,
        ),
      );
      expect(answer.postmortemCount).toBe(postmortems);
    });
  });
});
