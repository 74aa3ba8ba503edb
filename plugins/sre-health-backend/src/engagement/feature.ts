import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type express from 'express';
import type { SreHealthStore } from '../database';
import type { Access } from '../service/access';
import type { SloService } from '../slo/SloService';
import { EngagementRecordStore } from './EngagementRecordStore';
import { EngagementService } from './EngagementService';
import { EngagementFiguresReader, sloFiguresFrom } from './figures';
import {
  LoggingEngagementNotifier,
  NotificationSender,
  NotificationsEngagementNotifier,
} from './notifier';
import { createEngagementRouter } from './router';

/**
 * The engagement record of a plugin instance: its store, rules and routes. Without
 * `notifications` (the notifications service), phase changes are only logged.
 * @internal
 */
export function createEngagementFeature(options: {
  store: SreHealthStore;
  access: Access;
  catalog: CatalogService;
  slos: SloService;
  /** `sreHealth.sreGroups`, canonical group refs. */
  sreGroups: string[];
  logger: LoggerService;
  notifications?: NotificationSender;
}): express.Router {
  const logger = options.logger.child({ feature: 'engagement-record' });
  const engagements = new EngagementService({
    store: options.store,
    records: new EngagementRecordStore(options.store.db, options.store.audit),
    figures: new EngagementFiguresReader({
      store: options.store,
      catalog: options.catalog,
      slos: sloFiguresFrom(options.slos),
    }),
    access: options.access,
    notifier: options.notifications
      ? new NotificationsEngagementNotifier(options.notifications, logger)
      : new LoggingEngagementNotifier(logger),
    sreGroups: options.sreGroups,
    logger,
  });
  return createEngagementRouter({ engagements, access: options.access });
}
