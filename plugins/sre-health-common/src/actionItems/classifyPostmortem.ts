import {
  isActionItemClass,
  zeroPerClass,
  type ActionItemClass,
} from './classes';
import {
  classifyActionItem,
  type ActionItemClassification,
} from './classifyActionItem';
import { isActionItemOverdue, type ActionItemState } from './states';

/*
 * The postmortem signal of the `rollback-only-postmortems` stressor. The chapter's point is
 * postmortems whose action items only undo the change; what makes that visible is that no
 * item goes near the cause. "Revert the timeout" plus "Restart the pods", "Add 4 more
 * servers" or "Update the runbook with the revert steps" escapes an "every item is a
 * rollback" rule, though nothing in it finds out why the change broke.
 */

/**
 * The classes aimed at the cause: finding out why it happened, or stopping it from
 * happening again. Rollback, mitigation, process and other items may all be right to do,
 * but none of them goes near the cause.
 * @public
 */
export const CAUSE_CLASSES: ReadonlyArray<ActionItemClass> = [
  'investigation',
  'prevention',
];

/** An action item, optionally with the class an SRE corrected it to. @public */
export interface ActionItemInput {
  text: string;
  /** Set by an SRE; wins over the rules. */
  correctedClass?: ActionItemClass | null;
  /** Absent: open. */
  state?: ActionItemState | null;
  /** YYYY-MM-DD: by when it should be done. */
  dueDate?: string | null;
}

/** @public */
export interface ClassifiedActionItem extends ActionItemClassification {
  text: string;
  /** `correction`: an SRE set the class; `rules`: the rule table did. */
  source: 'rules' | 'correction';
  /** What the rules said, also when a correction overrides it. */
  ruleClass: ActionItemClass;
  /** Its class investigates or prevents: see {@link CAUSE_CLASSES}. */
  aimedAtCause: boolean;
  /** Still open after its due date. */
  overdue: boolean;
}

/** @public */
export interface PostmortemClassification {
  /** One entry per action item, in input order. */
  classes: ClassifiedActionItem[];
  /** Items per class (blank items not counted). */
  counts: Record<ActionItemClass, number>;
  /** Items aimed at the cause that still count: done, or open and not past their due date. */
  causeItems: number;
  /** Open items past their due date, of any class. */
  overdueItems: number;
  /** Items aimed at the cause but left open past their due date: they no longer count. */
  overdueCauseItems: number;
  /**
   * The signal of the `rollback-only-postmortems` stressor: no action item aimed at the
   * cause (nothing investigates or prevents). An item aimed at the cause that is left open
   * past its due date does not count; a postmortem without action items has none.
   */
  noItemAimedAtCause: boolean;
}

/** @public */
export interface ClassifyPostmortemOptions {
  /** The moment due dates are judged at; now by default. */
  now?: Date;
}

function classifyItem(item: ActionItemInput, now: Date): ClassifiedActionItem {
  const byRules = classifyActionItem(item.text);
  const corrected = isActionItemClass(item.correctedClass);
  const base = corrected
    ? {
        class: item.correctedClass as ActionItemClass,
        confidence: 1,
        matched: [],
        source: 'correction' as const,
      }
    : { ...byRules, source: 'rules' as const };
  return {
    ...base,
    text: item.text,
    ruleClass: byRules.class,
    aimedAtCause: CAUSE_CLASSES.includes(base.class),
    overdue: isActionItemOverdue(item, now),
  };
}

/**
 * Classifies every action item of a postmortem (SRE corrections win over the rules) and
 * tells whether any of them is aimed at the cause. Blank items are listed but ignored for
 * the counts and the signal.
 * @public
 */
export function classifyPostmortem(
  items: ReadonlyArray<ActionItemInput>,
  options: ClassifyPostmortemOptions = {},
): PostmortemClassification {
  const now = options.now ?? new Date();
  const classes = items.map(item => classifyItem(item, now));
  const considered = classes.filter(
    c => c.source === 'correction' || c.text.trim() !== '',
  );
  const counts = zeroPerClass();
  for (const c of considered) counts[c.class] += 1;
  const causeItems = considered.filter(c => c.aimedAtCause && !c.overdue);
  return {
    classes,
    counts,
    causeItems: causeItems.length,
    overdueItems: considered.filter(c => c.overdue).length,
    overdueCauseItems: considered.filter(c => c.aimedAtCause && c.overdue)
      .length,
    noItemAimedAtCause: causeItems.length === 0,
  };
}
