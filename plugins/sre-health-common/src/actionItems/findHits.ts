import type { ActionItemClass } from './classes';
import { statusOf, type ActionItemHitStatus } from './hitStatus';
import { ACTION_ITEM_RULES, type ActionItemRule } from './rules';

/** Words that may precede the leading verb without taking the lead from it. */
const LEAD_FILLER =
  /^(?:(?:please|pls|also|then|and|first|we|i|you|team|should|must|need|needs|to|will|shall|let'?s|lets|can|could|would|just|immediately|asap|quickly|eventually|later|permanently|properly|finally|again|so|ideally|actually|maybe)\s+)*$/;
/** Clause boundaries: sentence punctuation followed by a space, dashes, and/then/but/or. */
const CLAUSE_BOUNDARY =
  /[.;:!?,](?=\s|$)|[()[\]]|\s[-–—>]+\s|\b(?:and|then|but|or|also|so\s+that)\b/g;

interface CompiledRule {
  rule: ActionItemRule;
  regex: RegExp;
  verbObject: boolean;
}

const GAP_WORD = '[^\\s;:!?,]*[^\\s;:!?,.]';

function compile(rule: ActionItemRule): CompiledRule {
  const start = rule.atStart ? '^' : '\\b';
  if (rule.verb && rule.object) {
    const gap = `((?:\\s+${GAP_WORD}){0,${rule.maxGap ?? 5}}?)`;
    return {
      rule,
      regex: new RegExp(
        `${start}(?:${rule.verb})\\b${gap}\\s+[(["']?(?:${rule.object})\\b`,
        'g',
      ),
      verbObject: true,
    };
  }
  return {
    rule,
    regex: new RegExp(`${start}(?:${rule.phrase})\\b`, 'g'),
    verbObject: false,
  };
}

const COMPILED: ReadonlyArray<CompiledRule> = ACTION_ITEM_RULES.map(compile);

/** One rule matching one place of an item. @public */
export interface ActionItemHit {
  ruleId: string;
  class: ActionItemClass;
  kind: ActionItemRule['kind'];
  /** The matched words of the normalised text. */
  text: string;
  index: number;
  /** Weight after the verb-object distance penalty, before the lead bonus. */
  weight: number;
  /** Leads the item or a clause (counts double). */
  lead: boolean;
  status: ActionItemHitStatus;
}

function clauseStart(text: string, index: number): number {
  let start = 0;
  for (const m of text.matchAll(CLAUSE_BOUNDARY)) {
    const end = (m.index ?? 0) + m[0].length;
    if (end > index) break;
    start = end;
  }
  return start;
}

/** Every rule hit of a normalised item, in text order, each with whether it counts. */
export function findHits(text: string): ActionItemHit[] {
  const hits: ActionItemHit[] = [];
  for (const { rule, regex, verbObject } of COMPILED) {
    for (const m of text.matchAll(regex)) {
      const index = m.index ?? 0;
      const end = index + m[0].length;
      let weight = rule.weight;
      if (verbObject) {
        const gapWords = (m[1] ?? '').trim().split(/\s+/).filter(Boolean);
        if (gapWords.length > 2) weight = Math.max(1, weight - 1);
      }
      const clause = text.slice(clauseStart(text, index), index);
      hits.push({
        ruleId: rule.id,
        class: rule.class,
        kind: rule.kind,
        text: m[0],
        index,
        weight,
        lead: LEAD_FILLER.test(clause.trim() ? `${clause.trim()} ` : ''),
        status: statusOf(text, rule, index, end, clause, verbObject),
      });
    }
  }
  // One phrase, one meaning: where counted hits overlap, the stronger (then longer, then
  // earlier) one keeps the words.
  const counted = hits
    .filter(h => h.status === 'counted')
    .sort(
      (a, b) =>
        b.weight - a.weight ||
        b.text.length - a.text.length ||
        a.index - b.index,
    );
  const kept: ActionItemHit[] = [];
  for (const h of counted) {
    const overlaps = kept.some(
      k =>
        h.index < k.index + k.text.length && k.index < h.index + h.text.length,
    );
    if (overlaps) h.status = 'overlapped';
    else kept.push(h);
  }
  return hits.sort((a, b) => a.index - b.index || b.weight - a.weight);
}
