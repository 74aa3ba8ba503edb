export { EngagementRecordStore } from './EngagementRecordStore';
export { EngagementLifecycleService } from './EngagementLifecycleService';
export type { EngagementLifecycleServiceOptions } from './EngagementLifecycleService';
export { EngagementEntryService } from './EngagementEntryService';
export type { EngagementEntryServiceOptions } from './EngagementEntryService';
export { AfterActionReportService } from './AfterActionReportService';
export type { AfterActionReportServiceOptions } from './AfterActionReportService';
export { EngagementFiguresReader, sloFiguresFrom } from './figures';
export type { SloFigureReader } from './figures';
export {
  LoggingEngagementNotifier,
  NotificationsEngagementNotifier,
} from './notifier';
export type { EngagementNotifier, NotificationSender } from './notifier';
export { createEngagementRouter } from './router';
export type { EngagementRouterOptions } from './router';
export { createEngagementFeature } from './feature';
export { ENTRY_KINDS } from './entryKinds';
export { readEngagementFinds } from './discoveries';
export type { EngagementFeatureDeps } from './feature';
