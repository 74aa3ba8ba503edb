import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  ANNOTATION_OPERATORS,
  ANNOTATION_TIER,
  KnowledgeSiloSummary,
  OnCallOperator,
  Operator,
  TruckFactorSummary,
  VERDICT_ANCHORS,
} from '@sre-health/backstage-plugin-sre-health-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useState } from 'react';
import { useAnnotationPermissions } from '../../../hooks';
import { personLabel, shortRef } from '../../../utils/format';
import { Disclosure } from '../../shared/Disclosure';
import { Figure } from '../../shared/Figure';
import { InfoTip } from '../../shared/InfoTip';
import { SetupLine } from '../../shared/SetupLine';
import { LEVEL_LABELS, RecordOperator } from './RecordOperator';
import { RiskStatus } from '../../shared/RiskStatus';
import { TruckFactorSection } from './TruckFactorSection';
import { WhatIf } from './WhatIf';
import { operatorSources, whatIfCandidates } from './people';
import { useSiloWithAuthors } from './useSiloWithAuthors';

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(3, minmax(0, 1fr)) auto',
    gap: theme.spacing(1),
    alignItems: 'start',
  },
  nowrap: { whiteSpace: 'nowrap' },
  risk: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    minHeight: theme.spacing(5),
    fontWeight: 700,
    whiteSpace: 'nowrap',
  },
  table: { overflowX: 'auto' },
}));

// Narrow cells: the table sits in a third of the page.
const CELL = { padding: '4px 8px' };
const NOWRAP_CELL = { ...CELL, whiteSpace: 'nowrap' } as const;

function truckCaption(tf: TruckFactorSummary): string {
  if (tf.truckFactor === null) return tf.reason ?? 'not analysed yet';
  if (tf.status === 'unavailable') return 'last known';
  if (tf.activeTruckFactor !== null && tf.activeTruckFactor !== tf.truckFactor)
    return `${tf.activeTruckFactor} counting only people still here`;
  return 'hold the code';
}

