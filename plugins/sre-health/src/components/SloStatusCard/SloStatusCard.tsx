import { EmptyState, Gauge, InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ANNOTATION_SLO_TARGET,
  ANNOTATION_SLO_WINDOW,
  SloDefinitionProblem,
  SloStatus,
  SloSummary,
} from '@internal/backstage-plugin-sre-health-common';
import { Fragment, ReactNode } from 'react';
import { formatDate, formatPercent } from '../../utils/format';
import { StatusKind, StatusText } from '../StatusText';

/** The look-back windows of the burn-rate table (the long windows of the workbook's alerts). */
export const BURN_TABLE_WINDOWS = ['1h', '6h', '1d', '3d'] as const;

const STATUS_LABEL: Record<SloStatus, string> = {
  healthy: 'healthy',
  'at-risk': 'at risk',
  breached: 'breached',
  'no-data': 'no data',
};

/** The status of an SLO as a chip with the matching status icon. */
export function SloStatusChip(props: { status: SloStatus }) {
  const label = STATUS_LABEL[props.status];
  const kind: StatusKind = {
    healthy: 'ok' as const,
    'at-risk': 'warning' as const,
    breached: 'error' as const,
    'no-data': 'pending' as const,
  }[props.status];
  return (
    <Chip
      size="small"
      variant="outlined"
      aria-label={`SLO status: ${label}`}
      label={<StatusText kind={kind}>{label}</StatusText>}
    />
  );
}

function formatBurnRate(rate: number | null): string {
  if (rate === null) {
    return '—';
  }
  return `${rate < 10 ? rate.toFixed(2) : rate.toFixed(1)}×`;
}

