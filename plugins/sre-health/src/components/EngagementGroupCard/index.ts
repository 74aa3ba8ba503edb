export { EngagementGroupCard } from './EngagementGroupCard';
