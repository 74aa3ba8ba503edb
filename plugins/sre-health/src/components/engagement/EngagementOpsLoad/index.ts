export {
  EngagementOpsLoad,
  engagementOpsWeeks,
  periodShares,
} from './EngagementOpsLoad';
export type { EngagementOpsLoadProps } from './EngagementOpsLoad';
