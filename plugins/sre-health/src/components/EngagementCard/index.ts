export { EngagementCard, OpsShare } from './EngagementCard';
export type { EngagementCardProps } from './EngagementCard';
