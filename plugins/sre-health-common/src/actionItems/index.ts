/**
 * Postmortem action-item classifier: the rule-based signal behind the
 * `rollback-only-postmortems` stressor.
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
export { classifyPostmortem } from './classifyPostmortem';
export type {
  ActionItemInput,
  ClassifiedActionItem,
  PostmortemClassification,
} from './classifyPostmortem';
