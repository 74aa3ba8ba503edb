import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_DETECTION_THRESHOLDS,
  DEFAULT_NOTIFICATION_SETTINGS,
  NotificationSettings,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { EntityHealthService } from '../health';
import { CompoundRiskRecorder, ScorecardService } from '../scorecard';
import {
  grp,
  ref,
  scorecardEntities,
} from '../scorecard/__testUtils__/fixtures';
import { SloService } from '../slo';
import { SloDefinitionLoader } from '../slo/SloDefinitionLoader';
import { SreHealthStore } from '../store';
import { AlertFiringStore } from '../stressors/AlertFiringStore';
import { DetectionService } from '../stressors/DetectionService';
import { NOTIFICATIONS_ACTOR, createNotificationsFeature } from '.';

jest.setTimeout(60_000);

const SRE = 'user:default/alice';
const MINUTE = 60_000;
const DAY = 86_400_000;
const START = new Date('2026-12-07T12:00:00.000Z');
const entity = (name: string) =>
  scorecardEntities.find(e => e.metadata.name === name)!;
const PAYMENTS = ref('payments-api');
const SEARCH = ref('search-api');

/**
 * Notifications once per episode, end to end over the real database: replicas wired as
 * plugin.ts wires them (the detection run's tab read, the scorecard sync's SLOs) on one
 * database, each its own services, one shared notifications service.
 */
