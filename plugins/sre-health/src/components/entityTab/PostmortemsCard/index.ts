export { PostmortemsCard, POSTMORTEMS_SHOWN } from './PostmortemsCard';
export type { PostmortemsCardProps } from './PostmortemsCard';
export { actionItemLines, withCorrectedClass } from './actionItems';
export { PostmortemLink, postmortemAnchor } from './PostmortemLink';
export {
  LED_POSTMORTEM_ITEM,
  LedPostmortemPicker,
} from './LedPostmortemPicker';