/** Sources in short words that never break; each one's sentence is its title. */
function Sources(props: {
  op: Operator;
  onCall: ReadonlyArray<OnCallOperator>;
}) {
  const classes = useStyles();
  const parts = operatorSources(props.op, props.onCall);
  return (
    <Typography variant="caption" component="span">
      {parts.map((part, i) => (
        <span key={part.full} title={part.full}>
          {i > 0 && ', '}
          <span className={classes.nowrap}>{part.short}</span>
          {part.detail && (
            <>
              {' '}
              <span className={classes.nowrap}>({part.detail})</span>
            </>
          )}
        </span>
      ))}
    </Typography>
  );
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
  /**
   * The component's SLOs (the tab's read): the what-if names those a person's leaving
   * would leave without them.
   */
  slos?: ReadonlyArray<{ name: string; displayName?: string | null }>;
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
  const silo = useSiloWithAuthors(
    entityRef,
    own?.base === props.silo ? own.silo : props.silo,
  );
  const replace = (next: KnowledgeSiloSummary) => {
    setOwn({ base: props.silo, silo: next });
    props.onChange?.();
  };

  const classes = useStyles();
  const { canCreate, canUpdate } = useAnnotationPermissions(entityRef);
  const tf = silo.truckFactor;
  const onCall = silo.onCall ?? [];
  const columns: TableColumn<Operator>[] = [
    {
      title: 'Operator',
      render: op => <span title={op.userRef}>{shortRef(op.userRef)}</span>,
      cellStyle: NOWRAP_CELL,
      headerStyle: NOWRAP_CELL,
    },
    {
      title: 'Level',
      render: op => LEVEL_LABELS[op.level],
      cellStyle: NOWRAP_CELL,
      headerStyle: NOWRAP_CELL,
    },
    {
      title: 'Source',
      render: op => <Sources op={op} onCall={onCall} />,
      cellStyle: CELL,
      headerStyle: NOWRAP_CELL,
    },
  ];
  const people = whatIfCandidates(silo);
  const keyPeople = silo.singlePersonDependency ? silo.keyPeople ?? [] : [];
  const lost = tf?.lostFiles.count ?? 0;
  const codeDetails =
    tf &&
    (tf.truckFactor !== null ||
      tf.status === 'unavailable' ||
      (tf.status === 'pending' && canUpdate));

  return (
    <div id={VERDICT_ANCHORS.knowledge}>
      <InfoCard title="Knowledge silo">
        <Box className={classes.figures}>
          <Box>
            <Typography
              variant="body1"
              component="div"
              className={classes.risk}
            >
              <RiskStatus risk={silo.risk} />
            </Typography>
            <Typography variant="caption" color="textSecondary" component="p">
              tier {silo.tier}
            </Typography>
            <Typography variant="caption" color="textSecondary" component="p">
              {silo.servingCritical ? '' : 'not '}
              <span className={classes.nowrap}>serving-critical</span>
            </Typography>
          </Box>
          <Figure
            label="bus factor"
            ariaLabel={`bus factor ${silo.busFactor}`}
            value={silo.busFactor}
            detail="can operate it"
          />
          {tf && (
            <Figure
              label="truck factor"
              ariaLabel={`truck factor ${
                tf.truckFactor === null ? '—' : tf.truckFactor
              }`}
              value={tf.truckFactor === null ? '—' : tf.truckFactor}
              detail={truckCaption(tf)}
            />
          )}
          <Box gridColumn={4}>
            <InfoTip label="the knowledge silo">
              Bus factor: the people who can operate the component (expert or
              can operate, or on call in the last 90 days), not counting the
              embedded SRE, who leaves when the engagement ends. Truck factor:
              the fewest authors whose departure leaves more than half of the
              files without an author. The risk is the worse of the two; one
              person on a serving-critical component is the knowledge-gap
              stressor. Mark a serving-critical component with{' '}
              <code>{ANNOTATION_TIER}: critical</code>.
            </InfoTip>
          </Box>
        </Box>
        {silo.embeddedSre && (
          <Typography variant="body2" color="textSecondary" component="p">
            Not counted: {shortRef(silo.embeddedSre.userRef)}, the embedded SRE
            ({LEVEL_LABELS[silo.embeddedSre.level]}). They leave when the
            engagement ends, and what only they can do leaves with them.
          </Typography>
        )}
        {keyPeople.length > 0 && (
          <Box mt={1}>
            <Alert severity={silo.servingCritical ? 'error' : 'warning'}>
              Depends on one person: {keyPeople.map(personLabel).join(', ')}
            </Alert>
          </Box>
        )}
        {silo.operators.length === 0 && (
          <Box mt={1}>
            <SetupLine>
              Nobody is known to be able to operate this component. Declare
              operators with the <code>{ANNOTATION_OPERATORS}</code> annotation
              (comma-separated user refs), push on-call shifts, or have an SRE
              record them.
            </SetupLine>
          </Box>
        )}
        <Box mt={1}>
          {tf && codeDetails && (
            <Disclosure
              label={
                lost > 0
                  ? `Code knowledge (${lost} ${
                      lost === 1 ? 'file' : 'files'
                    } lost)`
                  : 'Code knowledge'
              }
              hideLabel="Hide code knowledge"
            >
              <TruckFactorSection
                tf={tf}
                entityRef={entityRef}
                onAnalysed={replace}
              />
            </Disclosure>
          )}
          {(silo.operators.length > 0 || canCreate) && (
            <Disclosure
              label={
                silo.operators.length > 0
                  ? `Operators (${silo.operators.length})`
                  : 'Record an operator'
              }
              hideLabel="Hide operators"
            >
              {silo.operators.length > 0 && (
                <Box className={classes.table}>
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
            </Disclosure>
          )}
          {people.length > 0 && (
            <Disclosure label="What if someone left?" hideLabel="Hide what-if">
              <WhatIf
                entityRef={entityRef}
                people={people}
                onCall={silo.onCall ?? []}
                slos={props.slos ?? []}
              />
            </Disclosure>
          )}
        </Box>
      </InfoCard>
    </div>
  );
}
