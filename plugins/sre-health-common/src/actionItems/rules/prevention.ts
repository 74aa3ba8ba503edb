import type { ActionItemRule } from './types';
import { SAFEGUARDS, SAFEGUARD_VERBS } from './wordLists';

/** Rules of the `prevention` class: fixing the cause, catching it sooner. @internal */
export const PREVENTION_RULES: ReadonlyArray<ActionItemRule> = [
  {
    id: 'add alert / test / limit',
    class: 'prevention',
    kind: 'action',
    weight: 3,
    verb: SAFEGUARD_VERBS,
    object: SAFEGUARDS,
  },
  {
    id: 'alert on',
    class: 'prevention',
    kind: 'action',
    weight: 3,
    phrase: '(?:alert|alarm|page)(?:s|ing)?\\s+(?:on|when|if|for|before|at)',
  },
  {
    id: 'fix',
    class: 'prevention',
    kind: 'action',
    weight: 2,
    phrase:
      'fix(?:es|ed|ing)?|patch(?:es|ed|ing)?|correct(?:s|ed|ing)?|repair(?:s|ed|ing)?|resolv(?:e|es|ed|ing)|address(?:es|ed|ing)?|handl(?:e|es|ed|ing)',
  },
  {
    id: 'automate',
    class: 'prevention',
    kind: 'action',
    weight: 3,
    phrase: 'automat\\w*',
  },
  {
    id: 'enforce / validate',
    class: 'prevention',
    kind: 'action',
    weight: 3,
    phrase:
      'enforc(?:e|es|ed|ing)|prevent(?:s|ed|ing)?|forbid\\w*|disallow\\w*|reject(?:s|ed|ing)?|guard(?:s|ed|ing)?\\s+against|validat\\w*|sanitiz\\w*|de-?duplicat\\w*',
  },
  {
    id: 'block bad changes',
    class: 'prevention',
    kind: 'action',
    weight: 3,
    verb: 'block(?:s|ed|ing)?|gat(?:e|es|ed|ing)|halt(?:s|ed|ing)?|stop(?:s|ped|ping)?|fail(?:s|ed|ing)?|abort(?:s|ed|ing)?',
    object:
      'deploys?|deployments?|merges?|releases?|rollouts?|pushes|builds?|pipelines?|changes|prs?|pull\\s+requests?',
    maxGap: 3,
  },
  {
    id: 'make it safe',
    class: 'prevention',
    kind: 'action',
    weight: 3,
    verb: 'mak(?:e|es|ing)|render',
    object:
      'configurable|idempotent|resilient|robust|safe|safer|atomic|bounded|fail(?:s|ing)?|fail[\\s-]?(?:fast|safe|closed|open)|tolerant|retryable|retriable|reversible|block|reject|refuse|abort|alert|page|degrade\\w*|redundant|stateless|observable|visible|paginated|async|asynchronous|backward[\\s-]compatible',
  },
  {
    id: 'ensure',
    class: 'prevention',
    kind: 'action',
    weight: 2,
    phrase: 'ensur(?:e|es|ed|ing)|make\\s+sure|guarantee(?:s|d)?',
  },
  {
    id: 'single point of failure',
    class: 'prevention',
    kind: 'action',
    weight: 3,
    phrase: 'single\\s+points?\\s+of\\s+failure|spofs?',
  },
  {
    id: 'safeguard words',
    class: 'prevention',
    kind: 'cue',
    weight: 2,
    phrase:
      'canar(?:y|ies)|circuit[\\s-]?breakers?|backoff|jitter|rate[\\s-]?limit\\w*|quotas?|redundan\\w*|chaos|load[\\s-]?tests?|lint(?:er|ers|ing)?|(?:regression|integration|unit|e2e|end-to-end|contract)\\s+tests?|idempoten\\w*|guardrails?|safeguards?|kill[\\s-]?switch\\w*',
  },
  {
    id: 'observability words',
    class: 'prevention',
    kind: 'cue',
    weight: 1,
    phrase: 'alert(?:s|ing)?|monitoring|dashboards?|observability|slos?',
  },
];
