import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import sreHealthPlugin from '@sre-health/backstage-plugin-sre-health-backend';
import request from 'supertest';
import { sreHealthModuleDemoData } from './module';

jest.setTimeout(60_000);

/** The plugin with this module, on the test backend's SQLite, with `sreHealth` config. */
async function start(sreHealth: object) {
  const scheduled: string[] = [];
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: async (task: SchedulerServiceTaskInvocationDefinition) => {
      scheduled.push(task.id);
    },
  });
  const backend = await startTestBackend({
    features: [
      sreHealthPlugin,
      sreHealthModuleDemoData,
      catalogServiceMock.factory({ entities: [] }),
      scheduler.factory,
      mockServices.rootConfig.factory({ data: { sreHealth } }),
    ],
  });
  const fires = await request(backend.server)
    .get('/api/sre-health/fires')
    .query({ entityRef: 'component:default/payments-api' })
    .set('Authorization', mockCredentials.user.header())
    .expect(200);
  await backend.stop();
  return { scheduled, fires: fires.body as unknown[] };
}

describe('sreHealthModuleDemoData', () => {
  it('seeds the demo organisation through the plugin when sreHealth.demoData is true', async () => {
    const { scheduled, fires } = await start({ demoData: true });
    expect(fires).toHaveLength(4);
    expect(scheduled).toContain('sre-health-demo-slo-traffic');
  });

  it('seeds nothing by default', async () => {
    const { scheduled, fires } = await start({});
    expect(fires).toEqual([]);
    expect(scheduled).not.toContain('sre-health-demo-slo-traffic');
  });

  it('refuses a demoData that is not a boolean, naming the key', async () => {
    await expect(start({ demoData: 'maybe' })).rejects.toThrow(
      'sreHealth.demoData',
    );
  });
});
