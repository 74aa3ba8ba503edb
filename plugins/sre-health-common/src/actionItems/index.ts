/**
 * Postmortem action-item classifier, and the signal behind the `rollback-only-postmortems`
 * stressor: no action item aimed at the cause, across recent postmortems.
 */
export {
  ACTION_ITEM_CLASSES,
  ACTION_ITEM_CLASS_INFO,
  BETTER_ACTION_ITEM_EXAMPLE,
  isActionItemClass,
} from './classes';
export type { ActionItemClass, ActionItemClassInfo } from './classes';
export { ACTION_ITEM_RULES } from './rules';
export type { ActionItemRule } from './rules';
export { normalizeActionItem } from './normalize';
export type { ActionItemHitStatus } from './hitStatus';
export type { ActionItemHit } from './findHits';
export { classifyActionItem, explainActionItem } from './classifyActionItem';
export type {
  ActionItemClassification,
  ActionItemExplanation,
} from './classifyActionItem';
export { ACTION_ITEM_STATES, isActionItemOverdue } from './states';
export type { ActionItemState } from './states';
export { CAUSE_CLASSES, classifyPostmortem } from './classifyPostmortem';
export type {
  ActionItemInput,
  ClassifiedActionItem,
  ClassifyPostmortemOptions,
  PostmortemClassification,
} from './classifyPostmortem';
export {
  NEXT_POSTMORTEM_SUGGESTION,
  RECENT_POSTMORTEMS,
  describePostmortemPattern,
  postmortemPattern,
  recentPostmortems,
} from './postmortemPattern';
export type {
  PostmortemForPattern,
  PostmortemPattern,
} from './postmortemPattern';
