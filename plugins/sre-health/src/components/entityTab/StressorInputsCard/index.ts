export { StressorInputsCard } from './StressorInputsCard';
export type { StressorInputsCardProps } from './StressorInputsCard';
