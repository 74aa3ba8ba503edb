import { INVESTIGATION_RULES } from './investigation';
import { MITIGATION_RULES } from './mitigation';
import { OTHER_RULES } from './other';
import { PREVENTION_RULES } from './prevention';
import { PROCESS_RULES } from './process';
import { ROLLBACK_RULES } from './rollback';
import type { ActionItemRule } from './types';

export type { ActionItemRule } from './types';

/**
 * The rule table: every rule the classifier knows (one file per class). Exported so that a UI
 * can show why an item got its class.
 * @public
 */
export const ACTION_ITEM_RULES: ReadonlyArray<ActionItemRule> = [
  // in the order of ACTION_ITEM_CLASSES: hits at one place are listed in rule order
  ...ROLLBACK_RULES,
  ...MITIGATION_RULES,
  ...INVESTIGATION_RULES,
  ...PREVENTION_RULES,
  ...PROCESS_RULES,
  ...OTHER_RULES,
];
