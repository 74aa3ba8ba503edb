import type { ActionItemClass } from '../classes';

/**
 * One row of the rule table. A rule is either a `phrase`, or a `verb` followed within
 * `maxGap` words by an `object`. Patterns are lower-case regular-expression sources;
 * word boundaries are added around them.
 * @public
 */
export interface ActionItemRule {
  id: string;
  class: ActionItemClass;
  /**
   * `action`: states what the item will do (a verb phrase); only actions can outvote a
   * rollback. `cue`: supporting context ("temporarily", "canary", "why").
   */
  kind: 'action' | 'cue';
  /** 1 weak, 2 medium, 3 strong; doubled when the hit leads the item or a clause. */
  weight: number;
  phrase?: string;
  verb?: string;
  object?: string;
  /** Words allowed between verb and object (default 5). */
  maxGap?: number;
  /** Only matches at the very start of the (normalised) item. */
  atStart?: boolean;
}
