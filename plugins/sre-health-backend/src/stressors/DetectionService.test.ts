import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_DETECTION_THRESHOLDS,
  DETECTOR_AUTHOR,
} from '@internal/backstage-plugin-sre-health-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { SreHealthStore } from '../store';
import { SloDefinitionLoader } from '../slo/SloDefinitionLoader';
import { SloService } from '../slo';
import { AlertFiringStore } from './AlertFiringStore';
import { DetectionService } from './DetectionService';
import { BUILT_IN_DETECTORS } from './detectors';

jest.setTimeout(60_000);

const SRE = 'user:default/alice';
const REF = 'component:default/ledger-service';

const ledger: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ledger-service',
    namespace: 'default',
    annotations: {
      'sre-health.dev/tier': 'critical',
      'sre-health.dev/capacity-plan': 'https://docs/ledger-capacity',
      'sre-health.dev/capacity-plan-reviewed': '2026-11-01',
      'sre-health.dev/slo-target': '99.9',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments-team' }],
};
const sreGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'sre', namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: [{ type: 'hasMember', targetRef: SRE }],
};

describe('DetectionService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let store: SreHealthStore;
    let detection: DetectionService;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = await SreHealthStore.create({ database: { getClient: async () => knex } as DatabaseService });
      const slos = new SloService({
        store,
        loader: new SloDefinitionLoader({ store, urlReader: mockServices.urlReader.mock(), integrations: {} as any }),
        dataSources: new Map(),
      });
      detection = new DetectionService({
        store,
        alerts: new AlertFiringStore(knex),
        catalog: catalogServiceMock({ entities: [ledger, sreGroup] }),
        auth: mockServices.auth(),
        slos,
        detectors: BUILT_IN_DETECTORS,
        thresholds: DEFAULT_DETECTION_THRESHOLDS,
        sreGroups: ['group:default/sre'],
        logger: mockServices.logger.mock(),
        now: () => new Date('2026-11-25T12:00:00Z'),
      });
    });

    const flag = async (key: string) => (await store.flags.list(REF)).find(f => f.stressorKey === key);

    it('raises detected flags with evidence, and a second run changes nothing', async () => {
      await store.expertise.create({ entityRef: REF, userRef: 'user:default/carol', level: 'expert' }, SRE);
      const first = await detection.runForEntity(ledger);
      expect(first.detected.map(d => d.stressorKey).sort()).toEqual(['devs-own-it', 'knowledge-gap']);
      expect(first.created).toBe(2);
      expect(await flag('knowledge-gap')).toMatchObject({
        source: 'detected',
        author: DETECTOR_AUTHOR,
        status: 'open',
        stressLevel: 4,
        facts: { busFactor: 1, learners: 0 },
      });
      const again = await detection.runForEntity(ledger);
      expect([again.created, again.updated, again.resolved]).toEqual([0, 0, 0]);
    });

    it('keeps a dismissal and its reason, and closes it when the signal goes', async () => {
      const gap = (await flag('knowledge-gap'))!;
      await store.flags.update(
        gap.id,
        gap.version,
        { status: 'dismissed', dismissedReason: 'Carol is moving to the SRE team next week' },
        SRE,
      );
      await detection.runForEntity(ledger);
      expect(await flag('knowledge-gap')).toMatchObject({
        status: 'dismissed',
        dismissedReason: 'Carol is moving to the SRE team next week',
      });

      // Alice (an SRE, on the operating side) learns to operate it: both signals go.
      await store.expertise.create({ entityRef: REF, userRef: SRE, level: 'can-operate' }, SRE);
      const outcome = await detection.runForEntity(ledger);
      expect(outcome.resolved).toBe(2);
      const all = await store.flags.list(REF);
      expect(all.every(f => f.status === 'resolved')).toBe(true);
    });

    it('merges with an SRE flag for the same stressor: source both, their words kept', async () => {
      const dan = (await store.expertise.list(REF)).find(e => e.userRef === SRE)!;
      await store.expertise.delete(dan.id, dan.version, SRE);
      const own = await store.flags.create(
        {
          entityRef: REF,
          stressorKey: 'knowledge-gap',
          stressLevel: 5,
          evidence: 'Carol is the only one who has run a ledger failover',
          status: 'open',
        },
        SRE,
      );
      await store.flags.update(own.id, 1, { levelOverride: 3 }, SRE);
      await detection.runForEntity(ledger);
      const merged = (await flag('knowledge-gap'))!;
      expect(merged).toMatchObject({
        id: own.id,
        source: 'both',
        evidence: 'Carol is the only one who has run a ledger failover',
        stressLevel: 5,
        levelOverride: 3,
      });
      expect(merged.facts?.detectorEvidence).toContain('only user:default/carol');
      // An SRE's flag is theirs: it does not close when the signal goes.
      await store.expertise.create({ entityRef: REF, userRef: SRE, level: 'expert' }, SRE);
      await detection.runForEntity(ledger);
      expect((await flag('knowledge-gap'))!.status).toBe('open');
    });
  });
});
