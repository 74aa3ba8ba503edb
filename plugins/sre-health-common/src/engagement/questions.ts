/*
 * The book: "ask leading questions, not loaded ones". A leading question lets the team reach
 * the answer ("What would tell us this alert matters?"); a loaded one carries blame or the
 * expected answer ("Why didn't you fix the alert?"). The hint is advice, never a rule.
 */

const LOADED_PATTERNS: Array<{ pattern: RegExp; why: string }> = [
  {
    pattern:
      /\bwhy (didn'?t|did not|haven'?t|have not|don'?t|do not|wasn'?t|weren'?t|isn'?t) (you|they|we|he|she)\b/i,
    why: 'asks people to defend what they did not do; ask what the system showed them instead',
  },
  {
    pattern:
      /\bwho (broke|caused|forgot|missed|is to blame|was responsible)\b/i,
    why: 'looks for a culprit; postmortems are blameless',
  },
  {
    pattern:
      /\b(shouldn'?t|should not|wouldn'?t|would not|couldn'?t) (you|they|we)\b/i,
    why: 'carries the expected answer',
  },
  {
    pattern: /\b(obviously|clearly|surely|of course)\b/i,
    why: 'presumes the answer',
  },
  {
    pattern: /\bdon'?t you (think|agree|see)\b/i,
    why: 'asks for agreement rather than reasoning',
  },
  {
    pattern: /\bisn'?t it (true|obvious|clear)\b/i,
    why: 'asks for agreement rather than reasoning',
  },
];

/**
 * Why `question` sounds loaded rather than leading, or undefined when it does not.
 * @public
 */
export function loadedQuestionHint(question: string): string | undefined {
  const match = LOADED_PATTERNS.find(p => p.pattern.test(question));
  return match
    ? `This sounds like a loaded question: it ${match.why}.`
    : undefined;
}
