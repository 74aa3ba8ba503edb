import type { Server } from 'node:http';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import request from 'supertest';
import { SERVICE, SRE, TEAM } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import { startPluginBackend } from '../__testUtils__/pluginBackend';
import { DETECTION_TASK_ID } from '../stressors';
import { SCORECARD_TASK_ID } from '../scorecard';

jest.setTimeout(120_000);

const API = '/api/sre-health';
const config = { sreHealth: { sreGroups: ['group:default/sre'] } };

/**
 * The wiring of plugin.ts: the scheduled detection run and scorecard sync feed the
 * notifications, each condition told once to the owning team however often they run.
 */
describe('notifications through the plugin', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    const send = jest.fn(async (_options: any) => {});
    let run: (taskId: string) => Promise<void>;
    const post = (path: string, body: object) =>
      request(server)
        .post(`${API}${path}`)
        .set({ Authorization: mockCredentials.user.header(SRE) })
        .send(body);
    /** How many notifications each scope got. */
    const perScope = () => {
      const counts = new Map<string, number>();
      for (const [options] of send.mock.calls) {
        const scope = options.payload.scope as string;
        counts.set(scope, (counts.get(scope) ?? 0) + 1);
      }
      return counts;
    };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ server, run } = await startPluginBackend({ knex, config, send }));
    });

    afterAll(async () => {
      await knex.destroy();
    });

    it('tells the owning team once per condition across scheduled runs', async () => {
      await post('/stressor-flags', {
        entityRef: SERVICE,
        stressorKey: 'next-big-thing',
        stressLevel: 5,
        evidence: 'the v2 rewrite will fix it, says everyone',
      }).expect(201);
      await run(DETECTION_TASK_ID);
      await run(DETECTION_TASK_ID);

      const stressorHigh = `sre-health:stressor-high:${SERVICE}:next-big-thing`;
      expect(perScope().get(stressorHigh)).toBe(1);
      const [told] = send.mock.calls.find(
        ([o]) => o.payload.scope === stressorHigh,
      )!;
      expect(told.recipients).toEqual({ type: 'entity', entityRef: TEAM });

      // 30 minutes at 2% errors against 99.9%: the 1h and 5m burn rates page
      await post('/slo-events', {
        entityRef: SERVICE,
        slo: 'availability',
        buckets: Array.from({ length: 30 }, (_, i) => ({
          start: new Date(
            Math.floor(Date.now() / 60_000) * 60_000 - (i + 1) * 60_000,
          ).toISOString(),
          good: 98,
          total: 100,
        })),
      }).expect(202);
      await run(SCORECARD_TASK_ID);
      await run(SCORECARD_TASK_ID);
      await run(DETECTION_TASK_ID);

      const counts = perScope();
      expect(counts.get(`sre-health:slo-page:${SERVICE}:availability`)).toBe(1);
      // whatever else the detectors found, nothing was told twice
      expect([...counts.values()].every(n => n === 1)).toBe(true);
    });
  });
});
