export { SloStatusCard, SloStatusChip } from './SloStatusCard';
export type { SloStatusCardProps } from './SloStatusCard';
