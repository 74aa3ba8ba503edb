import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  EntityHealth,
  OPS_LOAD_CAP,
  PHASES,
  compareFlagsByPriority,
  stressorTitle,
} from '@internal/backstage-plugin-sre-health-common';
import { useEntityHealth } from '../../hooks';
import { formatPercent, shortRef } from '../../utils/format';
import { EngagementCard } from '../EngagementCard';
import { FiresPostmortemsCard } from '../FiresPostmortemsCard';
import { KnowledgeSiloCard } from '../KnowledgeSiloCard';
import { SloStatusCard } from '../SloStatusCard';
import { StressorFlagsCard } from '../StressorFlagsCard';

/** How many stressors the one-line summary names. */
export const TOP_STRESSORS = 3;

/** One line naming the largest unresolved sources of stress. */
export function topStressorsSummary(health: EntityHealth): string {
  const top = health.stressors
    .filter(f => f.status !== 'resolved')
    .sort(compareFlagsByPriority)
    .slice(0, TOP_STRESSORS);
  if (top.length === 0) {
    return 'No unresolved stressor is flagged.';
  }
  return `Top stressors: ${top
    .map(f => `${stressorTitle(f.stressorKey)} (${f.stressLevel}/5)`)
    .join(', ')}`;
}

function OverloadBanner(props: { health: EntityHealth }) {
  const { opsLoad, engagement } = props.health;
  if (!opsLoad?.overloaded) {
    return null;
  }
  const team = shortRef(opsLoad.teamRef);
  const latest = opsLoad.samples[opsLoad.samples.length - 1];
  const phase = engagement
    ? PHASES.find(p => p.phase === engagement.phase)?.title
    : undefined;
  return (
    <Alert severity="warning">
      <AlertTitle>Operational overload</AlertTitle>
      Ops work took {formatPercent(opsLoad.latestOpsShare, 0)} of {team}'s time
      {latest ? ` in the week of ${latest.weekStart}` : ''}, above the{' '}
      {formatPercent(OPS_LOAD_CAP, 0)} cap.{' '}
      {engagement
        ? `${shortRef(engagement.sreRef)} is embedded with the team (${
            phase ?? engagement.phase
          }).`
        : 'Embed one SRE with the team to recover: more tickets must not mean more SREs.'}
    </Alert>
  );
}

/**
 * The SRE Health tab of an entity page: SLOs, stressors, knowledge silo and the
 * embedding engagement, loaded with a single request.
 * @public
 */
export function SreHealthContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useEntityHealth(entityRef);

  // A reload after an edit keeps showing the previous data instead of a spinner.
  if (!value) {
    if (error) {
      return <ResponseErrorPanel error={error} />;
    }
    if (loading) {
      return <Progress />;
    }
    return null;
  }

  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <Typography variant="subtitle1" component="p">
          {topStressorsSummary(value)}
        </Typography>
      </Grid>
      {value.opsLoad?.overloaded && (
        <Grid item xs={12}>
          <OverloadBanner health={value} />
        </Grid>
      )}
      {error && (
        <Grid item xs={12}>
          <ResponseErrorPanel error={error} title="Could not reload" />
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <SloStatusCard slos={value.slos} problems={value.sloProblems} />
      </Grid>
      <Grid item xs={12} md={6}>
        <EngagementCard
          engagement={value.engagement}
          opsLoad={value.opsLoad}
          teamRef={value.ownerRef}
        />
      </Grid>
      <Grid item xs={12}>
        <StressorFlagsCard
          entityRef={entityRef}
          flags={value.stressors}
          onChange={retry}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <KnowledgeSiloCard silo={value.knowledgeSilo} />
      </Grid>
      <Grid item xs={12} md={6}>
        <FiresPostmortemsCard
          fires={value.fires}
          postmortems={value.postmortems}
        />
      </Grid>
    </Grid>
  );
}
