export { EngagementTimeline, compactEvents } from './EngagementTimeline';
export type { EngagementTimelineProps } from './EngagementTimeline';
