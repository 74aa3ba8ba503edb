import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_DETECTION_THRESHOLDS,
  DETECTOR_AUTHOR,
  type EntityHealth,
} from '@sre-health/backstage-plugin-sre-health-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { KnowledgeStore } from '../knowledge/KnowledgeStore';
import { SreHealthStore } from '../store';
import { SloDefinitionLoader } from '../slo/SloDefinitionLoader';
import { SloService } from '../slo';
import { AlertFiringStore } from './AlertFiringStore';
import {
  DetectionService,
  type ServiceHealthObserver,
} from './DetectionService';
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
/** A team's serving-critical component, for the on-call and embedded-SRE cases. */
const checkoutComponent = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'sre-health.dev/tier': 'critical',
      'sre-health.dev/capacity-plan': 'https://docs/capacity',
      'sre-health.dev/capacity-plan-reviewed': '2026-11-01',
      'sre-health.dev/slo-target': '99.9',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'checkout-team' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/checkout-team' }],
});
const payments = checkoutComponent('payments-api');
const fraud = checkoutComponent('fraud-service');
const NOW = new Date('2026-11-25T12:00:00Z');
const DAY = 86_400_000;
const weekly = (users: string[], weeksAgo: number) =>
  users.map((userRef, i) => {
    const startsAt = new Date(NOW.getTime() - (weeksAgo + i) * 7 * DAY);
    return {
      userRef,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 7 * DAY).toISOString(),
    };
  });

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
    let shifts: KnowledgeStore;
    let detection: DetectionService;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
      shifts = new KnowledgeStore(knex);
      const slos = new SloService({
        store,
        loader: new SloDefinitionLoader({
          store,
          urlReader: mockServices.urlReader.mock(),
          integrations: {} as any,
        }),
        dataSources: new Map(),
      });
      detection = new DetectionService({
        store,
        alerts: new AlertFiringStore(knex),
        catalog: catalogServiceMock({
          entities: [ledger, payments, fraud, sreGroup],
        }),
        auth: mockServices.auth(),
        slos,
        shifts: {
          listShifts: (ref, since) => shifts.listShifts([ref], { since }),
        },
        detectors: BUILT_IN_DETECTORS,
        thresholds: DEFAULT_DETECTION_THRESHOLDS,
        sreGroups: ['group:default/sre'],
        logger: mockServices.logger.mock(),
        now: () => NOW,
      });
    });

    const flag = async (key: string) =>
      (await store.flags.list(REF)).find(f => f.stressorKey === key);

    it('raises detected flags with evidence, and a second run changes nothing', async () => {
      await store.expertise.create(
        { entityRef: REF, userRef: 'user:default/carol', level: 'expert' },
        SRE,
      );
      const first = await detection.runForEntity(ledger);
      expect(first.detected.map(d => d.stressorKey).sort()).toEqual([
        'devs-own-it',
        'knowledge-gap',
      ]);
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
        {
          status: 'dismissed',
          dismissedReason: 'Carol is moving to the SRE team next week',
        },
        SRE,
      );
      await detection.runForEntity(ledger);
      expect(await flag('knowledge-gap')).toMatchObject({
        status: 'dismissed',
        dismissedReason: 'Carol is moving to the SRE team next week',
      });

      // Alice (an SRE, on the operating side) learns to operate it: both signals go.
      await store.expertise.create(
        { entityRef: REF, userRef: SRE, level: 'can-operate' },
        SRE,
      );
      const outcome = await detection.runForEntity(ledger);
      expect(outcome.resolved).toBe(2);
      const all = await store.flags.list(REF);
      expect(all.every(f => f.status === 'resolved')).toBe(true);
    });

    it('merges with an SRE flag for the same stressor: source both, their words kept', async () => {
      const dan = (await store.expertise.list(REF)).find(
        e => e.userRef === SRE,
      )!;
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
      await store.flags.update(own.id, 1, { stressLevel: 3 }, SRE);
      await detection.runForEntity(ledger);
      const merged = (await flag('knowledge-gap'))!;
      expect(merged).toMatchObject({
        id: own.id,
        source: 'both',
        evidence: 'Carol is the only one who has run a ledger failover',
        stressLevel: 3,
        ratedLevel: 3,
      });
      expect(merged.facts?.detectorEvidence).toContain(
        'only user:default/carol',
      );
      // An SRE's flag is theirs: it does not close when the signal goes.
      await store.expertise.create(
        { entityRef: REF, userRef: SRE, level: 'expert' },
        SRE,
      );
      await detection.runForEntity(ledger);
      expect((await flag('knowledge-gap'))!.status).toBe('open');
    });

    it('counts recorded on-call shifts as operating the service', async () => {
      const ref = 'component:default/payments-api';
      const detected = async () =>
        (await store.flags.list(ref))
          .filter(f => f.status !== 'resolved')
          .map(f => f.stressorKey);
      await store.expertise.create(
        { entityRef: ref, userRef: 'user:default/carol', level: 'expert' },
        SRE,
      );
      await store.expertise.create(
        { entityRef: ref, userRef: 'user:default/dan', level: 'can-operate' },
        SRE,
      );
      // Shifts that ended before the 90-day look-back do not count.
      await shifts.upsertShifts(
        ref,
        weekly(['user:default/carol'], 20),
        'pagerduty',
        NOW,
      );
      await detection.runForEntity(payments);
      expect(await detected()).toEqual(['devs-own-it']);

      // Carol, Dan and Bob carry the pager: the team operates its own service.
      await shifts.upsertShifts(
        ref,
        weekly(
          ['user:default/carol', 'user:default/dan', 'user:default/bob'],
          1,
        ),
        'pagerduty',
        NOW,
      );
      const outcome = await detection.runForEntity(payments);
      expect(outcome.detected).toEqual([]);
      expect(outcome.resolved).toBe(1);
      expect(await detected()).toEqual([]);
    });

    it('never counts the embedded SRE of a running engagement as an operator, and says so', async () => {
      const ref = 'component:default/fraud-service';
      await store.expertise.create(
        { entityRef: ref, userRef: 'user:default/carol', level: 'expert' },
        SRE,
      );
      await store.expertise.create(
        { entityRef: ref, userRef: SRE, level: 'can-operate' },
        SRE,
      );
      // Alice, an SRE, can operate it: on the operating side and a second operator.
      expect((await detection.runForEntity(fraud)).detected).toEqual([]);

      // Once she embeds with the team (and shadows its on-call), she is leaving: not counted.
      const engagement = await store.engagements.create(
        {
          teamRef: 'group:default/checkout-team',
          sreRef: SRE,
          startDate: '2026-11-02',
          goals: '',
        },
        SRE,
      );
      await shifts.upsertShifts(ref, weekly([SRE], 1), 'pagerduty', NOW);
      const during = await detection.runForEntity(fraud);
      expect(during.detected.map(d => d.stressorKey).sort()).toEqual([
        'devs-own-it',
        'knowledge-gap',
      ]);
      const note =
        'The embedded SRE user:default/alice is not counted: they leave when the engagement ends.';
      const flags = await store.flags.list(ref);
      const gap = flags.find(f => f.stressorKey === 'knowledge-gap')!;
      expect(gap.facts).toMatchObject({ busFactor: 1 });
      expect(gap.evidence).toBe(
        `Serving-critical, and only user:default/carol can operate it (bus factor 1). ${note}`,
      );
      const devs = flags.find(f => f.stressorKey === 'devs-own-it')!;
      expect(devs.evidence).toContain(
        'only the developers user:default/carol can',
      );
      expect(devs.evidence).toContain(note);

      // The engagement over, she counts again like any SRE.
      await store
        .db('engagements')
        .where({ id: engagement.id })
        .update({ phase: 'closed', end_date: '2026-11-20' });
      expect((await detection.runForEntity(fraud)).resolved).toBe(2);
    });

    it('keeps an exemption while it lasts, then re-opens what is still there and resolves what is gone', async () => {
      const audit = checkoutComponent('audit-service');
      const ref = 'component:default/audit-service';
      const of = async (key: string) =>
        (await store.flags.list(ref)).find(f => f.stressorKey === key)!;
      const exempt = async (
        key: string,
        exemptUntil: string,
        extra: object = {},
      ) => {
        const f = await of(key);
        return store.flags.update(
          f.id,
          f.version,
          {
            status: 'exempt',
            exemptUntil,
            exemptReason: `${key} waits`,
            ...extra,
          },
          SRE,
        );
      };
      expect((await detection.runForEntity(audit)).created).toBe(2);
      await store.flags.create(
        {
          entityRef: ref,
          stressorKey: 'custom:batch-window',
          stressLevel: 2,
          evidence: 'nightly',
          status: 'open',
        },
        SRE,
      );
      // NOW is 2026-11-25: through the 30th still exempt; the 24th was the last day of the others
      await exempt('knowledge-gap', '2026-11-30');
      await exempt('devs-own-it', '2026-11-24');
      await exempt('custom:batch-window', '2026-11-24');

      const run = await detection.runForEntity(audit);
      // still detected: the expired one re-opens; no detector for the custom key: re-opens
      expect(run.reopened).toBe(2);
      expect(await of('knowledge-gap')).toMatchObject({
        status: 'exempt',
        exemptUntil: '2026-11-30',
      });
      expect(await of('devs-own-it')).toMatchObject({
        status: 'open',
        exemptUntil: null,
        exemptReason: null,
      });
      expect(await of('custom:batch-window')).toMatchObject({
        status: 'open',
        exemptBy: null,
      });
      expect((await detection.runForEntity(audit)).reopened).toBe(0);

      // confirmed flags (no longer the detector's alone), one exempt through the 30th and
      // one whose exemption ran out; then the signals go
      await exempt('devs-own-it', '2026-11-24', { confirm: true });
      const gap = await of('knowledge-gap');
      await store.flags.update(gap.id, gap.version, { confirm: true }, SRE);
      await store.expertise.create(
        { entityRef: ref, userRef: SRE, level: 'can-operate' },
        SRE,
      );
      await store.expertise.create(
        { entityRef: ref, userRef: 'user:default/dan', level: 'can-operate' },
        SRE,
      );
      const gone = await detection.runForEntity(audit);
      expect(gone.detected).toEqual([]);
      // the expired exemption is resolved, as a dismissed flag would be
      expect(await of('devs-own-it')).toMatchObject({
        status: 'resolved',
        exemptUntil: null,
      });
      const resolved = (await store.flags.list(ref))
        .filter(f => f.status === 'resolved')
        .map(f => f.stressorKey);
      expect(resolved).toEqual(['devs-own-it']);
      // the one still running is left alone until its date
      expect(await of('knowledge-gap')).toMatchObject({ status: 'exempt' });
    });

    it('reads each service once after its flags and hands the read to every observer; a failure fails nothing', async () => {
      const seen: string[] = [];
      const logger = mockServices.logger.mock();
      const withObservers = (
        read: (entity: Entity) => Promise<EntityHealth>,
        observers: ServiceHealthObserver[],
      ) =>
        new DetectionService({
          store,
          alerts: new AlertFiringStore(store.db),
          catalog: catalogServiceMock({
            entities: [ledger, payments, fraud, sreGroup],
          }),
          auth: mockServices.auth(),
          slos: new SloService({
            store,
            loader: new SloDefinitionLoader({
              store,
              urlReader: mockServices.urlReader.mock(),
              integrations: {} as any,
            }),
            dataSources: new Map(),
          }),
          shifts: {
            listShifts: (ref, since) => shifts.listShifts([ref], { since }),
          },
          detectors: BUILT_IN_DETECTORS,
          thresholds: DEFAULT_DETECTION_THRESHOLDS,
          sreGroups: ['group:default/sre'],
          logger,
          afterService: { read, observers },
          now: () => NOW,
        });
      // the read sees the flags as the run left them: here, all just raised
      const orders = checkoutComponent('orders-api');
      const ORDERS = 'component:default/orders-api';
      await store.expertise.create(
        { entityRef: ORDERS, userRef: 'user:default/carol', level: 'expert' },
        SRE,
      );
      const read = jest.fn(async (entity: Entity) => {
        const entityRef = `component:default/${entity.metadata.name}`;
        const open = (await store.flags.list(entityRef)).filter(
          f => f.status === 'open',
        );
        return { entityRef, stressors: open } as unknown as EntityHealth;
      });
      const observer = (name: string): ServiceHealthObserver => ({
        name,
        observe: async h => {
          seen.push(
            `${name}: ${h.entityRef} ${h.stressors
              .map(f => f.stressorKey)
              .sort()
              .join(',')}`,
          );
        },
      });
      const outcome = await withObservers(read, [
        observer('Risks'),
        observer('Notices'),
      ]).runForEntity(orders);
      const keys = outcome.detected
        .map(d => d.stressorKey)
        .sort()
        .join(',');
      expect(outcome.created).toBeGreaterThan(0);
      expect(read).toHaveBeenCalledTimes(1);
      expect(seen).toEqual([
        `Risks: ${ORDERS} ${keys}`,
        `Notices: ${ORDERS} ${keys}`,
      ]);

      // an observer that fails is logged and the next one still runs
      seen.length = 0;
      const failing: ServiceHealthObserver = {
        name: 'Compound risks',
        observe: async () => {
          throw new Error('database gone');
        },
      };
      const failed = await withObservers(read, [
        failing,
        observer('Notices'),
      ]).runForEntity(orders);
      expect(failed.entityRef).toBe(ORDERS);
      expect(seen).toEqual([`Notices: ${ORDERS} ${keys}`]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'Compound risks of component:default/orders-api failed',
        ),
      );

      // a read that fails is logged once and no observer runs
      seen.length = 0;
      const unread = await withObservers(async () => {
        throw new Error('catalog gone');
      }, [observer('Risks')]).runForEntity(orders);
      expect(unread.entityRef).toBe(ORDERS);
      expect(seen).toEqual([]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'Reading component:default/orders-api for its observers failed',
        ),
      );
    });
  });
});
