export { ResponsiveChart } from './ResponsiveChart';
export type { ChartSize } from './ResponsiveChart';
export {
  capColors,
  capDot,
  capStroke,
  formatWeekTick,
  weekAxisProps,
  weekTime,
} from './weeklyShare';
