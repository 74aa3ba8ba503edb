/*
 * Postmortem action-item classifier: a transparent, rule-based classifier (no model, no
 * network) that sorts an action item into one of six classes. It drives the
 * `rollback-only-postmortems` stressor of SRE book chapter 30: postmortems whose action
 * items only undo the change that caused the outage ("revert the streaming timeout to
 * 60 s") instead of finding out why it broke ("find out why the first 1 MB of the promo
 * video takes 60 s"). The signal is no item aimed at the cause (classifyPostmortem.ts).
 *
 * How an item is classified (see ACTION_ITEM_RULES in rules/ for the table):
 * 1. Normalise: lower case; strip bullets, checkboxes, ticket prefixes ("JIRA-123:"),
 *    tags ("AI:", "P1:"), @mentions and "file a ticket to"; expand abbreviations
 *    ("RB" -> roll back, "RCA" -> root cause analysis, "w/" -> with, "&" -> and).
 * 2. Match every rule. A rule is a phrase, or a verb followed within a few words by an
 *    object ("add ... alert"); the farther the object, the less it says (weight - 1 beyond
 *    two words in between). All patterns use word boundaries.
 * 3. Discard hits that are negated or merely mentioned:
 *    - a negation among the four words before the hit, in the same clause
 *      ("instead of rolling back", "don't just revert", "without a restart");
 *    - a context word before the hit, in the same clause ("if the revert ...", "after the
 *      rollback", "how to roll back", "why the restart ..."); it does not apply to
 *      investigation rules, for which "why" and "whether" are the point;
 *    - a judgement right after the hit ("roll back is not enough", "the revert alone");
 *    - the hit used as a modifier ("rollback procedure", "failover steps", "automated
 *      failover").
 * 4. Where hits overlap, the stronger (then longer) one keeps the words: one phrase has one
 *    meaning ("disable the feature flag" is a flag rollback, not also a generic "disable").
 * 5. A hit at the start of the item or of a clause (after ":", ";", ",", "and", "then",
 *    ignoring "please", "we should", ...) counts double: the leading verb says what the
 *    item is for. Per class, each rule counts once (its best hit); the class score is the
 *    sum.
 * 6. Decide: the highest score wins. Ties go to the class whose first hit comes first
 *    (first verb wins), then to the order of ACTION_ITEM_CLASSES. One exception, because
 *    the stressor is about items that do nothing but undo: when rollback would win but the
 *    item also states a real non-rollback intent (an action rule scoring at least 3, e.g.
 *    "Revert config AND add alert on config drift"), the best non-rollback class wins.
 *    No hit at all: `other` with confidence 0.
 *
 * Disabling the feature flag that shipped the change is classed as `rollback`: it returns
 * the system to its previous behaviour without learning why the change broke it, which is
 * exactly what the stressor is about; only the mechanism differs from a redeploy.
 * Disabling anything else (a cron job, a consumer) is `mitigation`.
 */

import {
  ACTION_ITEM_CLASSES,
  zeroPerClass,
  type ActionItemClass,
} from './classes';
import { findHits, type ActionItemHit } from './findHits';
import { normalizeActionItem } from './normalize';

// the labelled fixtures import the class type from here
export type { ActionItemClass } from './classes';

/** A hit leading the item or a clause says what the item is for: it counts this many times. */
const LEAD_MULTIPLIER = 2;
/** A non-rollback action scoring at least this outvotes a rollback. */
const INTENT_THRESHOLD = 3;

/** @public */
export interface ActionItemClassification {
  class: ActionItemClass;
  /** 0..1: the winner's share of all evidence, damped when the evidence is thin. */
  confidence: number;
  /** The matched words that voted for the class, in text order. */
  matched: string[];
}

/** @public */
export interface ActionItemExplanation extends ActionItemClassification {
  normalized: string;
  scores: Record<ActionItemClass, number>;
  hits: ActionItemHit[];
  decidedBy: 'highest-score' | 'non-rollback-intent' | 'no-rule';
}

function score(
  hits: ReadonlyArray<ActionItemHit>,
  onlyActions: boolean,
): Record<ActionItemClass, number> {
  const bestPerRule = new Map<string, ActionItemHit & { points: number }>();
  for (const h of hits) {
    if (h.status !== 'counted' || (onlyActions && h.kind !== 'action'))
      continue;
    const points = h.lead ? h.weight * LEAD_MULTIPLIER : h.weight;
    const prev = bestPerRule.get(h.ruleId);
    if (!prev || points > prev.points)
      bestPerRule.set(h.ruleId, { ...h, points });
  }
  const scores = zeroPerClass();
  for (const h of bestPerRule.values()) scores[h.class] += h.points;
  return scores;
}

function pickBest(
  candidates: ReadonlyArray<ActionItemClass>,
  scores: Record<ActionItemClass, number>,
  firstIndex: Map<ActionItemClass, number>,
): ActionItemClass {
  return [...candidates].sort(
    (a, b) =>
      scores[b] - scores[a] ||
      (firstIndex.get(a) ?? Infinity) - (firstIndex.get(b) ?? Infinity) ||
      ACTION_ITEM_CLASSES.indexOf(a) - ACTION_ITEM_CLASSES.indexOf(b),
  )[0];
}

/**
 * Classifies an action item and says why: the normalised text, every rule hit (counted or
 * not, and why not), the per-class scores and the deciding rule.
 * @public
 */
export function explainActionItem(text: string): ActionItemExplanation {
  const normalized = normalizeActionItem(text);
  const hits = findHits(normalized);
  const scores = score(hits, false);
  const actionScores = score(hits, true);
  const scored = ACTION_ITEM_CLASSES.filter(c => scores[c] > 0);
  if (scored.length === 0) {
    return {
      class: 'other',
      confidence: 0,
      matched: [],
      normalized,
      scores,
      hits,
      decidedBy: 'no-rule',
    };
  }
  const firstIndex = new Map<ActionItemClass, number>();
  for (const h of hits) {
    if (h.status === 'counted' && !firstIndex.has(h.class)) {
      firstIndex.set(h.class, h.index);
    }
  }
  let winner = pickBest(scored, scores, firstIndex);
  let decidedBy: ActionItemExplanation['decidedBy'] = 'highest-score';
  if (winner === 'rollback') {
    const intents = scored.filter(
      c => c !== 'rollback' && actionScores[c] >= INTENT_THRESHOLD,
    );
    if (intents.length > 0) {
      winner = pickBest(intents, scores, firstIndex);
      decidedBy = 'non-rollback-intent';
    }
  }
  const total = scored.reduce((sum, c) => sum + scores[c], 0);
  const s = scores[winner];
  const confidence = Math.round((s / total) * (s / (s + 2)) * 100) / 100;
  const matched = [
    ...new Set(
      hits
        .filter(h => h.status === 'counted' && h.class === winner)
        .map(h => h.text),
    ),
  ];
  return {
    class: winner,
    confidence,
    matched,
    normalized,
    scores,
    hits,
    decidedBy,
  };
}

/**
 * Classifies one postmortem action item with the rule table.
 * @public
 */
export function classifyActionItem(text: string): ActionItemClassification {
  const { class: cls, confidence, matched } = explainActionItem(text);
  return { class: cls, confidence, matched };
}