function BurnRateTable(props: { slo: SloSummary }) {
  const { slo } = props;
  const rates = new Map(slo.burnRates.map(b => [b.window, b.rate]));
  const firing = new Map(
    (slo.alert?.rules ?? []).filter(r => r.firing).map(r => [r.long, r]),
  );
  return (
    <Table
      size="small"
      aria-label={`Burn rates of ${slo.displayName || slo.name}`}
    >
      <TableHead>
        <TableRow>
          <TableCell>Burn rate</TableCell>
          {BURN_TABLE_WINDOWS.map(window => (
            <TableCell key={window} align="right">
              {window}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        <TableRow>
          <TableCell component="th" scope="row">
            × budget
          </TableCell>
          {BURN_TABLE_WINDOWS.map(window => {
            const rate = rates.get(window) ?? null;
            const rule = firing.get(window);
            const text = formatBurnRate(rate);
            let cell: ReactNode = text;
            if (rule) {
              cell = <StatusText kind="error">{text}</StatusText>;
            } else if (rate !== null && rate > 1) {
              cell = <StatusText kind="warning">{text}</StatusText>;
            }
            return (
              <TableCell
                key={window}
                align="right"
                title={
                  rule
                    ? `${rule.severity}: above ${rule.threshold}× over ${rule.long} and ${rule.short}`
                    : undefined
                }
              >
                {cell}
              </TableCell>
            );
          })}
        </TableRow>
      </TableBody>
    </Table>
  );
}

function SloSection(props: { slo: SloSummary }) {
  const { slo } = props;
  const title = slo.displayName || slo.name;
  const budget = slo.budgetRemaining;
  const alertState = slo.alert?.state ?? 'none';
  return (
    <Box component="section" aria-label={`SLO ${title}`} py={1}>
      <Box display="flex" alignItems="center" mb={1}>
        <Box flexGrow={1}>
          <Typography variant="h6" component="h3">
            {title}
          </Typography>
          {slo.description && (
            <Typography variant="caption" color="textSecondary">
              {slo.description}
            </Typography>
          )}
        </Box>
        <SloStatusChip status={slo.status} />
      </Box>
      {slo.unavailable && (
        <Box mb={1}>
          <Alert severity="warning">
            The data source failed ({slo.unavailable.reason}); showing the last
            known numbers
            {slo.unavailable.lastKnownAt
              ? ` from ${formatDate(slo.unavailable.lastKnownAt)}`
              : ''}
            .
          </Alert>
        </Box>
      )}
      <Grid container spacing={2} alignItems="center">
        <Grid item xs={12} sm={7}>
          <Typography variant="body2">
            Objective: <strong>{formatPercent(slo.target, 3)}</strong> over{' '}
            {slo.window || `${slo.windowDays}d`}
            {slo.budgetingMethod && slo.budgetingMethod !== 'Occurrences'
              ? ` (${slo.budgetingMethod})`
              : ''}
          </Typography>
          <Typography variant="body2">
            Current SLI:{' '}
            <strong>
              {slo.sli === null ? 'no data' : formatPercent(slo.sli, 3)}
            </strong>
            {slo.totalEvents > 0 &&
              ` (${slo.badEvents.toLocaleString(
                'en-US',
              )} bad of ${slo.totalEvents.toLocaleString('en-US')})`}
          </Typography>
          {alertState !== 'none' && (
            <Typography variant="body2">
              {alertState === 'page' ? (
                <StatusText kind="error">
                  Burning fast enough to page
                </StatusText>
              ) : (
                <StatusText kind="warning">
                  Burning fast enough for a ticket
                </StatusText>
              )}
            </Typography>
          )}
          <Typography variant="caption" color="textSecondary">
            Source: {slo.source}
          </Typography>
        </Grid>
        <Grid item xs={12} sm={5}>
          <Box maxWidth={140} mx="auto" textAlign="center">
            {budget === null ? (
              <Typography variant="body2" color="textSecondary">
                No error budget data yet
              </Typography>
            ) : (
              <>
                <Gauge
                  value={Math.max(0, Math.min(1, budget))}
                  description="Share of the error budget left in the window"
                />
                <Typography variant="caption" display="block">
                  {budget < 0
                    ? `Error budget overspent by ${formatPercent(-budget, 1)}`
                    : 'error budget remaining'}
                </Typography>
              </>
            )}
          </Box>
        </Grid>
      </Grid>
      <BurnRateTable slo={slo} />
    </Box>
  );
}

/** @public */
export interface SloStatusCardProps {
  slos: SloSummary[];
  /** SLO definitions that could not be used, shown so their authors can fix them. */
  problems?: SloDefinitionProblem[];
}

function ProblemList(props: { problems: SloDefinitionProblem[] }) {
  return (
    <Box mb={1}>
      <Alert severity="error">
        {props.problems.length === 1
          ? 'An SLO definition could not be used:'
          : `${props.problems.length} SLO definitions could not be used:`}
        <ul>
          {props.problems.map((p, i) => (
            <li key={i}>
              {p.document}, <code>{p.path}</code>: {p.message} ({p.location})
            </li>
          ))}
        </ul>
      </Alert>
    </Box>
  );
}

/**
 * The entity's service level objectives: objective, current SLI, error budget left and
 * how fast it burns. SLOs measure the impact of outages quantitatively.
 * @public
 */
export function SloStatusCard(props: SloStatusCardProps) {
  const { slos, problems = [] } = props;
  return (
    <InfoCard title="Service level objectives">
      {problems.length > 0 && <ProblemList problems={problems} />}
      {slos.length === 0 ? (
        <EmptyState
          missing="field"
          title="No SLO yet"
          description={
            <>
              Writing an SLO is where driving change starts: it measures the
              impact of outages and shows how much a process change matters. Add
              the <code>{ANNOTATION_SLO_TARGET}</code> annotation (e.g.{' '}
              <code>"99.9"</code>) to this entity's catalog-info.yaml, and
              optionally <code>{ANNOTATION_SLO_WINDOW}</code> (e.g.{' '}
              <code>"30d"</code>).
            </>
          }
        />
      ) : (
        slos.map((slo, index) => (
          <Fragment key={slo.name}>
            {index > 0 && <Divider />}
            <SloSection slo={slo} />
          </Fragment>
        ))
      )}
    </InfoCard>
  );
}
