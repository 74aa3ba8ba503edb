export { VerdictStateLabel, VERDICT_STATE_KIND } from './VerdictStateLabel';
export { VerdictFigures } from './VerdictFigures';
