import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  EngagementRecordStore,
  type SreHealthStore,
} from '@sre-health/backstage-plugin-sre-health-backend/seeding';
import { seedPaymentsRecord } from './paymentsRecord';
import { seedClosedSearchEngagement } from './searchEngagement';

/*
 * The demo organisation's engagement records: an earlier engagement with Search, closed with
 * its frozen after-action report, and the record of the engagement in progress with
 * Payments (which seedDemoData starts). Written once, guarded by a marker row.
 */

const MARKER = 'demo-engagement-record-seeded';

/** @internal */
export async function seedEngagementDemo(
  store: SreHealthStore,
  logger: LoggerService,
  now = new Date(),
): Promise<void> {
  if (!(await store.claimMeta(MARKER, now.toISOString()))) {
    return;
  }
  const records = new EngagementRecordStore(store.db, store.audit);
  await seedClosedSearchEngagement(store, records, now);
  await seedPaymentsRecord(store, records);
  logger.info('Seeded SRE Health demo engagement records');
}
