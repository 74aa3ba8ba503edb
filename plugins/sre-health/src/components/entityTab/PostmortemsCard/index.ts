export { PostmortemsCard, POSTMORTEMS_SHOWN } from './PostmortemsCard';
export type { PostmortemsCardProps } from './PostmortemsCard';
export { actionItemLines, withCorrectedClass } from './actionItems';
