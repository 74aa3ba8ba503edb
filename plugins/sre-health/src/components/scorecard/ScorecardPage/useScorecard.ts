import { useApi } from '@backstage/core-plugin-api';
import type {
  ScorecardFilters,
  ScorecardQuery,
} from '@sre-health/backstage-plugin-sre-health-common';
import useAsync from 'react-use/esm/useAsync';
import { sreHealthApiRef } from '../../../api';

/*
 * Data hooks of the scorecard page. Each keys on the JSON of its query, so a new object
 * with the same content does not refetch; while a new query loads, the previous value
 * stays (react-use keeps it) and a late answer to an old query is dropped.
 */

/** One page of the matrix. */
export function useScorecardPage(query: ScorecardQuery) {
  const api = useApi(sreHealthApiRef);
  const key = JSON.stringify(query);
  return useAsync(() => api.getScorecard(JSON.parse(key)), [api, key]);
}

/** The group rows for the same filters. */
export function useScorecardTeams(filters: ScorecardFilters) {
  const api = useApi(sreHealthApiRef);
  const key = JSON.stringify(filters);
  return useAsync(() => api.getScorecardTeams(JSON.parse(key)), [api, key]);
}

/** The trend of the selected owners (or the whole organisation). */
export function useScorecardTrends(owner: string[] | undefined, days = 90) {
  const api = useApi(sreHealthApiRef);
  const key = JSON.stringify(owner ?? []);
  return useAsync(
    () =>
      api.getScorecardTrends({
        owner: JSON.parse(key).length ? JSON.parse(key) : undefined,
        days,
      }),
    [api, key, days],
  );
}

/** Owners, systems and lifecycles to filter by. */
export function useScorecardFacets() {
  const api = useApi(sreHealthApiRef);
  return useAsync(() => api.getScorecardFacets(), [api]);
}
