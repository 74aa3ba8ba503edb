export { ResponsiveChart } from './ResponsiveChart';
export type { ChartSize } from './ResponsiveChart';
export {
  capDot,
  capStroke,
  formatWeekTick,
  weekAxisProps,
  weekTime,
} from './weeklyShare';
