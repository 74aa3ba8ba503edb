import Router from 'express-promise-router';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { SreHealthStore } from '../store';
import type { Access } from '../http/access';
import { createResourceRouter } from '../http/resourceRouter';
import type { SreHealthFeature } from '../feature';
import type { SloService } from '../slo';
import { AfterActionReportService } from './AfterActionReportService';
import { EngagementEntryService } from './EngagementEntryService';
import { EngagementLifecycleService } from './EngagementLifecycleService';
import { EngagementRecordStore } from './EngagementRecordStore';
import { EngagementFiguresReader, sloFiguresFrom } from './figures';
import {
  LoggingEngagementNotifier,
  NotificationSender,
  NotificationsEngagementNotifier,
} from './notifier';
import { engagementResource } from './resource';
import { createEngagementRouter } from './router';

/** What the engagement record needs from the plugin. @internal */
export interface EngagementFeatureDeps {
  store: SreHealthStore;
  access: Access;
  catalog: CatalogService;
  slos: SloService;
  /** `sreHealth.sreGroups`, canonical group refs. */
  sreGroups: string[];
  logger: LoggerService;
  /** The notifications service; without it, phase changes are only logged. */
  notifications?: NotificationSender;
  /** The interrupt ledger's evidence by kindling item id, quoted by the after-action report. */
  interruptEvidence?: (
    teamRef: string,
  ) => Promise<ReadonlyMap<string, string[]>>;
}

/**
 * The engagement of a plugin instance, from first day to after-action report: its
 * store, rules and routes. It has no scheduled work.
 * @internal
 */
export function createEngagementFeature(
  deps: EngagementFeatureDeps,
): SreHealthFeature & {
  /** The record's entries (decisions, ...), for the actions too. */
  entries: EngagementEntryService;
} {
  const { store, access } = deps;
  const logger = deps.logger.child({ feature: 'engagement-record' });
  const records = new EngagementRecordStore(store.db, store.audit);
  const figures = new EngagementFiguresReader({
    store,
    catalog: deps.catalog,
    slos: sloFiguresFrom(deps.slos),
  });
  const reports = new AfterActionReportService({
    store,
    records,
    figures,
    interruptEvidence: deps.interruptEvidence,
  });
  const engagements = new EngagementLifecycleService({
    store,
    records,
    figures,
    reports,
    access,
    catalog: deps.catalog,
    notifier: deps.notifications
      ? new NotificationsEngagementNotifier(deps.notifications, logger)
      : new LoggingEngagementNotifier(logger),
    sreGroups: deps.sreGroups,
    logger,
  });
  const entries = new EngagementEntryService({
    store,
    records,
    figures,
    access,
  });
  const router = Router();
  // the engagement as a record (`/engagements`), then its lifecycle and entries
  router.use(
    createResourceRouter(access, engagementResource({ store, engagements })),
  );
  router.use(createEngagementRouter({ engagements, entries, reports, access }));
  return { router, tasks: [], entries };
}
