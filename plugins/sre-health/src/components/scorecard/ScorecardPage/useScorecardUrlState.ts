import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import {
  SCORECARD_DEFAULT_PAGE_SIZE,
  ScorecardFilters,
  ScorecardSortKey,
  defaultScorecardOrder,
  scorecardQuerySchema,
  scorecardSearchParams,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useCallback, useMemo } from 'react';

/** The scorecard's views, as tabs. */
export type ScorecardView = 'services' | 'teams' | 'trends';
const VIEWS: ScorecardView[] = ['services', 'teams', 'trends'];
const PAGE_SIZES = [25, 50, 100, 250];
const DEFAULT_SORT: ScorecardSortKey = 'stress';

/** Everything the page shows, as it reads in the URL. */
export interface ScorecardUrlState {
  view: ScorecardView;
  filters: ScorecardFilters;
  sort: ScorecardSortKey;
  order: 'asc' | 'desc';
  pageIndex: number;
  rowsPerPage: number;
}

/**
 * Reads the filters, sort and page of the query string as the backend does (the shared
 * schema); a value it rejects (a hand-edited link) is left out rather than breaking the page.
 */
export function parseScorecardUrl(params: URLSearchParams): ScorecardUrlState {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    if (['tab', 'page', 'size'].includes(key)) continue;
    const values = params.getAll(key);
    raw[key] = values.length === 1 ? values[0] : values;
  }
  let parsed = scorecardQuerySchema.safeParse(raw);
  for (let tries = 0; !parsed.success && tries < 10; tries += 1) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (typeof key === 'string') delete raw[key];
      else if (issue.code === 'unrecognized_keys') {
        for (const k of (issue as { keys?: string[] }).keys ?? []) {
          delete raw[k];
        }
      }
    }
    parsed = scorecardQuerySchema.safeParse(raw);
  }
  const {
    sort = DEFAULT_SORT,
    order,
    offset: _offset,
    limit: _limit,
    ...filters
  } = parsed.success ? parsed.data : {};
  const tab = params.get('tab') as ScorecardView | null;
  const size = Number(params.get('size'));
  const page = Number(params.get('page'));
  return {
    view: tab && VIEWS.includes(tab) ? tab : 'services',
    filters,
    sort,
    order: order ?? defaultScorecardOrder(sort),
    pageIndex: Number.isInteger(page) && page > 1 ? page - 1 : 0,
    rowsPerPage: PAGE_SIZES.includes(size) ? size : SCORECARD_DEFAULT_PAGE_SIZE,
  };
}

/** The query string of a state: only what differs from the defaults. */
export function scorecardUrl(state: ScorecardUrlState): URLSearchParams {
  const params = scorecardSearchParams({
    ...state.filters,
    sort: state.sort === DEFAULT_SORT ? undefined : state.sort,
    order:
      state.order === defaultScorecardOrder(state.sort)
        ? undefined
        : state.order,
  });
  if (state.pageIndex > 0) params.set('page', String(state.pageIndex + 1));
  if (state.rowsPerPage !== SCORECARD_DEFAULT_PAGE_SIZE) {
    params.set('size', String(state.rowsPerPage));
  }
  if (state.view !== 'services') params.set('tab', state.view);
  return params;
}

/**
 * The scorecard's view, filters, sort and page, kept in the URL: a view can be shared as
 * a link, and the back button returns to the previous one. Each change is a history
 * entry, except typing in the search box (`replace`).
 */
export function useScorecardUrlState(): [
  ScorecardUrlState,
  (patch: Partial<ScorecardUrlState>, options?: { replace?: boolean }) => void,
] {
  const [params, setParams] = useAppSearchParams();
  const key = params.toString();
  const state = useMemo(
    () => parseScorecardUrl(new URLSearchParams(key)),
    [key],
  );
  const update = useCallback(
    (patch: Partial<ScorecardUrlState>, options?: { replace?: boolean }) => {
      const next = { ...state, ...patch };
      const params2 = scorecardUrl(next);
      if (params2.toString() !== key) {
        setParams(params2, options);
      }
    },
    [state, key, setParams],
  );
  return [state, update];
}
