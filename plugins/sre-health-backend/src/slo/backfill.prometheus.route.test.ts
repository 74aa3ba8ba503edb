import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { sreHealthPlugin } from '../plugin';
import { SERVICE, SRE, catalogEntities } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import { sreGroupPermissions } from '../__testUtils__/permissions';
import {
  backfillHistory,
  prometheusAvailable,
  pushedSloDocument,
  startPrometheus,
  TestPrometheus,
} from '../__testUtils__/prometheus';

jest.setTimeout(120_000);

/*
 * POST /slo-backfill from a real Prometheus, through the plugin's router, on SQLite and
 * PostgreSQL: the 8 hours of `backfillHistory` become 480 minutes of good/total, once however
 * often it runs.
 */
const API = '/api/sre-health';
const MINUTE = 60_000;
const { firstSample, lastSample, series, queries, expected } =
  backfillHistory();
const iso = (t: number) => new Date(t).toISOString();

describe('POST /slo-backfill from a real Prometheus', () => {
  const databases = createTestDatabases();
  let prometheus: TestPrometheus | undefined;
  let available = false;

  beforeAll(async () => {
    available = await prometheusAvailable();
    if (available) prometheus = await startPrometheus(series);
  });
  afterAll(async () => prometheus?.stop());

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let server: Server;
    let knex: Knex;

    beforeAll(async () => {
      if (!available) return;
      knex = await databases.init(databaseId);
      const config = {
        sreHealth: {
          sreGroups: ['group:default/sre'],
          dataSources: [
            { name: 'demo', type: 'prometheus', url: prometheus!.url },
          ],
        },
      };
      ({ server } = await startTestBackend({
        features: [
          sreHealthPlugin,
          catalogServiceMock.factory({ entities: catalogEntities }),
          mockServices.database.factory({ knex }),
          sreGroupPermissions(config).factory,
          mockServices.rootConfig.factory({ data: config }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
        ],
      }));
      await request(server)
        .post(`${API}/slo-definitions`)
        .set({ Authorization: mockCredentials.user.header(SRE) })
        .send({ entityRef: SERVICE, document: pushedSloDocument('history') })
        .expect(201);
    });

    const backfill = (prometheusQuery: Record<string, string>) =>
      request(server)
        .post(`${API}/slo-backfill`)
        .set({ Authorization: mockCredentials.user.header(SRE) })
        .send({
          entityRef: SERVICE,
          slo: 'history',
          prometheus: prometheusQuery,
        });

    const query = {
      source: 'demo',
      ...queries,
      from: iso(firstSample),
      to: iso(lastSample),
    };

    /** What the store holds for the SLO: its minutes, and its hourly rollup's sums. */
    const stored = async () => {
      const where = { entity_ref: SERVICE, slo_name: 'history' };
      const minutes = await knex('slo_events')
        .where(where)
        .count({ n: '*' })
        .sum({ good: 'good', total: 'total' })
        .first();
      const hours = await knex('slo_events_hourly')
        .where(where)
        .sum({ good: 'good', total: 'total' })
        .first();
      return {
        minutes: Number(minutes?.n ?? 0),
        good: Number(minutes?.good ?? 0),
        total: Number(minutes?.total ?? 0),
        hourly: {
          good: Number(hours?.good ?? 0),
          total: Number(hours?.total ?? 0),
        },
      };
    };

    it('writes every minute once, however often it runs', async () => {
      if (!available) return;
      const first = await backfill(query).expect(200);
      expect(first.body).toEqual({
        accepted: 480,
        unchanged: 0,
        replaced: 0,
        from: iso(firstSample),
        to: iso(lastSample - MINUTE),
      });
      const after = await stored();
      expect(after).toEqual({
        ...expected,
        hourly: { good: expected.good, total: expected.total },
      });

      const again = await backfill(query).expect(200);
      expect(again.body).toEqual({ ...first.body, unchanged: 480 });
      expect(await stored()).toEqual(after);
    });

    it('refuses a query Prometheus cannot run and a bad range with a 400 naming the field, writing nothing', async () => {
      if (!available) return;
      const before = await stored();
      const badQuery = await backfill({
        ...query,
        from: iso(lastSample - 10 * MINUTE),
        good: 'sum(rate(demo_errors_total[1m]',
      }).expect(400);
      expect(badQuery.body.error.message).toMatch(
        /^Invalid body: prometheus\.good: Prometheus "demo" rejected the query: bad_data: /,
      );
      const reversed = await backfill({
        ...query,
        from: iso(lastSample),
        to: iso(firstSample),
      }).expect(400);
      expect(reversed.body.error.message).toBe(
        'Invalid body: prometheus.from: must be before to',
      );
      const offMinute = await backfill({
        ...query,
        to: new Date(lastSample - 30_000).toISOString(),
      }).expect(400);
      expect(offMinute.body.error.message).toBe(
        'Invalid body: prometheus.to: must be on a whole minute',
      );
      // good above total in some minutes: the minute is named, nothing is written
      const worse = await backfill({
        ...query,
        from: iso(lastSample - 2 * MINUTE),
        good: `${queries.total} * 2`,
      }).expect(400);
      expect(worse.body.error.message).toContain(
        `minute ${iso(
          lastSample - 2 * MINUTE,
        )}: good (2000) exceeds total (1000)`,
      );
      expect(await stored()).toEqual(before);
    });
  });
});
