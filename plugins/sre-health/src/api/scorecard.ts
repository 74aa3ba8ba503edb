import { scorecardSearchParams } from '@sre-health/backstage-plugin-sre-health-common';
import type {
  ScorecardFacets,
  ScorecardFilters,
  ScorecardPage,
  ScorecardQuery,
  ScorecardTeams,
  ScorecardTrends,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthRequest } from './request';

/** The org-wide scorecard of stressors per service and per team. @public */
export interface ScorecardApi {
  /** A page of the org-wide scorecard: filtered, sorted and paged on the server. */
  getScorecard(query: ScorecardQuery): Promise<ScorecardPage>;
  /** Group rows of the scorecard, rolled up through nested groups. */
  getScorecardTeams(filters: ScorecardFilters): Promise<ScorecardTeams>;
  /** The owners, systems and lifecycles the scorecard's filters offer. */
  getScorecardFacets(): Promise<ScorecardFacets>;
  /** Open stressors per day from the daily snapshots, with the last 30 days' changes. */
  getScorecardTrends(options: {
    owner?: string[];
    days?: number;
  }): Promise<ScorecardTrends>;
  /** The whole current view (every page) as a CSV or JSON file. */
  exportScorecard(
    query: Omit<ScorecardQuery, 'offset' | 'limit'>,
    format: 'csv' | 'json',
  ): Promise<Blob>;
}

export function createScorecardClient(request: SreHealthRequest): ScorecardApi {
  return {
    getScorecard: query =>
      request.json(`/scorecard?${scorecardSearchParams(query)}`),
    getScorecardTeams: filters =>
      request.json(`/scorecard/teams?${scorecardSearchParams(filters)}`),
    getScorecardFacets: () => request.json('/scorecard/facets'),
    getScorecardTrends: options =>
      request.json(`/scorecard/trends?${scorecardSearchParams(options)}`),
    exportScorecard: (query, format) => {
      // Never a page of the view, even if the caller's query has a range.
      const { offset: _o, limit: _l, ...view } = query as ScorecardQuery;
      return request.blob(
        `/scorecard/export?${scorecardSearchParams({ ...view, format })}`,
      );
    },
  };
}