describe('notifications once per episode', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: SreHealthStore;
    let now: Date;
    const send = jest.fn(async (_options: any) => {});
    const sent = (kind: string) =>
      send.mock.calls
        .map(([o]) => o)
        .filter(o => o.payload.topic === `sre-health-${kind}`);

    /** One replica; `sender: null` builds it without the notifications service. */
    const replica = (
      settings: NotificationSettings = DEFAULT_NOTIFICATION_SETTINGS,
      sender: { send: typeof send } | null = { send },
      logger = mockServices.logger.mock(),
    ) => {
      const slos = new SloService({
        store,
        loader: new SloDefinitionLoader({
          store,
          urlReader: mockServices.urlReader.mock(),
          integrations: {} as any,
        }),
        dataSources: new Map(),
        now: () => now,
      });
      const notifications = createNotificationsFeature({
        store,
        logger,
        settings,
        notifications: sender ?? undefined,
        now: () => now,
      });
      const tabRead = new EntityHealthService(
        store,
        slos,
        { inputsFor: async () => ({} as any) },
        4,
      );
      const catalog = catalogServiceMock({ entities: scorecardEntities });
      const detection = new DetectionService({
        store,
        alerts: new AlertFiringStore(store.db),
        catalog,
        auth: mockServices.auth(),
        slos,
        shifts: { listShifts: async () => [] },
        detectors: [], // the flags here are the SREs': what matters is what the runs notify
        thresholds: DEFAULT_DETECTION_THRESHOLDS,
        sreGroups: [],
        logger,
        afterService: {
          read: e => tabRead.forEntity(e),
          observers: [
            {
              name: 'Compound risks',
              observe: h => new CompoundRiskRecorder(store.db).record(h),
            },
            {
              name: 'Notifications',
              observe: h => notifications.observeService(h),
            },
          ],
        },
        now: () => now,
      });
      const scorecard = new ScorecardService({
        db: store.db,
        catalog,
        auth: mockServices.auth(),
        slos,
        logger,
        sloObservers: [notifications.sloStatuses],
        now: () => now,
      });
      return { notifications, detection, scorecard, logger, slos, tabRead };
    };

    const flag = (
      entityRef: string,
      stressorKey: string,
      stressLevel: number,
    ) =>
      store.flags.create(
        {
          entityRef,
          stressorKey,
          stressLevel,
          evidence: 'seen by the team',
          status: 'open',
        } as any,
        SRE,
      );

    /** `errors` bad events of 100 in each of the 60 minutes before `now`. */
    const push = (entityRef: string, errors: number) =>
      store.sloEvents.ingest(
        entityRef,
        'availability',
        Array.from({ length: 60 }, (_, i) => ({
          start: new Date(now.getTime() - (i + 1) * MINUTE),
          good: 100 - errors,
          total: 100,
        })),
      );

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
      now = START;
    });

    afterAll(async () => {
      await knex.destroy();
    });

    beforeEach(() => send.mockClear());

    it('stressor-high: once across two runs and two replicas at once; again after it ended and returned', async () => {
      const first = await flag(PAYMENTS, 'next-big-thing', 4);
      await flag(PAYMENTS, 'naive-capacity-plan', 3); // below the level: nothing
      const [a, b] = [replica(), replica()];
      // two replicas seeing it at the same moment (each its own read)...
      const seen = await Promise.all(
        [a, b].map(r => r.tabRead.forEntity(entity('payments-api'))),
      );
      await Promise.all(
        [a, b].map((r, i) => r.notifications.observeService(seen[i])),
      );
      // ...then their scheduled runs, one after the other (the scheduler's rule), twice
      await a.detection.runForEntity(entity('payments-api'));
      await b.detection.runForEntity(entity('payments-api'));

      expect(sent('stressor-high')).toEqual([
        {
          recipients: { type: 'entity', entityRef: grp('payments-team') },
          payload: {
            title:
              'payments-api: Waiting for "the next big thing" at stress level 4',
            description: expect.stringContaining(
              'Next: the team and its SRE confirm the level',
            ),
            link: '/catalog/default/component/payments-api/sre-health',
            severity: 'high',
            topic: 'sre-health-stressor-high',
            scope: `sre-health:stressor-high:${PAYMENTS}:next-big-thing`,
          },
        },
      ]);
      const episodes = (await a.notifications.episodes.list(PAYMENTS)).filter(
        e => e.kind === 'stressor-high',
      );
      expect(episodes).toEqual([
        expect.objectContaining({ key: 'next-big-thing', endedAt: null }),
      ]);
      expect(episodes[0].notifiedAt).not.toBeNull();
      const audited = (await store.audit.listForEntity(PAYMENTS)).filter(
        e => e.resourceType === 'notification-episode',
      );
      expect(audited).toEqual([
        expect.objectContaining({
          actor: NOTIFICATIONS_ACTOR,
          action: 'create',
          resourceId: episodes[0].id,
        }),
      ]);

      // the team resolves it: the episode ends, nothing is sent
      await store.flags.update(
        first.id,
        first.version,
        { status: 'resolved' } as any,
        SRE,
      );
      await a.detection.runForEntity(entity('payments-api'));
      const ended = await a.notifications.episodes.list(PAYMENTS);
      expect(ended.find(e => e.id === episodes[0].id)?.endedAt).not.toBeNull();
      const endAudited = (await store.audit.listForEntity(PAYMENTS)).filter(
        e => e.resourceType === 'notification-episode' && e.action === 'update',
      );
      expect(endAudited).toEqual([
        expect.objectContaining({
          actor: NOTIFICATIONS_ACTOR,
          resourceId: episodes[0].id,
        }),
      ]);
      expect(sent('stressor-high')).toHaveLength(1);

      // it comes back (later): a new episode, one more notification
      now = new Date(START.getTime() + 60 * MINUTE);
      await flag(PAYMENTS, 'next-big-thing', 5);
      await a.detection.runForEntity(entity('payments-api'));
      await b.detection.runForEntity(entity('payments-api'));
      expect(sent('stressor-high')).toHaveLength(2);
      expect(sent('stressor-high')[1].payload.title).toBe(
        'payments-api: Waiting for "the next big thing" at stress level 5',
      );
      const all = (await a.notifications.episodes.list(PAYMENTS)).filter(
        e => e.kind === 'stressor-high',
      );
      expect(all.map(e => e.endedAt === null)).toEqual([true, false]);
      now = START;
    });

    it('the database lets only one of three concurrent starts win, and one end', async () => {
      const condition = {
        kind: 'ops-cap' as const,
        subjectRef: grp('search-team'),
        key: grp('search-team'),
        recipientRef: grp('search-team'),
        entityRef: grp('search-team'),
        severity: 'high' as const,
        title: 't',
        description: 'd',
      };
      const observation = {
        kind: 'ops-cap' as const,
        subjectRef: condition.subjectRef,
        holding: [condition],
      };
      const replicas = [replica(), replica(), replica()];
      const notified = await Promise.all(
        replicas.map(r => r.notifications.episodes.observe(observation)),
      );
      expect(notified.flat()).toHaveLength(1);
      expect(sent('ops-cap')).toHaveLength(1);
      expect(
        await replicas[0].notifications.episodes.list(condition.subjectRef),
      ).toHaveLength(1);
      // and it ends for good: a second look without it
      await Promise.all(
        replicas.map(r =>
          r.notifications.episodes.observe({ ...observation, holding: [] }),
        ),
      );
      const [episode] = await replicas[0].notifications.episodes.list(
        condition.subjectRef,
      );
      expect(episode.endedAt).not.toBeNull();
      expect(episode.version).toBe(2);
    });

    it('ops-cap: the team above the cap is told once, as its own recipient', async () => {
      for (const weekStart of ['2026-11-16', '2026-11-23', '2026-11-30']) {
        await store.opsLoad.create(
          {
            teamRef: grp('payments-team'),
            weekStart,
            opsHours: 30,
            projectHours: 10,
          } as any,
          SRE,
        );
      }
      const a = replica();
      await a.detection.runForEntity(entity('payments-api'));
      await a.detection.runForEntity(entity('payments-api'));
      expect(sent('ops-cap')).toEqual([
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: grp('payments-team') },
          payload: expect.objectContaining({
            title: 'payments-team: operational work above the 50% cap',
            link: '/catalog/default/group/payments-team',
            scope: `sre-health:ops-cap:${grp('payments-team')}:${grp(
              'payments-team',
            )}`,
          }),
        }),
      ]);
    });

    it('exemption-expiring: daysBefore days ahead, once; an extension past the horizon ends it', async () => {
      const raised = await flag(PAYMENTS, 'undiagnosed-alerts', 2);
      const day = (n: number) =>
        new Date(START.getTime() + n * DAY).toISOString().slice(0, 10);
      const exempt = await store.flags.update(
        raised.id,
        raised.version,
        {
          status: 'exempt',
          exemptUntil: day(4),
          exemptReason: 'alerts reworked in Q1',
        } as any,
        SRE,
      );
      const a = replica();
      await a.detection.runForEntity(entity('payments-api'));
      expect(sent('exemption-expiring')).toEqual([]); // 4 days ahead: not yet

      now = new Date(START.getTime() + 1 * DAY); // 3 days ahead
      await a.detection.runForEntity(entity('payments-api'));
      await a.detection.runForEntity(entity('payments-api'));
      expect(sent('exemption-expiring')).toEqual([
        expect.objectContaining({
          payload: expect.objectContaining({
            title: `payments-api: the exemption of Undiagnosed common alerts ends ${day(
              4,
            )}`,
            severity: 'normal',
            scope: `sre-health:exemption-expiring:${PAYMENTS}:${raised.id}`,
          }),
        }),
      ]);

      await store.flags.update(
        exempt.id,
        exempt.version,
        { exemptUntil: day(30) } as any,
        SRE,
      );
      await a.detection.runForEntity(entity('payments-api'));
      const episodes = (await a.notifications.episodes.list(PAYMENTS)).filter(
        e => e.kind === 'exemption-expiring',
      );
      expect(episodes).toEqual([
        expect.objectContaining({ endedAt: expect.any(String) }),
      ]);
      expect(sent('exemption-expiring')).toHaveLength(1);
      now = START;
    });

    it('a disabled kind sends nothing and records nothing', async () => {
      await flag(SEARCH, 'knowledge-gap', 5);
      const off = {
        ...DEFAULT_NOTIFICATION_SETTINGS,
        'stressor-high': { enabled: false, minLevel: 4 },
      };
      const a = replica(off);
      await a.detection.runForEntity(entity('search-api'));
      await a.detection.runForEntity(entity('search-api'));
      expect(sent('stressor-high')).toEqual([]);
      expect(
        (await a.notifications.episodes.list(SEARCH)).filter(
          e => e.kind === 'stressor-high',
        ),
      ).toEqual([]);
    });

    it('without the notifications service: recorded and logged; a failed send is retried next run, once', async () => {
      const logger = mockServices.logger.mock();
      const absent = replica(DEFAULT_NOTIFICATION_SETTINGS, null, logger);
      await absent.detection.runForEntity(entity('search-api'));
      expect(send).not.toHaveBeenCalled();
      const [episode] = (
        await absent.notifications.episodes.list(SEARCH)
      ).filter(e => e.kind === 'stressor-high');
      expect(episode).toMatchObject({ endedAt: null, notifiedAt: null });

      // once the service is there, the open episode is told; a failure gives the claim back
      send.mockRejectedValueOnce(new Error('notifications backend down'));
      const a = replica();
      await a.detection.runForEntity(entity('search-api'));
      expect(send).toHaveBeenCalledTimes(1);
      await a.detection.runForEntity(entity('search-api'));
      await a.detection.runForEntity(entity('search-api'));
      expect(sent('stressor-high')).toHaveLength(2);
      expect(sent('stressor-high')[1].payload.scope).toBe(
        `sre-health:stressor-high:${SEARCH}:knowledge-gap`,
      );
    });

    it('slo-page: the scorecard sync tells the team once when an SLO pages, and again after it stopped', async () => {
      await push(PAYMENTS, 2); // 2% errors against 99.9%: the 1h and 5m burn page
      const [a, b] = [replica(), replica()];
      const seen = await Promise.all(
        [a, b].map(r => r.slos.forEntity(entity('payments-api'), PAYMENTS)),
      );
      await Promise.all(
        [a, b].map((r, i) =>
          r.notifications.sloStatuses.observe(
            PAYMENTS,
            grp('payments-team'),
            seen[i].slos,
            true,
          ),
        ),
      );
      await a.scorecard.sync();
      await b.scorecard.sync();
      expect(sent('slo-page')).toEqual([
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: grp('payments-team') },
          payload: expect.objectContaining({
            title: 'payments-api: SLO Availability is paging',
            severity: 'critical',
            scope: `sre-health:slo-page:${PAYMENTS}:availability`,
          }),
        }),
      ]);

      now = new Date(START.getTime() + 2 * 60 * MINUTE);
      await push(PAYMENTS, 0); // a clean hour: no tier pages
      await a.scorecard.sync();
      now = new Date(START.getTime() + 3 * 60 * MINUTE);
      await push(PAYMENTS, 2); // paging again: a new episode
      await b.scorecard.sync();
      await a.scorecard.sync();
      expect(sent('slo-page')).toHaveLength(2);
      const episodes = (await a.notifications.episodes.list(PAYMENTS)).filter(
        e => e.kind === 'slo-page',
      );
      expect(episodes.map(e => e.endedAt === null)).toEqual([true, false]);

      // a look that missed a definition ends nothing; the sync's sweep ends the episode
      // of a service that no longer has SLOs
      const openPages = async () =>
        (await a.notifications.episodes.list(PAYMENTS)).filter(
          e => e.kind === 'slo-page' && e.endedAt === null,
        );
      await a.notifications.sloStatuses.observe(
        PAYMENTS,
        grp('payments-team'),
        [],
        false,
      );
      expect(await openPages()).toHaveLength(1);
      await a.notifications.sloStatuses.sweep(new Set([PAYMENTS]));
      expect(await openPages()).toHaveLength(1);
      await a.notifications.sloStatuses.sweep(new Set());
      expect(await openPages()).toEqual([]);
      expect(sent('slo-page')).toHaveLength(2);
      now = START;
    });
  });
});
