export { ScorecardPage } from './ScorecardPage';
export { ScorecardContent } from './ScorecardContent';
