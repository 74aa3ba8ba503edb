import type { ActionItemRule } from './rules';

/** Why a hit did or did not count. @public */
export type ActionItemHitStatus =
  | 'counted'
  | 'negated'
  | 'context'
  | 'judged'
  | 'modifier'
  | 'overlapped';

/** Negations: discard a hit of any class when among the four words before it. */
const NEGATION =
  /\b(?:not|no|never|don'?t|do\s+not|doesn'?t|didn'?t|won'?t|cannot|can'?t|instead\s+of|rather\s+than|without|other\s+than|beyond|besides|apart\s+from|except|nor|no\s+longer|no\s+more)\b/;
/** Context: the hit is mentioned, not done. Not applied to investigation rules. */
const CONTEXT =
  /\b(?:why|whether|if|when|after|since|before|until|how|once|caused\s+by|due\s+to|because|during|following)\b/;
/** A judgement right after the hit: "roll back is not enough", "the revert alone". */
const JUDGED_AFTER =
  /^\W{0,3}(?:\S+\s+){0,2}?(?:(?:is|was|are|were|isn'?t|wasn'?t)\s+)?(?:not\s+|n'?t\s+)?(?:enough|sufficient|insufficient|alone|only\s+hides|won'?t\s+fix|doesn'?t\s+fix|didn'?t\s+(?:help|work|fix)|did\s+not\s+(?:help|work|fix)|took)\b/;
/** The hit modifies a noun: "rollback procedure", "failover steps". */
const MODIFIES_NOUN =
  /^[\s-]+(?:procedures?|plans?|playbooks?|runbooks?|scripts?|buttons?|tool(?:s|ing)?|mechanisms?|paths?|steps?|automation|capabilit(?:y|ies)|process(?:es)?|strateg(?:y|ies)|windows?|speed|drills?|commands?|safety|support|docs?|documentation|instructions|guides?|polic(?:y|ies)|criteria|decisions?|testing|exercises?|tests?|latency)\b/;
/** Modified by a word that makes it a capability, not an action: "automated failover". */
const MODIFIED_BY =
  /\b(?:automatic|automated|auto|one-click|faster|quicker|safer|easier|reliable|tested|progressive|partial|self-service)[\s-]*$/;

function lastWords(s: string, n: number): string {
  return s.trim().split(/\s+/).slice(-n).join(' ');
}

/** Whether a hit counts, from the words around it (step 3 of the classifier). */
export function statusOf(
  text: string,
  rule: ActionItemRule,
  index: number,
  end: number,
  clause: string,
  verbObject: boolean,
): ActionItemHitStatus {
  const before = lastWords(clause, 4);
  if (NEGATION.test(before)) return 'negated';
  if (rule.class !== 'investigation' && CONTEXT.test(before)) return 'context';
  const after = text.slice(end);
  if (JUDGED_AFTER.test(after)) return 'judged';
  // Only a verb can be used as a modifier ("rollback procedure"); a verb-object hit
  // already names its object ("update onboarding docs"), and a cue is a noun anyway.
  const modifier =
    (!verbObject && rule.kind === 'action' && MODIFIES_NOUN.test(after)) ||
    MODIFIED_BY.test(text.slice(0, index));
  if (modifier) return 'modifier';
  return 'counted';
}
