import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles, Theme } from '@material-ui/core/styles';
import {
  AlertRuleState,
  BURN_RATE_WINDOWS,
  SloSummary,
  describeExhaustion,
  timeToExhaustion,
} from '@sre-health/backstage-plugin-sre-health-common';
import { ReactNode } from 'react';
import { StatusText } from '../../shared/StatusText';
import { alertRules, BurnRateChart } from './BurnRateChart';
import { formatBurnRate } from '../../../utils/sloFormat';

/**
 * A firing row: a light tint of the state colour over the card, with the card's own text
 * colour (AA in both palettes: the theme's errorBackground is light pink in dark theme too,
 * under white text), and a bar of the state colour on its first cell.
 */
const firingRow = (color: string, theme: Theme) => ({
  // On the cells: they paint over the theme's striped row backgrounds.
  '& > *': {
    backgroundColor: alpha(color, 0.12),
    color: theme.palette.text.primary,
  },
  '& > :first-child': { boxShadow: `inset 4px 0 0 ${color}` },
});

const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  table: { '& th, & td': { whiteSpace: 'nowrap' } },
  page: firingRow(theme.palette.status.error, theme),
  ticket: firingRow(theme.palette.status.warning, theme),
  above: { fontWeight: theme.typography.fontWeightBold as number },
  caption: { marginTop: theme.spacing(1) },
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
}));

type RuleState =
  | 'firing'
  | 'long-only'
  | 'short-only'
  | 'ok'
  | 'no-data'
  | 'off';

function ruleState(
  rule: AlertRuleState,
  long: number | null,
  short: number | null,
): RuleState {
  if (rule.firing) return 'firing';
  if (rule.off) return 'off';
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
    case 'off':
      return <span title={rule.off}>off</span>;
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
    <div className={classes.scroll}>
      <Table
        size="small"
        className={classes.table}
        aria-label={`Burn-rate alerts of ${title}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Alert</TableCell>
            <TableCell align="right">Long window</TableCell>
            <TableCell align="right">Short window</TableCell>
            <TableCell align="right">Threshold</TableCell>
            <TableCell align="right">Budget gone in</TableCell>
            <TableCell>State</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {alertRules(slo).map(rule => {
            const long = rate(rule.long);
            const short = rate(rule.short);
            const state = ruleState(rule, long, short);
            // at the long window's burn: the time to exhaustion this rule watches
            const goneIn = describeExhaustion(timeToExhaustion(slo, long));
            return (
              <TableRow
                key={`${rule.long}/${rule.short}/${rule.policy ?? ''}`}
                className={state === 'firing' ? classes[rule.severity] : ''}
              >
                <TableCell
                  component="th"
                  scope="row"
                  title={
                    rule.policy ? `alert policy ${rule.policy}` : undefined
                  }
                >
                  {rule.severityName && rule.severityName !== rule.severity
                    ? `${rule.severityName} (${rule.severity})`
                    : rule.severity}
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
                <TableCell align="right">{goneIn ?? 'never'}</TableCell>
                <TableCell>
                  <RuleStateText rule={rule} state={state} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

/**
 * Every look-back window's burn rate against the alert thresholds (above 1× the budget
 * runs out early), drawn as a chart; the numbers are also in a table for screen readers.
 */
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
      <BurnRateChart slo={slo} />
      <div className={classes.visuallyHidden}>
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
              {BURN_RATE_WINDOWS.map(({ window }) => (
                <TableCell key={window} align="right">
                  {formatBurnRate(rates.get(window) ?? null)}
                </TableCell>
              ))}
            </TableRow>
            <TableRow>
              {BURN_RATE_WINDOWS.map(({ window }) => (
                <TableCell key={window} align="right">
                  {describeExhaustion(
                    timeToExhaustion(slo, rates.get(window) ?? null),
                  ) ?? 'never'}
                </TableCell>
              ))}
            </TableRow>
          </TableBody>
        </Table>
      </div>
    </>
  );
}
