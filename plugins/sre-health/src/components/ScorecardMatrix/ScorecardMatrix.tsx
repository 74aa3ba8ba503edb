import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  STRESSORS,
  ScorecardCell,
  ScorecardPage,
  ScorecardRow,
  ScorecardSortKey,
  StressorKey,
  defaultScorecardOrder,
  engagementPhaseTitle,
  formatScorecardCell,
  formatScorecardPercent,
} from '@internal/backstage-plugin-sre-health-common';
import { ReactNode } from 'react';
import { shortRef } from '../../utils/format';
import { useEntityPath } from './useEntityPath';

/** Short column headings of the eight stressors; the full title is the tooltip. */
export const STRESSOR_SHORT_LABELS: Record<StressorKey, string> = {
  'knowledge-gap': 'Knowledge gap',
  'sre-service-growing': 'SRE service growing',
  'next-big-thing': 'Next big thing',
  'undiagnosed-alerts': 'Undiagnosed alerts',
  'complaints-without-slo': 'Complaints, no SLO',
  'naive-capacity-plan': 'Naive capacity plan',
  'rollback-only-postmortems': 'Rollback-only PMs',
  'devs-own-it': 'Devs own it',
};

const useStyles = makeStyles(theme => ({
  container: { maxHeight: '70vh' },
  // Headings wrap between words only: squeezed columns broke them letter by letter. The
  // container scrolls sideways on narrow screens instead.
  head: {
    verticalAlign: 'bottom',
    whiteSpace: 'normal',
    wordBreak: 'normal',
    overflowWrap: 'normal',
    minWidth: 76,
    lineHeight: 1.2,
    fontSize: theme.typography.caption.fontSize,
  },
  service: { minWidth: 180 },
  noWrap: { whiteSpace: 'nowrap' },
  cell: {
    display: 'inline-block',
    whiteSpace: 'nowrap',
    minWidth: 36,
    padding: theme.spacing(0.25, 0.75),
    borderRadius: theme.shape.borderRadius,
    textAlign: 'center',
    fontWeight: theme.typography.fontWeightBold as number,
    textDecoration: 'none',
  },
  open: {
    backgroundColor: theme.palette.status.error,
    color: theme.palette.getContrastText(theme.palette.status.error),
  },
  openLow: {
    backgroundColor: theme.palette.status.warning,
    color: theme.palette.getContrastText(theme.palette.status.warning),
  },
  mitigating: {
    border: `2px solid ${theme.palette.status.warning}`,
    color: theme.palette.text.primary,
  },
  dismissed: {
    color: theme.palette.text.secondary,
    fontWeight: theme.typography.fontWeightRegular as number,
  },
  free: { color: theme.palette.text.disabled },
}));

/** The column headings of the matrix, in order. */
export const SCORECARD_COLUMNS: ReadonlyArray<{
  key: ScorecardSortKey;
  label: string;
  title?: string;
}> = [
  { key: 'name', label: 'Service' },
  { key: 'owner', label: 'Owner' },
  { key: 'system', label: 'System' },
  { key: 'tier', label: 'Tier' },
  {
    key: 'totalStress',
    label: 'Total stress',
    title: 'Sum of the stress levels of open and mitigating flags',
  },
  ...STRESSORS.map(s => ({
    key: s.key,
    label: STRESSOR_SHORT_LABELS[s.key],
    title: s.title,
  })),
  { key: 'slo', label: 'SLO' },
  { key: 'truckFactor', label: 'Truck factor' },
  {
    key: 'opsShare',
    label: 'Ops share',
    title: "Owner team's latest sampled week",
  },
  {
    key: 'engagement',
    label: 'Engagement',
    title: "Owner team's active engagement",
  },
];

function cellLabel(title: string, cell: ScorecardCell | null): string {
  if (!cell) return `${title}: free`;
  if (cell.status === 'dismissed') return `${title}: dismissed`;
  return `${title}: ${cell.status}, stress level ${cell.level} of 5`;
}

