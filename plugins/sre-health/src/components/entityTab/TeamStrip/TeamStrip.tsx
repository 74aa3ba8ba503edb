import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Engagement,
  OPS_LOAD_CAP,
  OpsLoadSummary,
  PHASES,
} from '@internal/backstage-plugin-sre-health-common';
import { formatDate, formatPercent, shortRef } from '../../../utils/format';
import { InfoTip } from '../../shared/InfoTip';
import { StatusText } from '../../shared/StatusText';

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
}));

/** @public */
export interface TeamStripProps {
  teamRef: string | null;
  opsLoad: OpsLoadSummary | null;
  engagement: Engagement | null;
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
  const share = opsLoad?.latestOpsShare ?? null;
  const latest = opsLoad?.samples[opsLoad.samples.length - 1];
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
      <Typography variant="body2" className={classes.item}>
        {share === null ? (
          'No ops load recorded'
        ) : (
          <StatusText kind={opsLoad?.overloaded ? 'error' : 'ok'}>
            Ops work {formatPercent(share, 0)} of the team's time
            {latest ? ` (week of ${latest.weekStart})` : ''}
            {opsLoad?.overloaded
              ? ` — operational overload, above the ${formatPercent(
                  OPS_LOAD_CAP,
                  0,
                )} cap`
              : `, within the ${formatPercent(OPS_LOAD_CAP, 0)} cap`}
          </StatusText>
        )}
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
        An SRE team keeps operational work at or below half of its time; above
        it, one SRE embeds with the team. The ops-load chart, the engagement's
        record and its after-action report are on the team's page.
      </InfoTip>
    </Paper>
  );
}
