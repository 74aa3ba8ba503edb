import type { ActionItemRule } from './types';

/** Rules of the `investigation` class: finding out why. @internal */
export const INVESTIGATION_RULES: ReadonlyArray<ActionItemRule> = [
  {
    id: 'investigate',
    class: 'investigation',
    kind: 'action',
    weight: 3,
    phrase: 'investigat\\w*',
  },
  {
    id: 'find out',
    class: 'investigation',
    kind: 'action',
    weight: 3,
    phrase:
      '(?:find|finds|found|finding)\\s+out|figur(?:e|es|ed|ing)\\s+out|work(?:s|ed|ing)?\\s+out\\s+(?:why|how|what|whether|which|where|when)|learn\\s+(?:why|how|what)',
  },
  {
    id: 'understand / diagnose',
    class: 'investigation',
    kind: 'action',
    weight: 3,
    phrase:
      'understand(?:s|ing)?|diagnos(?:e|es|ed|is|ing)|determin(?:e|es|ed|ing)|establish\\s+(?:why|how|what|whether)|explain\\s+(?:why|how)',
  },
  {
    id: 'root cause',
    class: 'investigation',
    kind: 'action',
    weight: 3,
    phrase: 'root[\\s-]?caus\\w*',
  },
  {
    id: 'analyse',
    class: 'investigation',
    kind: 'action',
    weight: 3,
    phrase: 'analy[sz](?:e|es|ed|ing|is)',
  },
  {
    id: 'reproduce',
    class: 'investigation',
    kind: 'action',
    weight: 3,
    phrase: 'reproduc\\w*|repro(?:s|ed)?',
  },
  {
    id: 'identify / measure',
    class: 'investigation',
    kind: 'action',
    weight: 2,
    phrase:
      'identif\\w*|pinpoint\\w*|narrow\\s+down|bisect\\w*|correlat\\w*|measur(?:e|es|ed|ing)|quantif\\w*|characteri[sz]\\w*|benchmark\\w*|profil(?:e|es|ed|ing)',
  },
  {
    id: 'dig into',
    class: 'investigation',
    kind: 'action',
    weight: 2,
    phrase:
      'dig(?:s|ging)?\\s+into|look(?:s|ed|ing)?\\s+(?:into|at)|deep[\\s-]?div\\w*|research\\w*|explor(?:e|es|ed|ing)|study|studies|audit\\w*|evaluat\\w*|assess\\w*|(?:review|check|verify|confirm)\\s+(?:why|how|what|whether|if)',
  },
  {
    id: 'gather evidence',
    class: 'investigation',
    kind: 'action',
    weight: 2,
    verb: 'get|take|grab|collect(?:s|ed|ing)?|captur(?:e|es|ed|ing)|gather(?:s|ed|ing)?|pull(?:s|ed|ing)?|record(?:s|ed|ing)?',
    object:
      'packet\\s+captures?|pcaps?|tcpdumps?|(?:heap|core|thread)\\s+dumps?|flame\\s*graphs?|profiles?|traces|evidence|samples|logs\\s+(?:from|of)',
    maxGap: 3,
  },
  {
    id: 'to see who / what',
    class: 'investigation',
    kind: 'cue',
    weight: 2,
    phrase:
      'to\\s+(?:see|learn|check|know)\\s+(?:who|what|why|where|how|whether|if|which)',
  },
  {
    id: 'why',
    class: 'investigation',
    kind: 'cue',
    weight: 2,
    phrase: 'why|whether|what\\s+caused|how\\s+come|what\\s+happened',
  },
  {
    id: 'spike:',
    class: 'investigation',
    kind: 'cue',
    weight: 2,
    phrase: 'spike',
    atStart: true,
  },
];
