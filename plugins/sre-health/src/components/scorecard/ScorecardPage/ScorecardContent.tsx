import {
  Content,
  Header,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import {
  SCORECARD_HIGH_LEVEL,
  ScorecardFilters as Filters,
  ScorecardPage as Page,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { sreHealthApiRef } from '../../../api';
import { downloadText } from '../../../utils/downloadText';
import { ScorecardFilters } from '../ScorecardFilters';
import { ScorecardMatrix } from '../ScorecardMatrix';
import { ScorecardTeams } from '../ScorecardTeams';
import { ScorecardTrends } from '../ScorecardTrends';
import { ScorecardInfo } from './ScorecardInfo';
import {
  useScorecardFacets,
  useScorecardPage,
  useScorecardTeams,
  useScorecardTrends,
} from './useScorecard';
import { useScorecardUrlState } from './useScorecardUrlState';

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

/** The page's verdict: how many of the matching services carry a high stressor. */
export function scorecardVerdict(page: Page | undefined): string {
  if (!page) return 'Where the stress is, service by service';
  const high = `a stressor open that the team rated ${SCORECARD_HIGH_LEVEL} or 5`;
  if (page.total === 0) return 'No service matches the filters';
  if (page.highStress === 0) {
    return `None of ${plural(page.total, 'service')} has ${high}`;
  }
  return `${page.highStress} of ${plural(page.total, 'service')} ${
    page.highStress === 1 ? 'has' : 'have'
  } ${high}`;
}

/**
 * The org-wide stressor scorecard under its page header: every service × every stressor
 * (filtered, sorted and paged on the server), the team rollup, the 90-day trend, and the
 * current view as CSV or JSON. The view lives in the URL.
 */
export function ScorecardContent() {
  const api = useApi(sreHealthApiRef);
  const alertApi = useApi(alertApiRef);
  const [state, update] = useScorecardUrlState();
  const { view, filters, sort, order, pageIndex, rowsPerPage } = state;
  const [search, setSearch] = useState(filters.q ?? '');
  const [exporting, setExporting] = useState(false);

  // the back button (or a link) changes the URL's search: the box follows it
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  const changeFilters = (next: Filters) =>
    update({ filters: next, pageIndex: 0 });
  useDebounce(
    () => {
      const q = search.trim() || undefined;
      if (q !== filters.q) {
        update({ filters: { ...filters, q }, pageIndex: 0 }, { replace: true });
      }
    },
    300,
    [search],
  );

  const facets = useScorecardFacets();
  const page = useScorecardPage({
    ...filters,
    sort,
    order,
    offset: pageIndex * rowsPerPage,
    limit: rowsPerPage,
  });
  const teams = useScorecardTeams(filters);
  const trends = useScorecardTrends(filters.owner);

  const exportAs = async (format: 'csv' | 'json') => {
    setExporting(true);
    try {
      const blob = await api.exportScorecard(
        { ...filters, sort, order },
        format,
      );
      // Blob.text() drops the byte-order mark a spreadsheet needs to read UTF-8
      const text = await blob.text();
      downloadText(
        format === 'csv' && !text.startsWith('\uFEFF') ? `\uFEFF${text}` : text,
        `sre-scorecard-${new Date().toISOString().slice(0, 10)}.${format}`,
        format === 'csv'
          ? 'text/csv;charset=utf-8'
          : 'application/json;charset=utf-8',
      );
    } catch (e) {
      alertApi.post({
        message: `Export failed: ${(e as Error).message}`,
        severity: 'error',
      });
    } finally {
      setExporting(false);
    }
  };

  const syncedAt = page.value?.syncedAt;
  return (
    <>
      <Header title="SRE Scorecard" subtitle={scorecardVerdict(page.value)}>
        <ScorecardInfo syncedAt={syncedAt} />
      </Header>
      <Content>
        <ScorecardFilters
          facets={facets.value}
          value={filters}
          search={search}
          onSearch={setSearch}
          onChange={changeFilters}
        />
        <Box
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          flexWrap="wrap"
          mt={2}
          mb={2}
        >
          <Tabs
            value={view}
            onChange={(_e, v) => update({ view: v })}
            indicatorColor="primary"
            aria-label="Scorecard views"
          >
            <Tab value="services" label="Services" />
            <Tab value="teams" label="Teams" />
            <Tab value="trends" label="Trends" />
          </Tabs>
          <Box display="flex" style={{ gap: 8 }}>
            <Button
              variant="outlined"
              disabled={exporting}
              onClick={() => exportAs('csv')}
            >
              Export CSV
            </Button>
            <Button disabled={exporting} onClick={() => exportAs('json')}>
              Export JSON
            </Button>
          </Box>
        </Box>
        {view === 'services' && (
          <InfoCard
            title="Services"
            subheader={
              page.value
                ? `${page.value.total} service${
                    page.value.total === 1 ? '' : 's'
                  } match`
                : undefined
            }
            noPadding
          >
            {page.error ? (
              <ResponseErrorPanel error={page.error} />
            ) : (
              <ScorecardMatrix
                page={page.value}
                loading={page.loading}
                sort={sort}
                order={order}
                onSort={(s, o) => update({ sort: s, order: o, pageIndex: 0 })}
                pageIndex={pageIndex}
                rowsPerPage={rowsPerPage}
                onPage={p => update({ pageIndex: p })}
                onRowsPerPage={n => update({ rowsPerPage: n, pageIndex: 0 })}
                emptyMessage={
                  syncedAt === null
                    ? 'No services yet: the scorecard task copies them from the catalog shortly after the backend starts.'
                    : undefined
                }
              />
            )}
          </InfoCard>
        )}
        {view === 'teams' && (
          <InfoCard
            title="Teams"
            subheader="Services of each group (nested groups included) with each stressor open"
            noPadding
          >
            {teams.error && <ResponseErrorPanel error={teams.error} />}
            {!teams.error && !teams.value && <Progress />}
            {teams.value && (
              <ScorecardTeams
                teams={teams.value.teams}
                customStressors={teams.value.customStressors ?? []}
                onSelectOwner={groupRef =>
                  update({
                    filters: { ...filters, owner: [groupRef] },
                    pageIndex: 0,
                    view: 'services',
                  })
                }
              />
            )}
          </InfoCard>
        )}
        {view === 'trends' && (
          <InfoCard
            title="Trends"
            subheader="Open and mitigating stressors, from daily snapshots over 90 days"
          >
            {trends.error && <ResponseErrorPanel error={trends.error} />}
            {!trends.error && !trends.value && <Progress />}
            {trends.value && <ScorecardTrends trends={trends.value} />}
          </InfoCard>
        )}
      </Content>
    </>
  );
}
