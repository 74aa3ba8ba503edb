import type { ActionItemRule } from './types';
import { AUDIENCES } from './wordLists';

/** Rules of the `other` class: neither the system nor how the team works. @internal */
export const OTHER_RULES: ReadonlyArray<ActionItemRule> = [
  {
    id: 'placeholder',
    class: 'other',
    kind: 'action',
    weight: 3,
    phrase:
      'n\\/?a|none|nil|tbd|tba|tbc|todo|nothing|no\\s+(?:further\\s+)?actions?(?:\\s+items?)?(?:\\s+(?:needed|required))?',
    atStart: true,
  },
  {
    id: 'credits / refunds',
    class: 'other',
    kind: 'cue',
    weight: 3,
    phrase:
      'credits?|refunds?|apolog\\w*|compensat\\w*|goodwill|reimburs\\w*|invoic\\w*',
  },
  {
    id: 'thanks',
    class: 'other',
    kind: 'action',
    weight: 3,
    phrase:
      'thank\\w*|kudos|celebrat\\w*|shout-?outs?|lunch|dinner|pizza|beers?|cake|congratulat\\w*',
  },
  {
    id: 'communicate',
    class: 'other',
    kind: 'action',
    weight: 3,
    verb: 'publish(?:es|ed|ing)?|shar(?:e|es|ed|ing)|send(?:s|ing)?|sent|email(?:s|ed|ing)?|post(?:s|ed|ing)?|announc(?:e|es|ed|ing)|circulat\\w*|present(?:s|ed|ing)?|notif(?:y|ies|ied|ying)|inform(?:s|ed|ing)?|tell|forward(?:s|ed|ing)?|communicat\\w*|ask(?:s|ed|ing)?',
    object: AUDIENCES,
    maxGap: 4,
  },
  {
    id: 'follow up with',
    class: 'other',
    kind: 'action',
    weight: 2,
    phrase:
      'follow(?:s|ed|ing)?[\\s-]?up\\s+with|repl(?:y|ies|ied|ying)\\s+to|respond(?:s|ed|ing)?\\s+to|sync\\s+with|reach\\s+out\\s+to|talk\\s+to|contact(?:s|ed|ing)?|chas(?:e|es|ed|ing)|ping',
  },
  {
    id: 'vendor / contract',
    class: 'other',
    kind: 'cue',
    weight: 2,
    phrase:
      're-?negotiat\\w*|negotiat\\w*|contracts?|vendors?|procurement|licen[cs]\\w*|budget\\w*|purchas\\w*|buy|bought',
  },
  {
    id: 'close ticket',
    class: 'other',
    kind: 'action',
    weight: 3,
    verb: 'clos(?:e|es|ed|ing)|archiv(?:e|es|ed|ing)|mark(?:s|ed|ing)?',
    object: 'tickets?|incidents?|issues?|jiras?|cases?',
    maxGap: 3,
  },
];
