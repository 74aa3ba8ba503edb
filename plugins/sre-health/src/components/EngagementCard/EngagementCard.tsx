import { EmptyState, InfoCard } from '@backstage/core-components';
import { useApiHolder } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Engagement,
  OPS_LOAD_CAP,
  OpsLoadSummary,
  PHASES,
  phaseIndex,
} from '@internal/backstage-plugin-sre-health-common';
import useAsync from 'react-use/esm/useAsync';
import { sreHealthApiRef } from '../../api';
import { formatDate, formatPercent, shortRef } from '../../utils/format';
import { EngagementTimeline } from '../EngagementTimeline';

const useStyles = makeStyles(theme => ({
  bar: {
    position: 'relative',
    marginTop: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  },
  progress: {
    height: 10,
    borderRadius: 5,
  },
  cap: {
    position: 'absolute',
    top: -4,
    bottom: -4,
    width: 2,
    backgroundColor: theme.palette.text.primary,
  },
  goals: {
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
}));

/** The latest week's share of ops work, with the 50% cap marked on the bar. */
export function OpsShare(props: {
  opsLoad: OpsLoadSummary | null;
  teamName: string;
}) {
  const { opsLoad, teamName } = props;
  const classes = useStyles();
  const share = opsLoad?.latestOpsShare ?? null;
  const latest = opsLoad?.samples[opsLoad.samples.length - 1];
  if (share === null) {
    return (
      <Typography variant="body2" color="textSecondary">
        No ops-load samples recorded for {teamName} yet.
      </Typography>
    );
  }
  const capPercent = OPS_LOAD_CAP * 100;
  return (
    <Box>
      <Typography variant="body2">
        Ops work: <strong>{formatPercent(share, 0)}</strong> of {teamName}'s
        time
        {latest && ` in the week of ${latest.weekStart}`} (cap{' '}
        {formatPercent(OPS_LOAD_CAP, 0)})
        {opsLoad?.overloaded && ' — above the cap'}
      </Typography>
      <Box className={classes.bar}>
        <LinearProgress
          variant="determinate"
          value={Math.min(100, Math.max(0, share * 100))}
          color={opsLoad?.overloaded ? 'secondary' : 'primary'}
          className={classes.progress}
          aria-label={`Ops share ${formatPercent(
            share,
            0,
          )}, cap ${formatPercent(OPS_LOAD_CAP, 0)}`}
        />
        <Box
          className={classes.cap}
          style={{ left: `${capPercent}%` }}
          title={`${formatPercent(OPS_LOAD_CAP, 0)} cap`}
          aria-hidden
        />
      </Box>
    </Box>
  );
}

/**
 * The engagement's progress from its record: kindling cleared and the latest milestones,
 * with a link to the team's page where the record lives. Renders nothing where the SRE
 * Health API is not available.
 */
export function EngagementProgress(props: {
  engagementId: string;
  teamRef: string;
}) {
  const api = useApiHolder().get(sreHealthApiRef);
  const { value, error } = useAsync(
    async () => api?.getEngagementRecord(props.engagementId),
    [api, props.engagementId],
  );
  if (!api) return null;
  if (error) {
    return (
      <Typography variant="body2" color="textSecondary">
        The engagement's timeline could not be loaded: {error.message}
      </Typography>
    );
  }
  if (!value) return null;
  return (
    <Box>
      <Typography variant="body2">
        <strong>Kindling:</strong> {value.kindlingProgress.label}
      </Typography>
      <Typography variant="overline" color="textSecondary" display="block">
        Timeline
      </Typography>
      <EngagementTimeline events={value.timeline} compact limit={5} />
      <Typography variant="body2">
        The whole record (checklists, decisions, kindling, questions, report) is
        on <EntityRefLink entityRef={props.teamRef} />
        's page.
      </Typography>
    </Box>
  );
}

/** @public */
export interface EngagementCardProps {
  /** The team's active engagement, if an SRE is embedded. */
  engagement: Engagement | null;
  opsLoad: OpsLoadSummary | null;
  /** Owner of the entity: the team an SRE would be embedded with. */
  teamRef: string | null;
}

/**
 * The SRE embedded with the owning team: who, since when, which phase of the
 * engagement, its goals, and the team's latest ops share against the 50% cap.
 * @public
 */
export function EngagementCard(props: EngagementCardProps) {
  const { engagement, opsLoad, teamRef } = props;
  const classes = useStyles();
  const team = engagement?.teamRef ?? teamRef;
  const teamName = team ? shortRef(team) : 'the owning team';

  if (!engagement) {
    return (
      <InfoCard title="Embedded SRE">
        <EmptyState
          missing="info"
          title={`No SRE embedded with ${teamName}`}
          description={
            <>
              An engagement starts when a team's operational work exceeds{' '}
              {formatPercent(OPS_LOAD_CAP, 0)} of its time: one SRE (never more)
              joins the team to learn the service, share context and drive
              change, then leaves an after-action report.
            </>
          }
        />
        <OpsShare opsLoad={opsLoad} teamName={teamName} />
      </InfoCard>
    );
  }

  const active = phaseIndex(engagement.phase);
  const closed = engagement.phase === 'closed';
  const current = PHASES.find(p => p.phase === engagement.phase);
  return (
    <InfoCard
      title="Embedded SRE"
      subheader={`${shortRef(engagement.sreRef)} with ${teamName}`}
    >
      <Stepper
        activeStep={closed ? PHASES.length : active}
        alternativeLabel
        aria-label="Engagement phase"
      >
        {PHASES.map((p, index) => (
          <Step key={p.phase} completed={closed || index < active}>
            <StepLabel>{p.title}</StepLabel>
          </Step>
        ))}
      </Stepper>
      {current && (
        <Typography variant="body2" gutterBottom>
          <strong>Current phase: {current.title}.</strong> {current.summary}
        </Typography>
      )}
      <Typography variant="body2">
        Started {formatDate(engagement.startDate)}
        {engagement.endDate
          ? `, ended ${formatDate(engagement.endDate)}`
          : ', ongoing'}
      </Typography>
      <Box mt={2}>
        <Typography variant="overline" color="textSecondary" display="block">
          Goals
        </Typography>
        {engagement.goals ? (
          <Typography variant="body2" className={classes.goals}>
            {engagement.goals}
          </Typography>
        ) : (
          <Typography variant="body2" color="textSecondary">
            No goals written down yet.
          </Typography>
        )}
      </Box>
      <Box mt={2}>
        <OpsShare opsLoad={opsLoad} teamName={teamName} />
      </Box>
      <Box mt={2}>
        <EngagementProgress
          engagementId={engagement.id}
          teamRef={engagement.teamRef}
        />
      </Box>
    </InfoCard>
  );
}
