import type { Server } from 'node:http';
import {
  SchedulerServiceTaskInvocationDefinition,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import type { ConfigReader } from '@backstage/config';
import type { Knex } from 'knex';
import { sreHealthPlugin } from '../plugin';
import { catalogEntities, ownershipOf } from './catalog';
import { sreHealthPolicyPermissions } from './permissions';

/**
 * The plugin in a real backend over the small catalog (`catalog.ts`), with `config` and the
 * portal's permission rule; its scheduled tasks are kept for the test to `run` by id, and
 * its notifications go to `send`.
 */
export async function startPluginBackend(options: {
  knex: Knex;
  config: ConstructorParameters<typeof ConfigReader>[0];
  send: (notification: any) => Promise<void>;
}): Promise<{ server: Server; run(taskId: string): Promise<void> }> {
  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  const permissions = sreHealthPolicyPermissions(options.config, {
    ownershipOf,
    entities: catalogEntities,
  });
  const { server } = await startTestBackend({
    features: [
      sreHealthPlugin,
      catalogServiceMock.factory({ entities: catalogEntities }),
      mockServices.database.factory({ knex: options.knex }),
      permissions.factory,
      mockServices.scheduler.mock({
        scheduleTask: async task => {
          tasks.push(task);
        },
      }).factory,
      mockServices.rootConfig.factory({ data: options.config }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: options.send }),
      }),
    ],
  });
  return {
    server,
    run: async taskId => {
      await tasks.find(t => t.id === taskId)!.fn(new AbortController().signal);
    },
  };
}
