import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/** The store runs on the portal's embedded SQLite and on a real PostgreSQL server. */
const IDS: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];

/**
 * TestDatabases for the store tests. PostgreSQL runs when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set; with
 * SRE_HEALTH_REQUIRE_POSTGRES=1 (the README test command and CI) a missing server fails
 * the run instead of being skipped silently.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({ ids: IDS });
  if (
    process.env.SRE_HEALTH_REQUIRE_POSTGRES === '1' &&
    !databases.supports('POSTGRES_15')
  ) {
    throw new Error(
      'SRE_HEALTH_REQUIRE_POSTGRES=1 but no PostgreSQL is configured: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
    );
  }
  return databases;
}
