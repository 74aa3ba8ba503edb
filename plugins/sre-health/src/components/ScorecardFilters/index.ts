export { ScorecardFilters } from './ScorecardFilters';
