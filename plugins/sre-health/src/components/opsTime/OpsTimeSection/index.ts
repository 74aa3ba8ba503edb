export { OpsTimeSection } from './OpsTimeSection';
export type { OpsTimeSectionProps } from './OpsTimeSection';
