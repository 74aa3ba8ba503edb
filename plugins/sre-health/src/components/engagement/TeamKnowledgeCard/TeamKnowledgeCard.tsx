import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { TeamComponentKnowledge } from '@sre-health/backstage-plugin-sre-health-common';
import useAsync from 'react-use/esm/useAsync';
import { sreHealthApiRef } from '../../../api';
import { personLabel, shortRef } from '../../../utils/format';
import { RiskStatus } from '../../shared/RiskStatus';

function truckFactorText(c: TeamComponentKnowledge): string {
  if (c.truckFactor === null) {
    return c.truckFactorStatus === 'none'
      ? 'no repository'
      : c.truckFactorStatus;
  }
  return c.activeTruckFactor === c.truckFactor
    ? String(c.truckFactor)
    : `${c.truckFactor} (active ${c.activeTruckFactor})`;
}

function dependencyText(c: TeamComponentKnowledge): string {
  if (!c.singlePersonDependency) return '—';
  return c.keyPeople.length > 0
    ? c.keyPeople.map(personLabel).join(', ')
    : 'nobody can operate it';
}

const columns: TableColumn<TeamComponentKnowledge>[] = [
  {
    title: 'Component',
    render: c => (
      <span title={c.entityRef}>{c.title ?? shortRef(c.entityRef)}</span>
    ),
  },
  { title: 'Risk', render: c => <RiskStatus risk={c.risk} /> },
  {
    title: 'Serving-critical',
    render: c => (c.servingCritical ? 'yes' : 'no'),
  },
  { title: 'Bus factor', render: c => String(c.busFactor) },
  { title: 'Truck factor', render: truckFactorText },
  { title: 'Depends on one person', render: dependencyText },
];

/** @public */
export interface TeamKnowledgeCardProps {
  /** The group; by default the entity of the page (a group page). */
  teamRef?: string;
}

/**
 * A team's knowledge silos: for every component its groups own, how many people can
 * operate it, the truck factor of its code, and which components depend on one person.
 * Without a `teamRef`, it must be on a group page (it reads the page's entity).
 * @public
 */
export function TeamKnowledgeCard(props: TeamKnowledgeCardProps) {
  return props.teamRef ? (
    <TeamCard teamRef={props.teamRef} />
  ) : (
    <PageGroupCard />
  );
}

function PageGroupCard() {
  const { entity } = useEntity();
  return <TeamCard teamRef={stringifyEntityRef(entity)} />;
}

function TeamCard(props: { teamRef: string }) {
  const { teamRef } = props;
  const api = useApi(sreHealthApiRef);
  const { value, loading, error } = useAsync(
    () => api.getTeamKnowledge(teamRef),
    [api, teamRef],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return null;
  }
  const { totals } = value;
  return (
    <InfoCard title="Knowledge silos of the team">
      {value.components.length === 0 ? (
        <EmptyState
          missing="data"
          title="No components"
          description={`${shortRef(
            value.teamRef,
          )} and its sub-teams own no components.`}
        />
      ) : (
        <>
          <Box mb={2}>
            <Typography variant="body1" component="div">
              <RiskStatus risk={value.risk} />{' '}
              <strong>
                {totals.singlePersonDependencies} of {totals.components}
              </strong>{' '}
              components depend on one person (
              {totals.servingCriticalSinglePerson} of {totals.servingCritical}{' '}
              serving-critical).
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {totals.withoutOperators} without anyone able to operate them;{' '}
              {totals.analyzed} with an analysed repository; {totals.lostFiles}{' '}
              files whose every author has left.
            </Typography>
            {value.keyPeople.length > 0 && (
              <Typography variant="body2" aria-label="key people">
                Key people:{' '}
                {value.keyPeople
                  .map(
                    p =>
                      `${personLabel(p.person)} (${p.components
                        .map(shortRef)
                        .join(', ')})`,
                  )
                  .join('; ')}
              </Typography>
            )}
          </Box>
          <Table<TeamComponentKnowledge>
            columns={columns}
            data={value.components.map(c => ({ ...c }))}
            options={{
              paging: false,
              search: false,
              sorting: false,
              toolbar: false,
              draggable: false,
              padding: 'dense',
            }}
            style={{ boxShadow: 'none' }}
          />
        </>
      )}
    </InfoCard>
  );
}