function StressorCell(props: {
  row: ScorecardRow;
  stressor: (typeof STRESSORS)[number];
  entityPath: string;
}) {
  const classes = useStyles();
  const { row, stressor, entityPath } = props;
  const cell = row.stressors[stressor.key];
  const label = cellLabel(stressor.title, cell);
  if (!cell) {
    return (
      <span className={`${classes.cell} ${classes.free}`} aria-label={label}>
        –
      </span>
    );
  }
  let kind: string;
  if (cell.status === 'open') {
    kind = cell.level >= 4 ? classes.open : classes.openLow;
  } else if (cell.status === 'mitigating') {
    kind = classes.mitigating;
  } else {
    kind = classes.dismissed;
  }
  return (
    <Tooltip title={`${label}. Evidence on the SRE Health tab.`}>
      <Link
        to={`${entityPath}/sre-health#stressor-${stressor.key}`}
        className={`${classes.cell} ${kind}`}
        aria-label={`${label}; evidence on the SRE Health tab of ${row.name}`}
      >
        {cell.status === 'dismissed'
          ? 'dismissed'
          : formatScorecardCell(cell).replace('mitigating', 'mit.')}
      </Link>
    </Tooltip>
  );
}

function SloCell(props: { row: ScorecardRow }) {
  const { slo } = props.row;
  if (!slo) {
    return (
      <Typography variant="caption" color="textSecondary">
        no SLO
      </Typography>
    );
  }
  return (
    <Tooltip
      title={`${slo.count} SLO${slo.count === 1 ? '' : 's'}; worst: ${
        slo.status
      }`}
    >
      <span>
        {slo.status}
        {slo.budgetRemaining !== null && (
          <Typography variant="caption" color="textSecondary" component="div">
            {formatScorecardPercent(slo.budgetRemaining)} budget
          </Typography>
        )}
      </span>
    </Tooltip>
  );
}

/**
 * Services × stressors: a page of the scorecard with sortable columns and server-side
 * pagination. Rows stay on screen while the next page loads, under a progress bar.
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
  const classes = useStyles();
  const entityLink = useEntityPath();
  const { page, loading, sort, order } = props;
  const rows = page?.rows ?? [];

  const headCell = (c: (typeof SCORECARD_COLUMNS)[number]) => (
    <TableCell
      key={c.key}
      className={classes.head}
      sortDirection={sort === c.key ? order : false}
      align={
        c.key === 'name' || c.key === 'owner' || c.key === 'system'
          ? 'left'
          : 'center'
      }
    >
      <Tooltip title={c.title ?? ''} disableHoverListener={!c.title}>
        <TableSortLabel
          active={sort === c.key}
          direction={sort === c.key ? order : defaultScorecardOrder(c.key)}
          onClick={() => {
            if (sort !== c.key) {
              props.onSort(c.key, defaultScorecardOrder(c.key));
            } else {
              props.onSort(c.key, order === 'asc' ? 'desc' : 'asc');
            }
          }}
        >
          {c.label}
        </TableSortLabel>
      </Tooltip>
    </TableCell>
  );

  return (
    <Box>
      <Box height={4}>
        {loading && <LinearProgress aria-label="Loading the scorecard" />}
      </Box>
      <TableContainer className={classes.container}>
        <Table
          size="small"
          stickyHeader
          aria-label="SRE scorecard"
          aria-busy={loading}
        >
          <TableHead>
            <TableRow>{SCORECARD_COLUMNS.map(headCell)}</TableRow>
          </TableHead>
          <TableBody>
            {rows.map(row => {
              const entityPath = entityLink(row.entityRef);
              return (
                <TableRow key={row.entityRef} hover>
                  <TableCell className={classes.service}>
                    <Link to={entityPath}>{row.title ?? row.name}</Link>
                    {row.lifecycle && (
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="div"
                      >
                        {row.lifecycle}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell className={classes.noWrap}>
                    {row.ownerRef ? shortRef(row.ownerRef) : '—'}
                  </TableCell>
                  <TableCell className={classes.noWrap}>
                    {row.systemRef ? shortRef(row.systemRef) : '—'}
                  </TableCell>
                  <TableCell align="center" className={classes.noWrap}>
                    {row.tier}
                  </TableCell>
                  <TableCell align="center">
                    <strong>{row.totalStress}</strong>
                  </TableCell>
                  {STRESSORS.map(s => (
                    <TableCell key={s.key} align="center">
                      <StressorCell
                        row={row}
                        stressor={s}
                        entityPath={entityPath}
                      />
                    </TableCell>
                  ))}
                  <TableCell align="center">
                    <SloCell row={row} />
                  </TableCell>
                  <TableCell align="center">{row.truckFactor ?? '—'}</TableCell>
                  <TableCell align="center">
                    {row.opsShare === null
                      ? '—'
                      : formatScorecardPercent(row.opsShare)}
                  </TableCell>
                  <TableCell align="center">
                    {row.engagement
                      ? engagementPhaseTitle(row.engagement.phase)
                      : '—'}
                  </TableCell>
                </TableRow>
              );
            })}
            {page && rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={SCORECARD_COLUMNS.length}>
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
