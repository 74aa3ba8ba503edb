import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid, { GridSize } from '@material-ui/core/Grid';
import {
  EntityHealth,
  Verdict,
  computeVerdict,
} from '@sre-health/backstage-plugin-sre-health-common';
import { ReactNode, useMemo } from 'react';
import { useEntityHealth } from '../../../hooks';
import { FiresCard } from '../FiresCard';
import { KnowledgeSiloCard } from '../KnowledgeSiloCard';
import { PostmortemsCard } from '../PostmortemsCard';
import { SloStatusCard } from '../SloStatusCard';
import { StressorFlagsCard } from '../StressorFlagsCard';
import { StressorInputsCard } from '../StressorInputsCard';
import { TeamStrip } from '../TeamStrip';
import { VerdictPanel } from '../VerdictPanel';

/** What every section of the tab is rendered from. */
export interface TabSectionProps {
  health: EntityHealth;
  verdict: Verdict;
  entityRef: string;
  /** Reloads the tab after a write. */
  reload: () => void;
}

/** One section of the tab: its grid width from `lg` (1280 px) up, and what it renders. */
export interface TabSection {
  key: string;
  /** Columns out of 12 on wide screens; narrower screens stack sections. */
  lg: GridSize;
  /** On medium screens (960 px up); defaults to the full width. */
  md?: GridSize;
  render: (props: TabSectionProps) => ReactNode;
}

/**
 * The tab, top to bottom: the verdict and what to do first, the team's line, then the
 * evidence — SLOs beside the stressors, the detectors' inputs, and the knowledge silo,
 * fires and postmortems side by side. Each card leads with its figure and keeps its detail
 * behind a disclosure, so the tab of a busy service fits in about two screens.
 */
export const TAB_SECTIONS: ReadonlyArray<TabSection> = [
  {
    key: 'verdict',
    lg: 12,
    render: ({ verdict }) => <VerdictPanel verdict={verdict} />,
  },
  {
    key: 'team',
    lg: 12,
    render: ({ health }) => (
      <TeamStrip
        teamRef={health.ownerRef}
        opsLoad={health.opsLoad}
        engagement={health.engagement}
      />
    ),
  },
  {
    key: 'slos',
    lg: 5,
    render: ({ health, reload }) => (
      <SloStatusCard
        slos={health.slos}
        problems={health.sloProblems}
        notComputable={health.sloNotComputable}
        entityRef={health.entityRef}
        onChange={reload}
      />
    ),
  },
  {
    key: 'stressors',
    lg: 7,
    render: ({ health, entityRef, reload }) => (
      <StressorFlagsCard
        entityRef={entityRef}
        flags={health.stressors}
        onChange={reload}
      />
    ),
  },
  {
    key: 'inputs',
    lg: 12,
    render: ({ entityRef, reload }) => (
      <StressorInputsCard entityRef={entityRef} onChange={reload} />
    ),
  },
  {
    key: 'knowledge',
    lg: 4,
    md: 6,
    render: ({ health, reload }) => (
      <KnowledgeSiloCard
        silo={health.knowledgeSilo}
        slos={health.slos}
        onChange={reload}
      />
    ),
  },
  {
    key: 'fires',
    lg: 4,
    md: 6,
    render: ({ health, entityRef, reload }) => (
      <FiresCard
        entityRef={entityRef}
        fires={health.fires}
        counts={health.fireCounts}
        onChange={reload}
      />
    ),
  },
  {
    key: 'postmortems',
    lg: 4,
    md: 12,
    render: ({ health, entityRef, reload }) => (
      <PostmortemsCard
        entityRef={entityRef}
        postmortems={health.postmortems}
        total={health.postmortemCount}
        onChange={reload}
      />
    ),
  },
];

/**
 * The SRE Health tab of an entity page, loaded with a single request: the verdict first,
 * then the sections of `TAB_SECTIONS`.
 * @public
 */
export function SreHealthContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useEntityHealth(entityRef);
  const verdict = useMemo(() => value && computeVerdict(value), [value]);

  // A reload after an edit keeps showing the previous data instead of a spinner.
  if (!value || !verdict) {
    if (error) {
      return <ResponseErrorPanel error={error} />;
    }
    if (loading) {
      return <Progress />;
    }
    return null;
  }

  const props: TabSectionProps = {
    health: value,
    verdict,
    entityRef,
    reload: retry,
  };
  return (
    <Grid container spacing={3} alignItems="stretch">
      {error && (
        <Grid item xs={12}>
          <ResponseErrorPanel error={error} title="Could not reload" />
        </Grid>
      )}
      {TAB_SECTIONS.map(section => (
        <Grid
          key={section.key}
          item
          xs={12}
          md={section.md ?? 12}
          lg={section.lg}
        >
          {section.render(props)}
        </Grid>
      ))}
    </Grid>
  );
}
