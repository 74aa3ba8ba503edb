import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_OPERATORS,
  ANNOTATION_TIER,
  ExpertiseLevel,
  KnowledgeSiloSummary,
  Operator,
  SiloRisk,
} from '@internal/backstage-plugin-sre-health-common';
import { ReactNode } from 'react';
import { shortRef } from '../../utils/format';
import { StatusText } from '../StatusText';

const LEVEL_LABELS: Record<ExpertiseLevel, string> = {
  expert: 'expert',
  'can-operate': 'can operate',
  learning: 'learning',
};

const SOURCE_LABELS: Record<Operator['source'], string> = {
  recorded: 'recorded by an SRE',
  annotation: 'catalog-info annotation',
  'on-call': 'on call in the last 90 days',
};

function RiskStatus(props: { risk: SiloRisk }) {
  const label = `${props.risk} risk`;
  switch (props.risk) {
    case 'high':
      return <StatusText kind="error">{label}</StatusText>;
    case 'medium':
      return <StatusText kind="warning">{label}</StatusText>;
    default:
      return <StatusText kind="ok">{label}</StatusText>;
  }
}

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

const columns: TableColumn<Operator>[] = [
  {
    title: 'Operator',
    render: op => <span title={op.userRef}>{shortRef(op.userRef)}</span>,
  },
  { title: 'Level', render: op => LEVEL_LABELS[op.level] },
  { title: 'Source', render: op => SOURCE_LABELS[op.source] },
];

/** @public */
export interface KnowledgeSiloCardProps {
  silo: KnowledgeSiloSummary;
}

/**
 * Who can operate the component. A bus factor of 1 on a serving-critical component is
 * the book's knowledge-gap stressor.
 * @public
 */
export function KnowledgeSiloCard(props: KnowledgeSiloCardProps) {
  const { silo } = props;
  return (
    <InfoCard title="Knowledge silo">
      <Grid container spacing={2} alignItems="center">
        <Grid item xs={5}>
          <Box textAlign="center">
            <Typography
              variant="h2"
              component="p"
              aria-label={`bus factor ${silo.busFactor}`}
            >
              {silo.busFactor}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              bus factor
            </Typography>
          </Box>
        </Grid>
        <Grid item xs={7}>
          <Fact label="Risk">
            <RiskStatus risk={silo.risk} />
          </Fact>
          <Fact label="Tier">{silo.tier}</Fact>
          <Fact label="Serving-critical">
            {silo.servingCritical ? 'yes' : 'no'}
          </Fact>
        </Grid>
      </Grid>
      {silo.operators.length === 0 ? (
        <Box mt={2}>
          <Typography variant="body2">
            Nobody is known to be able to operate this component.
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Declare operators with the <code>{ANNOTATION_OPERATORS}</code>{' '}
            annotation (comma-separated user refs) or have an SRE record them.
            Mark a serving-critical component with{' '}
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
    </InfoCard>
  );
}
