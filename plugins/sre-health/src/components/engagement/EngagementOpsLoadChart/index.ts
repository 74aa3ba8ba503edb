export {
  EngagementOpsLoadChart,
  engagementOpsData,
  periodShares,
} from './EngagementOpsLoadChart';
export type {
  EngagementOpsLoadChartProps,
  EngagementOpsDatum,
  OpsPeriod,
} from './EngagementOpsLoadChart';
