export { ScorecardTeams } from './ScorecardTeams';
