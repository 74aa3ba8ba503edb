export { ScorecardMatrix } from './ScorecardMatrix';
export {
  SCORECARD_COLUMNS,
  STRESSOR_SHORT_LABELS,
  scorecardColumns,
} from './columns';
export type { ScorecardColumn } from './columns';
export { useEntityPath } from './useEntityPath';
