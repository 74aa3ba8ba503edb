export { EngagementCard, EngagementProgress, OpsShare } from './EngagementCard';
export type { EngagementCardProps } from './EngagementCard';
