import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  AlertRuleState,
  BURN_RATE_WINDOWS,
  SloSummary,
  evaluateAlerts,
} from '@internal/backstage-plugin-sre-health-common';
import { ReactNode } from 'react';
import { StatusText } from '../StatusText';
import { formatBurnRate } from './sloFormat';

const useStyles = makeStyles(theme => ({
  page: { backgroundColor: theme.palette.errorBackground },
  ticket: { backgroundColor: theme.palette.warningBackground },
  above: { fontWeight: theme.typography.fontWeightBold as number },
  caption: { marginTop: theme.spacing(1) },
}));

/** The rules the backend evaluated, or (without any) the workbook's rules at this window. */
function alertRules(slo: SloSummary): AlertRuleState[] {
  if (slo.alert?.rules?.length) {
    return slo.alert.rules;
  }
  return evaluateAlerts(slo.burnRates, slo.windowMs).rules;
}

type RuleState = 'firing' | 'long-only' | 'short-only' | 'ok' | 'no-data';

function ruleState(
  rule: AlertRuleState,
  long: number | null,
  short: number | null,
): RuleState {
  if (rule.firing) return 'firing';
  if (long === null || short === null) return 'no-data';
  if (long > rule.threshold) return 'long-only';
  if (short > rule.threshold) return 'short-only';
  return 'ok';
}

function RuleStateText(props: { rule: AlertRuleState; state: RuleState }) {
  const { rule, state } = props;
  switch (state) {
    case 'firing':
      return (
        <StatusText kind={rule.severity === 'page' ? 'error' : 'warning'}>
          firing: {rule.severity}
        </StatusText>
      );
    case 'long-only':
      // The short window lets the alert reset as soon as the burn stops.
      return <>{rule.short} window recovered</>;
    case 'short-only':
      return <>spike, {rule.long} window below</>;
    case 'no-data':
      return <>no data</>;
    default:
      return <>ok</>;
  }
}

/**
 * The workbook's multi-window, multi-burn-rate alerts: a rule fires when both its long and
 * its short window burn faster than its threshold. Rows of firing rules are highlighted,
 * page as an error and ticket as a warning.
 */
export function AlertRulesTable(props: { slo: SloSummary }) {
  const { slo } = props;
  const classes = useStyles();
  const rates = new Map(slo.burnRates.map(b => [b.window, b.rate]));
  const rate = (window: string) => rates.get(window) ?? null;
  const title = slo.displayName || slo.name;

  const burnCell = (
    window: string,
    value: number | null,
    threshold: number,
  ): ReactNode => {
    const text = `${window}: ${formatBurnRate(value)}`;
    return value !== null && value > threshold ? (
      <span className={classes.above} title={`above ${threshold}×`}>
        {text}
      </span>
    ) : (
      text
    );
  };

  return (
    <Table size="small" aria-label={`Burn-rate alerts of ${title}`}>
      <TableHead>
        <TableRow>
          <TableCell>Alert</TableCell>
          <TableCell align="right">Long window</TableCell>
          <TableCell align="right">Short window</TableCell>
          <TableCell align="right">Threshold</TableCell>
          <TableCell>State</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {alertRules(slo).map(rule => {
          const long = rate(rule.long);
          const short = rate(rule.short);
          const state = ruleState(rule, long, short);
          return (
            <TableRow
              key={`${rule.long}/${rule.short}`}
              className={state === 'firing' ? classes[rule.severity] : ''}
            >
              <TableCell component="th" scope="row">
                {rule.severity}
              </TableCell>
              <TableCell align="right">
                {burnCell(rule.long, long, rule.threshold)}
              </TableCell>
              <TableCell align="right">
                {burnCell(rule.short, short, rule.threshold)}
              </TableCell>
              <TableCell align="right">
                {formatBurnRate(rule.threshold)}
              </TableCell>
              <TableCell>
                <RuleStateText rule={rule} state={state} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** Every look-back window's burn rate in one row; above 1× the budget runs out early. */
export function BurnRateRow(props: { slo: SloSummary }) {
  const { slo } = props;
  const classes = useStyles();
  const rates = new Map(slo.burnRates.map(b => [b.window, b.rate]));
  return (
    <>
      <Typography
        variant="caption"
        color="textSecondary"
        component="p"
        className={classes.caption}
      >
        Burn rate per look-back window (1× spends the budget exactly over{' '}
        {slo.window})
      </Typography>
      <Table
        size="small"
        padding="none"
        aria-label={`Burn rates of ${slo.displayName || slo.name}`}
      >
        <TableHead>
          <TableRow>
            {BURN_RATE_WINDOWS.map(({ window }) => (
              <TableCell key={window} align="right">
                {window}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          <TableRow>
            {BURN_RATE_WINDOWS.map(({ window }) => {
              const value = rates.get(window) ?? null;
              return (
                <TableCell key={window} align="right">
                  {value !== null && value > 1 ? (
                    <span className={classes.above}>
                      {formatBurnRate(value)}
                    </span>
                  ) : (
                    formatBurnRate(value)
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        </TableBody>
      </Table>
    </>
  );
}
