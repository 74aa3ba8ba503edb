export { ResponsiveChart } from './ResponsiveChart';
export type { ChartSize } from './ResponsiveChart';
