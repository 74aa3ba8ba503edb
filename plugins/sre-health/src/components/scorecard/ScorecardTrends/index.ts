export { ScorecardTrends, topSeries } from './ScorecardTrends';
