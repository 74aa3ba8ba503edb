import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  FIRE_KINDS,
  computeOpsTimeWeeks,
  teamOpsWeeks,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { SreHealthStore } from '../store';
import { TabRecordsReader } from './tabRecords';
import { fromTeamOpsWeek, toTeamOpsWeek } from '../opsTime/mapping';

jest.setTimeout(60_000);

const SERVICE = 'component:default/payments-api';
const OTHER = 'component:default/ledger-service';
const TEAM = 'group:default/payments-team';
const SRE = 'user:default/alice';
const LIMITS = { fires: 4, postmortems: 2 };
const at = (minute: number) =>
  new Date(Date.UTC(2026, 10, 1) + minute * 60_000).toISOString();

/**
 * The tab's one-statement read of its records must return exactly what the repositories'
 * own reads return (their mappings, order, limits and counts), on both databases.
 */
describe('TabRecordsReader', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: SreHealthStore;
    let reader: TabRecordsReader;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await SreHealthStore.create({
        database: { getClient: async () => knex } as DatabaseService,
      });
      reader = new TabRecordsReader(store, LIMITS);

      for (const [i, ref] of [SERVICE, SERVICE, SERVICE, OTHER].entries()) {
        await store.flags.create(
          {
            entityRef: ref,
            stressorKey: `key-${i}`,
            stressLevel: (i % 3) + 1,
            evidence: `évidence ${i} "quoted" \\ ✓`,
            status: i === 1 ? 'resolved' : 'open',
            source: i === 2 ? 'detected' : undefined,
            facts: i === 0 ? { firings: 12, runbook: 'none' } : undefined,
          },
          SRE,
        );
      }
      for (const user of ['user:default/carol', 'user:default/dan']) {
        await store.expertise.create(
          { entityRef: SERVICE, userRef: user, level: 'expert' },
          SRE,
        );
      }
      const closed = await store.engagements.create(
        { teamRef: TEAM, sreRef: SRE, startDate: '2026-09-01', goals: 'old' },
        SRE,
      );
      await store.engagements.update(
        closed.id,
        closed.version,
        { phase: 'closed', endDate: '2026-10-01' },
        SRE,
      );
      await store.engagements.create(
        { teamRef: TEAM, sreRef: SRE, startDate: '2026-10-02', goals: 'now' },
        SRE,
      );
      for (const week of ['2026-10-05', '2026-09-28', '2026-10-12']) {
        await store.opsLoad.create(
          { teamRef: TEAM, weekStart: week, opsHours: 12.5, projectHours: 27 },
          SRE,
        );
      }
      for (let i = 0; i < LIMITS.fires + 3; i++) {
        await store.fires.create(
          {
            entityRef: i === 5 ? OTHER : SERVICE,
            title: `fire ${i}`,
            occurredAt: at(i),
            // the oldest fires are the only `unsorted` ones: counted though not listed
            kind: i < 2 ? 'unsorted' : FIRE_KINDS[i % 2],
            rationale: '',
          },
          SRE,
        );
      }
      const computed = computeOpsTimeWeeks({
        members: 3,
        hoursPerPersonWeek: 37.5,
        fires: [
          {
            occurredAt: '2026-10-13T10:00:00Z',
            timeSpentMinutes: 95,
            kind: 'toil',
            causeKey: 'fire:x',
          },
        ],
        pages: [
          {
            startsAt: '2026-10-06T10:00:00Z',
            endsAt: '2026-10-06T10:20:00Z',
            causeKey: 'alert:y',
          },
        ],
        interrupts: [],
      });
      await knex('ops_time_weeks').insert(
        teamOpsWeeks(await store.opsLoad.list(TEAM), computed).map(w =>
          fromTeamOpsWeek(TEAM, w, new Date()),
        ),
      );
      for (let i = 0; i < LIMITS.postmortems + 1; i++) {
        await store.postmortems.create(
          {
            entityRef: SERVICE,
            title: `postmortem ${i}`,
            occurredAt: at(i),
            impact: 'checkout down',
            actionItems: [{ text: 'add a runbook' }],
          },
          SRE,
        );
      }
    });
    afterAll(async () => knex.destroy());

    it('returns what the repositories return', async () => {
      const read = await reader.read(SERVICE, TEAM);
      expect(read).toEqual({
        stressors: await store.flags.list(SERVICE),
        expertise: await store.expertise.list(SERVICE),
        engagement: await store.activeEngagement(TEAM),
        opsSamples: await store.opsLoad.list(TEAM),
        opsWeeks: (
          await knex('ops_time_weeks')
            .where({ team_ref: TEAM })
            .orderBy('week_start')
        ).map(toTeamOpsWeek),
        fires: await store.fires.listFirst(SERVICE, LIMITS.fires),
        fireCounts: await store.fires.countBy(SERVICE, 'kind'),
        postmortems: await store.postmortems.listFirst(
          SERVICE,
          LIMITS.postmortems,
        ),
        postmortemCount: await store.postmortems.count(SERVICE),
      });
      // the data above exercises what it should
      expect(read.stressors).toHaveLength(3);
      expect(read.engagement?.goals).toBe('now');
      expect(
        read.opsWeeks.map(w => [
          w.source,
          w.computed?.fires,
          w.computed?.pages,
        ]),
      ).toEqual([
        ['typed', undefined, undefined],
        ['typed', 0, 1],
        ['typed', 1, 0],
      ]);
      expect(read.fires).toHaveLength(LIMITS.fires);
      expect(read.fireCounts.get('unsorted')).toBe(2);
      expect(read.fires.some(f => f.kind === 'unsorted')).toBe(false);
      expect(read.postmortemCount).toBe(LIMITS.postmortems + 1);
    });

    it('reads nothing of a team for an entity without an owner', async () => {
      const read = await reader.read(SERVICE, undefined);
      expect(read.engagement).toBeUndefined();
      expect(read.opsSamples).toEqual([]);
      expect(read.fires).toHaveLength(LIMITS.fires);
    });

    it('answers empty lists and zero counts for an entity without records', async () => {
      expect(
        await reader.read('component:default/unknown', 'group:default/none'),
      ).toEqual({
        stressors: [],
        expertise: [],
        engagement: undefined,
        opsSamples: [],
        opsWeeks: [],
        fires: [],
        fireCounts: new Map(),
        postmortems: [],
        postmortemCount: 0,
      });
    });

    it('is one statement', async () => {
      let statements = 0;
      const count = () => statements++;
      knex.on('query', count);
      try {
        await reader.read(SERVICE, TEAM);
      } finally {
        knex.off('query', count);
      }
      expect(statements).toBe(1);
    });
  });
});
