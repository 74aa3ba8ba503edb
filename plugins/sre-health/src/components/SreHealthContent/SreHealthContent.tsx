import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { useEntityHealth } from '../../hooks';
import { EngagementCard } from '../EngagementCard';
import { FiresCard } from '../FiresCard';
import { KnowledgeSiloCard } from '../KnowledgeSiloCard';
import { OpsLoadCard, OverloadBanner } from '../OpsLoadCard';
import { PostmortemsCard } from '../PostmortemsCard';
import { SloStatusCard } from '../SloStatusCard';
import { StressorFlagsCard } from '../StressorFlagsCard';
import { StressorInputsCard } from '../StressorInputsCard';
import { TopStressors } from '../TopStressors';

/**
 * The SRE Health tab of an entity page: the team's top stressors and any operational
 * overload first, then SLOs, the embedding engagement, the stressors, ops load,
 * knowledge silo, fires and postmortems, loaded with a single request.
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
        <TopStressors flags={value.stressors} />
      </Grid>
      {value.opsLoad?.overloaded && (
        <Grid item xs={12}>
          <OverloadBanner
            opsLoad={value.opsLoad}
            engagement={value.engagement}
          />
        </Grid>
      )}
      {error && (
        <Grid item xs={12}>
          <ResponseErrorPanel error={error} title="Could not reload" />
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <SloStatusCard
          slos={value.slos}
          problems={value.sloProblems}
          entityRef={value.entityRef}
          onChange={retry}
        />
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
      <Grid item xs={12}>
        <StressorInputsCard entityRef={entityRef} onChange={retry} />
      </Grid>
      <Grid item xs={12} md={6}>
        <OpsLoadCard opsLoad={value.opsLoad} teamRef={value.ownerRef} />
      </Grid>
      <Grid item xs={12} md={6}>
        <KnowledgeSiloCard silo={value.knowledgeSilo} onChange={retry} />
      </Grid>
      <Grid item xs={12} md={6}>
        <FiresCard
          entityRef={entityRef}
          fires={value.fires}
          counts={value.fireCounts}
          onChange={retry}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <PostmortemsCard
          entityRef={entityRef}
          postmortems={value.postmortems}
          total={value.postmortemCount}
          onChange={retry}
        />
      </Grid>
    </Grid>
  );
}
