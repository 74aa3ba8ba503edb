export { StressorFlagsCard, buildStressorRows } from './StressorFlagsCard';
export type { StressorFlagsCardProps, StressorRow } from './StressorFlagsCard';
