export {
  ScorecardMatrix,
  SCORECARD_COLUMNS,
  STRESSOR_SHORT_LABELS,
} from './ScorecardMatrix';
export { useEntityPath } from './useEntityPath';
