import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import {
  SCORECARD_DEFAULT_PAGE_SIZE,
  ScorecardFilters as Filters,
  ScorecardSortKey,
} from '@internal/backstage-plugin-sre-health-common';
import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { sreHealthApiRef } from '../../api';
import { formatDate } from '../../utils/format';
import { ScorecardFilters } from '../ScorecardFilters';
import { ScorecardMatrix } from '../ScorecardMatrix';
import { ScorecardTeams } from '../ScorecardTeams';
import { ScorecardTrends } from '../ScorecardTrends';
import {
  useScorecardFacets,
  useScorecardPage,
  useScorecardTeams,
  useScorecardTrends,
} from './useScorecard';

type View = 'services' | 'teams' | 'trends';

/** Saves a blob as a file through a temporary link. */
function download(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The org-wide stressor scorecard: every service × every stressor (filtered, sorted and
 * paged on the server), the team rollup, the 90-day trend, and the current view as CSV
 * or JSON.
 */
export function ScorecardContent() {
  const api = useApi(sreHealthApiRef);
  const alertApi = useApi(alertApiRef);
  const [view, setView] = useState<View>('services');
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{
    sort: ScorecardSortKey;
    order: 'asc' | 'desc';
  }>({ sort: 'totalStress', order: 'desc' });
  const [pageIndex, setPageIndex] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(SCORECARD_DEFAULT_PAGE_SIZE);
  const [exporting, setExporting] = useState(false);

  const changeFilters = (next: Filters) => {
    setFilters(next);
    setPageIndex(0);
  };
  useDebounce(
    () => {
      const q = search.trim() || undefined;
      if (q !== filters.q) changeFilters({ ...filters, q });
    },
    300,
    [search],
  );

  const facets = useScorecardFacets();
  const page = useScorecardPage({
    ...filters,
    ...sort,
    offset: pageIndex * rowsPerPage,
    limit: rowsPerPage,
  });
  const teams = useScorecardTeams(filters);
  const trends = useScorecardTrends(filters.owner);

  const exportAs = async (format: 'csv' | 'json') => {
    setExporting(true);
    try {
      const blob = await api.exportScorecard({ ...filters, ...sort }, format);
      download(
        blob,
        `sre-scorecard-${new Date().toISOString().slice(0, 10)}.${format}`,
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
    <Grid container spacing={3} direction="column">
      <Grid item>
        <Typography variant="body2" color="textSecondary" paragraph>
          Every service against the eight stressors of an overloaded team (SRE
          book, chapter 30), the worst SLO, the truck factor, the owner team's
          ops share and engagement. Cells link to the evidence on the service's
          SRE Health tab.
          {syncedAt
            ? ` Catalog synced ${formatDate(syncedAt)} ${syncedAt.slice(
                11,
                16,
              )} UTC.`
            : ''}
        </Typography>
        <ScorecardFilters
          facets={facets.value}
          value={filters}
          search={search}
          onSearch={setSearch}
          onChange={changeFilters}
        />
      </Grid>
      <Grid item>
        <Box display="flex" alignItems="center" justifyContent="space-between">
          <Tabs
            value={view}
            onChange={(_e, v) => setView(v)}
            indicatorColor="primary"
            aria-label="Scorecard views"
          >
            <Tab value="services" label="Services" />
            <Tab value="teams" label="Teams" />
            <Tab value="trends" label="Trends" />
          </Tabs>
          <Box>
            <Button
              variant="outlined"
              disabled={exporting}
              onClick={() => exportAs('csv')}
            >
              Export CSV
            </Button>{' '}
            <Button disabled={exporting} onClick={() => exportAs('json')}>
              Export JSON
            </Button>
          </Box>
        </Box>
      </Grid>
      <Grid item>
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
                sort={sort.sort}
                order={sort.order}
                onSort={(s, o) => {
                  setSort({ sort: s, order: o });
                  setPageIndex(0);
                }}
                pageIndex={pageIndex}
                rowsPerPage={rowsPerPage}
                onPage={setPageIndex}
                onRowsPerPage={n => {
                  setRowsPerPage(n);
                  setPageIndex(0);
                }}
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
            subheader="Share of each group's services (nested groups included) free of each stressor"
          >
            {teams.error && <ResponseErrorPanel error={teams.error} />}
            {!teams.error && !teams.value && <Progress />}
            {teams.value && (
              <ScorecardTeams
                teams={teams.value.teams}
                onSelectOwner={groupRef => {
                  changeFilters({ ...filters, owner: [groupRef] });
                  setView('services');
                }}
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
      </Grid>
    </Grid>
  );
}
