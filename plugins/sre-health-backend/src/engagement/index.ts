export { EngagementRecordStore } from './EngagementRecordStore';
export { EngagementService } from './EngagementService';
export type { EngagementServiceOptions } from './EngagementService';
export { EngagementFiguresReader, sloFiguresFrom } from './figures';
export type { SloFigureReader } from './figures';
export {
  LoggingEngagementNotifier,
  NotificationsEngagementNotifier,
} from './notifier';
export type { EngagementNotifier, NotificationSender } from './notifier';
export { createEngagementRouter } from './router';
export type { EngagementRouterOptions } from './router';
export { seedEngagementDemo } from './demo';
export { createEngagementFeature } from './feature';
