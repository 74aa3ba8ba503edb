/**
 * Postmortem action-item classifier: the rule-based signal behind the
 * `rollback-only-postmortems` stressor.
 */
export {
  ACTION_ITEM_CLASSES,
  ACTION_ITEM_CLASS_INFO,
  ACTION_ITEM_RULES,
  BETTER_ACTION_ITEM_EXAMPLE,
  classifyActionItem,
  classifyPostmortem,
  explainActionItem,
  isActionItemClass,
  normalizeActionItem,
} from './classifyActionItem';
export type {
  ActionItemClass,
  ActionItemClassInfo,
  ActionItemClassification,
  ActionItemExplanation,
  ActionItemHit,
  ActionItemHitStatus,
  ActionItemInput,
  ActionItemRule,
  ClassifiedActionItem,
  PostmortemClassification,
} from './classifyActionItem';
