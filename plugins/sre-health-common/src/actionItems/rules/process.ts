import type { ActionItemRule } from './types';
import { MEETINGS, PROCESS_OBJECTS, PROCESS_VERBS } from './wordLists';

/** Rules of the `process` class: how people work. @internal */
export const PROCESS_RULES: ReadonlyArray<ActionItemRule> = [
  {
    id: 'update runbook / docs',
    class: 'process',
    kind: 'action',
    weight: 3,
    verb: PROCESS_VERBS,
    object: PROCESS_OBJECTS,
    maxGap: 6,
  },
  {
    id: 'document',
    class: 'process',
    kind: 'action',
    weight: 3,
    phrase: 'document(?:s|ed|ing)?',
  },
  {
    id: 'train',
    class: 'process',
    kind: 'action',
    weight: 3,
    phrase:
      'train(?:s|ed|ing)?|teach(?:es|ing)?|educat\\w*|mentor\\w*|coach(?:es|ed|ing)?|shadow(?:s|ed|ing)?|onboard(?:s|ed|ing)?|upskill\\w*',
  },
  {
    id: 'hold a review / drill',
    class: 'process',
    kind: 'action',
    weight: 3,
    verb: 'schedul(?:e|es|ed|ing)|hold(?:s|ing)?|held|run(?:s|ning)?|organi[sz](?:e|es|ed|ing)|plan(?:s|ned|ning)?|book(?:s|ed|ing)?|set\\s+up|host(?:s|ed|ing)?|conduct(?:s|ed|ing)?|facilitat\\w*',
    object: MEETINGS,
  },
  {
    id: 'assign ownership',
    class: 'process',
    kind: 'action',
    weight: 3,
    verb: 'clarif\\w*|assign(?:s|ed|ing)?|defin(?:e|es|ed|ing)|agree(?:s|d|ing)?|decid(?:e|es|ed|ing)|nominat\\w*|appoint\\w*|designat\\w*|find|identif\\w*',
    object:
      'owners?|ownership|dris?|roles?|responsibilit(?:y|ies)|raci|on-?call|escalation\\s+paths?|points?\\s+of\\s+contact|pocs?',
  },
  {
    id: 'require approval',
    class: 'process',
    kind: 'action',
    weight: 2,
    phrase:
      'requir(?:e|es|ed|ing)|mandat(?:e|es|ed|ing)|must\\s+be\\s+approved',
  },
  {
    id: 'review',
    class: 'process',
    kind: 'action',
    weight: 2,
    phrase: 'review(?:s|ed|ing)?',
  },
  {
    id: 'process words',
    class: 'process',
    kind: 'cue',
    weight: 2,
    phrase:
      'runbooks?|playbooks?|wiki|documentation|docs|checklists?|polic(?:y|ies)|procedures?|post-?mortems?|game\\s*days?|drills?|tabletops?|retros?|retrospectives?|rotations?|escalations?|on-?boarding|training|change[\\s-]management|(?:change|deploy|code|release)\\s+freezes?|freeze|approvals?|approvers?|reviewers?|sign[\\s-]?offs?|two-person\\s+rules?|four-eyes|handbooks?|hand-?offs?|process(?:es)?|comms|communication\\s+plans?|templates?',
  },
];
