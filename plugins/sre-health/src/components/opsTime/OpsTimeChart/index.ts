export { OpsTimeChart } from './OpsTimeChart';
export type { OpsTimeChartProps } from './OpsTimeChart';
