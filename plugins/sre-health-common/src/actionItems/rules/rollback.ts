import type { ActionItemRule } from './types';
import { FLAG, PREVIOUS } from './wordLists';

/** Rules of the `rollback` class: undoing the change (redeploy, flag off). @internal */
export const ROLLBACK_RULES: ReadonlyArray<ActionItemRule> = [
  {
    id: 'revert',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: 'revert(?:s|ed|ing)?',
  },
  {
    id: 'roll back',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: 'roll(?:s|ed|ing)?[\\s-]?backs?',
  },
  {
    id: 'roll ... back',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: 'roll(?:s|ed|ing)?(?:\\s+[^\\s;:!?,]+){1,5}?\\s+back',
  },
  {
    id: 'downgrade',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: 'downgrad(?:e|es|ed|ing)',
  },
  {
    id: 'undo',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: 'undo(?:es|ne|ing)?',
  },
  {
    id: 'back out',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase:
      'back(?:s|ed|ing)?[\\s-]?outs?|back(?:s|ed|ing)?(?:\\s+[^\\s;:!?,]+){1,5}?\\s+out\\s+of',
  },
  {
    id: 'pin back',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: 'pin(?:s|ned|ning)?(?:\\s+[^\\s;:!?,]+){0,3}?\\s+back',
  },
  {
    id: 'put ... back',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: '(?:put|set)(?:s|ting)?(?:\\s+[^\\s;:!?,]+){1,5}?\\s+back',
  },
  {
    id: 'go back to',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase:
      '(?:go|goes|went|going|switch(?:es|ed|ing)?|mov(?:e|es|ed|ing)|return(?:s|ed|ing)?|put|chang(?:e|es|ed|ing)|flip(?:s|ped|ping)?)(?:\\s+[^\\s;:!?,]+){0,4}?\\s+back\\s+to',
  },
  {
    id: 'restore the previous version',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    verb: 'restor(?:e|es|ed|ing)|re-?deploy(?:s|ed|ing)?|reinstat\\w*|re-?apply|reset(?:s|ting)?|return(?:s|ed|ing)?|deploy(?:s|ed|ing)?|pin(?:s|ned|ning)?',
    object: PREVIOUS,
    maxGap: 3,
  },
  {
    id: 'previous version',
    class: 'rollback',
    kind: 'cue',
    weight: 2,
    phrase: `(?:${PREVIOUS})(?:\\s+[^\\s;:!?,]+){0,2}?\\s+(?:versions?|builds?|releases?|config(?:uration)?s?|images?|tags?|commits?|values?|settings?|behaviou?r|state|manifests?|binar(?:y|ies)|packages?)`,
  },
  {
    id: 'feature flag off',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    verb: 'disabl(?:e|es|ed|ing)|turn(?:s|ed|ing)?\\s+off|switch(?:es|ed|ing)?\\s+off|flip(?:s|ped|ping)?\\s+off|kill(?:s|ed|ing)?|deactivat\\w*|unset',
    object: FLAG,
    maxGap: 4,
  },
  {
    id: 'flag back off',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: `(?:turn|switch|flip|set)(?:s|es|ed|ing|ped|ping)?(?:\\s+[^\\s;:!?,]+){0,5}?\\s+${FLAG}\\s+(?:back\\s+)?off`,
  },
];
