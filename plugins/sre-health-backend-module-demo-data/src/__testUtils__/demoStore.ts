import type {
  DatabaseService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import { SreHealthStore } from '@sre-health/backstage-plugin-sre-health-backend/seeding';

/** When the demo is seeded in these tests: the "now" its fixtures are written against. */
export const DEMO_NOW = new Date('2026-11-25T12:30:00Z');

/** One of the module's seeds, as it runs them at startup. */
export type DemoSeed = (
  store: SreHealthStore,
  logger: LoggerService,
  now: Date,
) => Promise<unknown>;

/** A store on a fresh database of `id`, with `seeds` run in order at `now`. */
export async function demoStore(
  databases: TestDatabases,
  id: TestDatabaseId,
  seeds: DemoSeed[] = [],
  now: Date = DEMO_NOW,
) {
  const knex = await databases.init(id);
  const store = await SreHealthStore.create({
    database: { getClient: async () => knex } as DatabaseService,
  });
  const logger = mockServices.logger.mock();
  for (const seed of seeds) await seed(store, logger, now);
  return { knex, store, logger, now };
}
