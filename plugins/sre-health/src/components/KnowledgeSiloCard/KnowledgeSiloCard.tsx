import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ANNOTATION_OPERATORS,
  ANNOTATION_TIER,
  KnowledgeSiloSummary,
  OnCallOperator,
  Operator,
} from '@internal/backstage-plugin-sre-health-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ReactNode, useState } from 'react';
import { formatDate, shortRef } from '../../utils/format';
import { LEVEL_LABELS, RecordOperator } from './RecordOperator';
import { RiskStatus } from './RiskStatus';
import { TruckFactorSection } from './TruckFactorSection';
import { WhatIf } from './WhatIf';
import { SOURCE_LABELS, personLabel, whatIfCandidates } from './people';

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Box mb={1}>
      <Typography variant="overline" color="textSecondary" display="block">
        {props.label}
      </Typography>
      <Typography variant="body1" component="div">
        {props.children}
      </Typography>
    </Box>
  );
}

function BigNumber(props: {
  value: number | null;
  label: string;
  caption?: string;
}) {
  const shown = props.value === null ? '—' : String(props.value);
  return (
    <Box textAlign="center" mb={1}>
      <Typography
        variant="h2"
        component="p"
        aria-label={`${props.label} ${shown}`}
      >
        {shown}
      </Typography>
      <Typography variant="caption" color="textSecondary" display="block">
        {props.label}
      </Typography>
      {props.caption && (
        <Typography variant="caption" color="textSecondary" display="block">
          {props.caption}
        </Typography>
      )}
    </Box>
  );
}

function sourceText(op: Operator, onCall: ReadonlyArray<OnCallOperator>) {
  const labels = (op.sources ?? [op.source]).map(s => {
    const shifts = onCall.find(o => o.userRef === op.userRef);
    return s === 'on-call' && shifts
      ? `${SOURCE_LABELS[s]}: ${shifts.shifts} ${
          shifts.shifts === 1 ? 'shift' : 'shifts'
        }, last ended ${formatDate(shifts.lastShiftEndedAt)}`
      : SOURCE_LABELS[s];
  });
  return labels.join('; ');
}

/** @public */
export interface KnowledgeSiloCardProps {
  silo: KnowledgeSiloSummary;
  /**
   * The component the silo belongs to; by default the entity of the page. With it, the card
   * offers the what-if and, to SREs, recording operators and analysing the repository now.
   */
  entityRef?: string;
  /** Called after the card changed data (an operator recorded, an analysis run). */
  onChange?: () => void;
}

/**
 * Who can operate the component and who knows its code. A bus factor or truck factor of 1
 * on a serving-critical component is the book's knowledge-gap stressor. Without an
 * `entityRef`, it must be on an entity page (it reads the page's entity).
 * @public
 */
export function KnowledgeSiloCard(props: KnowledgeSiloCardProps) {
  return props.entityRef ? (
    <Card {...props} entityRef={props.entityRef} />
  ) : (
    <PageEntityCard {...props} />
  );
}

function PageEntityCard(props: KnowledgeSiloCardProps) {
  const { entity } = useEntity();
  return <Card {...props} entityRef={stringifyEntityRef(entity)} />;
}

function Card(props: KnowledgeSiloCardProps & { entityRef: string }) {
  const { entityRef } = props;
  // What the card itself reloaded, until the page hands in a newer summary.
  const [own, setOwn] = useState<{
    base: KnowledgeSiloSummary;
    silo: KnowledgeSiloSummary;
  }>();
  const silo = own?.base === props.silo ? own.silo : props.silo;
  const replace = (next: KnowledgeSiloSummary) => {
    setOwn({ base: props.silo, silo: next });
    props.onChange?.();
  };

  const tf = silo.truckFactor;
  const onCall = silo.onCall ?? [];
  const columns: TableColumn<Operator>[] = [
    {
      title: 'Operator',
      render: op => <span title={op.userRef}>{shortRef(op.userRef)}</span>,
    },
    { title: 'Level', render: op => LEVEL_LABELS[op.level] },
    { title: 'Source', render: op => sourceText(op, onCall) },
  ];
  const people = whatIfCandidates(silo);

  return (
    <InfoCard title="Knowledge silo">
      <Grid container spacing={2} alignItems="center">
        <Grid item xs={tf ? 3 : 5}>
          <BigNumber
            value={silo.busFactor}
            label="bus factor"
            caption="people who can operate it"
          />
        </Grid>
        {tf && (
          <Grid item xs={4}>
            <BigNumber
              value={tf.truckFactor}
              label="truck factor"
              caption={
                tf.activeTruckFactor !== null &&
                tf.activeTruckFactor !== tf.truckFactor
                  ? `${tf.activeTruckFactor} counting only people still here`
                  : 'authors who hold the code'
              }
            />
          </Grid>
        )}
        <Grid item xs={tf ? 5 : 7}>
          <Fact label="Risk">
            <RiskStatus risk={silo.risk} />
          </Fact>
          <Fact label="Tier">{silo.tier}</Fact>
          <Fact label="Serving-critical">
            {silo.servingCritical ? 'yes' : 'no'}
          </Fact>
        </Grid>
      </Grid>
      {silo.singlePersonDependency && (silo.keyPeople ?? []).length > 0 && (
        <Alert severity={silo.servingCritical ? 'error' : 'warning'}>
          Depends on one person:{' '}
          {(silo.keyPeople ?? []).map(personLabel).join(', ')}
        </Alert>
      )}
      {tf && (
        <TruckFactorSection
          tf={tf}
          entityRef={entityRef}
          onAnalysed={replace}
        />
      )}
      {silo.operators.length === 0 ? (
        <Box mt={2}>
          <Typography variant="body2">
            Nobody is known to be able to operate this component.
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Declare operators with the <code>{ANNOTATION_OPERATORS}</code>{' '}
            annotation (comma-separated user refs), push on-call shifts, or have
            an SRE record them. Mark a serving-critical component with{' '}
            <code>{ANNOTATION_TIER}: critical</code>.
          </Typography>
        </Box>
      ) : (
        <Box mt={2}>
          <Table<Operator>
            title="Operators"
            columns={columns}
            data={silo.operators.map(op => ({ ...op }))}
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
        </Box>
      )}
      <RecordOperator entityRef={entityRef} onRecorded={replace} />
      {people.length > 0 && <WhatIf entityRef={entityRef} people={people} />}
    </InfoCard>
  );
}
