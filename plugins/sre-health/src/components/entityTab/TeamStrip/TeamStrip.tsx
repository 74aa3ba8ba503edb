import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  DEFAULT_OVERLOAD_WEEKS,
  Engagement,
  OPS_LOAD_CAP,
  OpsLoadSummary,
  PHASES,
  opsSourcesWords,
  overloadWindowWords,
} from '@sre-health/backstage-plugin-sre-health-common';
import { formatDate, formatPercent, shortRef } from '../../../utils/format';
import { InfoTip } from '../../shared/InfoTip';
import { StatusKind, StatusText } from '../../shared/StatusText';

const useStyles = makeStyles(theme => ({
  strip: {
    padding: theme.spacing(1, 2),
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(0.5),
  },
  item: { whiteSpace: 'nowrap' },
  weeks: {
    display: 'inline',
    margin: 0,
    padding: 0,
    listStyle: 'none',
    '& li': { display: 'inline' },
    '& li + li::before': { content: '" · "' },
  },
}));

/** @public */
export interface TeamStripProps {
  teamRef: string | null;
  opsLoad: OpsLoadSummary | null;
  engagement: Engagement | null;
}

/**
 * The team's ops share over the rolling window against the cap: overload is a sustained
 * state, so one bad week does not make it. The weekly shares stand beside it.
 */
function OpsLoadLine(props: { opsLoad: OpsLoadSummary }) {
  const { opsLoad } = props;
  const classes = useStyles();
  const share = opsLoad.windowOpsShare;
  if (share === null) return <>No ops load recorded</>;
  const cap = formatPercent(OPS_LOAD_CAP, 0);
  let kind: StatusKind = 'ok';
  let verdict = `, within the ${cap} cap`;
  if (opsLoad.overloaded) {
    kind = 'error';
    verdict = ` — operational overload, above the ${cap} cap`;
  } else if (share > OPS_LOAD_CAP) {
    kind = 'warning';
    verdict = ` (${opsLoad.window.length} of ${opsLoad.windowWeeks} weeks recorded) — too few weeks to call it overload`;
  }
  // where the share comes from (a typed week overrides the computed one), and the toil in it
  const source = opsSourcesWords(opsLoad.windowSources);
  const toil = opsLoad.windowToilShare;
  return (
    <>
      <StatusText kind={kind}>
        Ops work {formatPercent(share, 0)} of the team's time over{' '}
        {overloadWindowWords(opsLoad.windowWeeks)}
        {verdict}
      </StatusText>{' '}
      <span>
        (
        {source && (
          <span title="A typed week overrides the one computed from fires, pages and interrupts">
            {source}
            {toil !== null && toil !== undefined
              ? `, toil ${formatPercent(toil, 0)} of it`
              : ''}
            ;{' '}
          </span>
        )}
        by week:{' '}
        <ul className={classes.weeks} aria-label="Ops share by week">
          {opsLoad.window.map(w => (
            <li
              key={w.weekStart}
              title={`week of ${w.weekStart}${w.source ? `, ${w.source}` : ''}`}
            >
              {formatPercent(w.opsShare, 0)}
            </li>
          ))}
        </ul>
        )
      </span>
    </>
  );
}

/**
 * The owning team's part of the tab in one line: its ops share against the cap and its
 * embedded SRE. The team's full record (ops-load chart, engagement, report) is on its
 * group page, which the team's name links to; every service of the team shares this line.
 */
export function TeamStrip(props: TeamStripProps) {
  const { teamRef, opsLoad, engagement } = props;
  const classes = useStyles();
  if (!teamRef) {
    return null;
  }
  const phase = engagement && PHASES.find(p => p.phase === engagement.phase);
  return (
    <Paper
      component="section"
      aria-label="Team"
      id="team"
      className={classes.strip}
    >
      <Typography variant="body2" className={classes.item}>
        Team <EntityRefLink entityRef={teamRef} defaultKind="group" />
      </Typography>
      <Typography variant="body2" component="div">
        {opsLoad ? <OpsLoadLine opsLoad={opsLoad} /> : 'No ops load recorded'}
      </Typography>
      <Typography variant="body2" className={classes.item}>
        {engagement ? (
          <>
            Embedded SRE <strong>{shortRef(engagement.sreRef)}</strong>,{' '}
            {phase?.title ?? engagement.phase} since{' '}
            {formatDate(engagement.startDate)}
          </>
        ) : (
          'No SRE embedded'
        )}
      </Typography>
      <InfoTip label="the team line">
        An SRE team keeps operational work at or below half of its time. Above
        it over{' '}
        {overloadWindowWords(opsLoad?.windowWeeks ?? DEFAULT_OVERLOAD_WEEKS)},
        with at least half of those weeks recorded, the team is in operational
        overload and one SRE embeds with it; one bad week is not overload. The
        ops-load chart, the engagement's record and its after-action report are
        on the team's page.
      </InfoTip>
    </Paper>
  );
}
