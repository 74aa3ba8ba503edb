import {
  isActionItemClass,
  zeroPerClass,
  type ActionItemClass,
} from './classes';
import {
  classifyActionItem,
  type ActionItemClassification,
} from './classifyActionItem';

/** An action item, optionally with the class an SRE corrected it to. @public */
export interface ActionItemInput {
  text: string;
  /** Set by an SRE; wins over the rules. */
  correctedClass?: ActionItemClass | null;
}

/** @public */
export interface ClassifiedActionItem extends ActionItemClassification {
  text: string;
  /** `correction`: an SRE set the class; `rules`: the rule table did. */
  source: 'rules' | 'correction';
  /** What the rules said, also when a correction overrides it. */
  ruleClass: ActionItemClass;
}

/** @public */
export interface PostmortemClassification {
  /** One entry per action item, in input order. */
  classes: ClassifiedActionItem[];
  /** Items per class (blank items not counted). */
  counts: Record<ActionItemClass, number>;
  /**
   * The `rollback-only-postmortems` signal: at least one (non-blank) item, and every
   * (non-blank) item is a rollback.
   */
  rollbackOnly: boolean;
}

/**
 * Classifies every action item of a postmortem; SRE corrections win over the rules.
 * Blank items are listed but ignored for `counts` and `rollbackOnly`.
 * @public
 */
export function classifyPostmortem(
  items: ReadonlyArray<ActionItemInput>,
): PostmortemClassification {
  const classes = items.map((item): ClassifiedActionItem => {
    const byRules = classifyActionItem(item.text);
    if (isActionItemClass(item.correctedClass)) {
      return {
        text: item.text,
        class: item.correctedClass,
        confidence: 1,
        matched: [],
        source: 'correction',
        ruleClass: byRules.class,
      };
    }
    return {
      ...byRules,
      text: item.text,
      source: 'rules',
      ruleClass: byRules.class,
    };
  });
  const considered = classes.filter(
    c => c.source === 'correction' || c.text.trim() !== '',
  );
  const counts = zeroPerClass();
  for (const c of considered) counts[c.class] += 1;
  return {
    classes,
    counts,
    rollbackOnly:
      considered.length > 0 && considered.every(c => c.class === 'rollback'),
  };
}
