export {
  WeeklyOpsShareChart,
  opsShareChartData,
  periodOf,
} from './WeeklyOpsShareChart';
export type {
  OpsPeriod,
  OpsShareSpan,
  OpsShareWeek,
  WeeklyOpsShareChartProps,
} from './WeeklyOpsShareChart';
