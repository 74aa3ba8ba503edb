import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import Paper from '@material-ui/core/Paper';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  ScorecardPage,
  ScorecardRow,
  ScorecardSortKey,
  defaultScorecardOrder,
  engagementPhaseTitle,
  formatScorecardPercent,
  opsShareSourceWords,
} from '@sre-health/backstage-plugin-sre-health-common';
import { ReactNode } from 'react';
import { shortRef } from '../../../utils/format';
import { CompoundRisksCell, SloCell, StressCell, StressorCell } from './cells';
import { ScorecardColumn, scorecardColumns } from './columns';
import { useMatrixStyles } from './styles';
import { useEntityPath } from './useEntityPath';
import { unbreakableHyphens } from '../../../utils/format';

/**
 * Services × stressors: a page of the scorecard with sortable columns and server-side
 * pagination. The table scrolls inside its card with the service column pinned; rows
 * stay on screen while the next page loads, under a progress bar.
 */
export function ScorecardMatrix(props: {
  page?: ScorecardPage;
  loading: boolean;
  sort: ScorecardSortKey;
  order: 'asc' | 'desc';
  onSort: (sort: ScorecardSortKey, order: 'asc' | 'desc') => void;
  pageIndex: number;
  rowsPerPage: number;
  onPage: (pageIndex: number) => void;
  onRowsPerPage: (rowsPerPage: number) => void;
  emptyMessage?: ReactNode;
}) {
  const classes = useMatrixStyles();
  const entityLink = useEntityPath();
  const { page, loading, sort, order } = props;
  const rows = page?.rows ?? [];
  const columns = scorecardColumns(page?.customStressors ?? []);

  const sortableHeadCell = (c: ScorecardColumn, key: ScorecardSortKey) => (
    <TableCell
      key={c.key}
      className={`${classes.head} ${
        c.key === 'name' ? `${classes.sticky} ${classes.stickyHead}` : ''
      }`}
      sortDirection={sort === key ? order : false}
      align={
        c.key === 'name' || c.key === 'owner' || c.key === 'system'
          ? 'left'
          : 'center'
      }
    >
      <Tooltip title={c.title ?? ''} disableHoverListener={!c.title}>
        <TableSortLabel
          active={sort === key}
          direction={sort === key ? order : defaultScorecardOrder(key)}
          onClick={() => {
            if (sort !== key) {
              props.onSort(key, defaultScorecardOrder(key));
            } else {
              props.onSort(key, order === 'asc' ? 'desc' : 'asc');
            }
          }}
        >
          {unbreakableHyphens(c.label)}
        </TableSortLabel>
      </Tooltip>
    </TableCell>
  );

  const headCell = (c: ScorecardColumn) => {
    const key = c.key;
    if (key === 'compoundRisks') {
      return (
        <TableCell key={key} className={classes.head} align="center">
          <Tooltip title={c.title ?? ''}>
            <span>{c.label}</span>
          </Tooltip>
        </TableCell>
      );
    }
    return sortableHeadCell(c, key);
  };

  const cellOf = (
    c: ScorecardColumn,
    row: ScorecardRow,
    entityPath: string,
  ) => {
    if (c.stressor) {
      return (
        <TableCell key={c.key} align="center" className={classes.noWrap}>
          <StressorCell
            row={row}
            stressor={c.stressor}
            entityPath={entityPath}
          />
        </TableCell>
      );
    }
    switch (c.key) {
      case 'name':
        return (
          <TableCell
            key={c.key}
            className={`${classes.service} ${classes.sticky}`}
          >
            <Link to={entityPath}>{row.title ?? row.name}</Link>
            {row.lifecycle && (
              <Typography variant="caption" component="div">
                {row.lifecycle}
              </Typography>
            )}
          </TableCell>
        );
      case 'owner':
        return (
          <TableCell key={c.key} className={classes.noWrap}>
            {row.ownerRef ? shortRef(row.ownerRef) : '—'}
          </TableCell>
        );
      case 'system':
        return (
          <TableCell key={c.key} className={classes.noWrap}>
            {row.systemRef ? shortRef(row.systemRef) : '—'}
          </TableCell>
        );
      case 'tier':
        return (
          <TableCell key={c.key} align="center" className={classes.noWrap}>
            {row.tier}
          </TableCell>
        );
      case 'stress':
        return (
          <TableCell key={c.key} align="center" className={classes.noWrap}>
            <StressCell row={row} />
          </TableCell>
        );
      case 'compoundRisks':
        return (
          <TableCell key={c.key} align="center">
            <CompoundRisksCell row={row} />
          </TableCell>
        );
      case 'slo':
        return (
          <TableCell key={c.key} align="center" className={classes.noWrap}>
            <SloCell row={row} />
          </TableCell>
        );
      case 'truckFactor':
        return (
          <TableCell key={c.key} align="center">
            {row.truckFactor ?? '—'}
          </TableCell>
        );
      case 'opsShare':
        return (
          <TableCell
            key={c.key}
            align="center"
            className={classes.noWrap}
            title={
              row.opsShareSource
                ? opsShareSourceWords(row.opsShareSource)
                : undefined
            }
          >
            {row.opsShare === null ? '—' : formatScorecardPercent(row.opsShare)}
            {row.opsShare !== null && row.opsShareSource === 'typed' && (
              // typed overrides the computed share: say so where it counts
              <Typography variant="caption" color="textSecondary">
                {' '}
                typed
              </Typography>
            )}
          </TableCell>
        );
      default:
        return (
          <TableCell key={c.key} align="center" className={classes.noWrap}>
            {row.engagement ? engagementPhaseTitle(row.engagement.phase) : '—'}
          </TableCell>
        );
    }
  };

  return (
    <Box>
      <Box height={4}>
        {loading && <LinearProgress aria-label="Loading the scorecard" />}
      </Box>
      <TableContainer component={Paper} className={classes.container}>
        <Table
          size="small"
          stickyHeader
          aria-label="SRE scorecard"
          aria-busy={loading}
        >
          <TableHead>
            <TableRow>{columns.map(headCell)}</TableRow>
          </TableHead>
          <TableBody>
            {rows.map(row => {
              const entityPath = entityLink(row.entityRef);
              return (
                <TableRow key={row.entityRef} hover>
                  {columns.map(c => cellOf(c, row, entityPath))}
                </TableRow>
              );
            })}
            {page && rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns.length}>
                  {props.emptyMessage ?? 'No services match the filters.'}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={page?.total ?? 0}
        page={props.pageIndex}
        rowsPerPage={props.rowsPerPage}
        rowsPerPageOptions={[25, 50, 100, 250]}
        onPageChange={(_e, p) => props.onPage(p)}
        onRowsPerPageChange={e => props.onRowsPerPage(Number(e.target.value))}
      />
    </Box>
  );
}
