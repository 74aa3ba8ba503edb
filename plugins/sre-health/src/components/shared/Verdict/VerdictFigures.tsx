import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Verdict } from '@internal/backstage-plugin-sre-health-common';
import { formatBudgetLeft } from '../../../utils/sloFormat';

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(3, minmax(0, 1fr))',
    alignContent: 'start',
    gap: theme.spacing(2),
  },
  value: { fontWeight: 700, whiteSpace: 'nowrap' },
}));

function Figure(props: { label: string; value: string; detail?: string }) {
  const classes = useStyles();
  return (
    <Box role="group" aria-label={props.label}>
      <Typography variant="h5" component="p" className={classes.value}>
        {props.value}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {props.label}
      </Typography>
      {props.detail && (
        <Typography variant="caption" component="p" noWrap title={props.detail}>
          {props.detail}
        </Typography>
      )}
    </Box>
  );
}

/** The verdict's numbers: budget left, the top stressor, the truck factor. */
export function VerdictFigures(props: { verdict: Verdict }) {
  const { verdict } = props;
  const classes = useStyles();
  const top = verdict.topStressors[0];
  return (
    <Box className={classes.figures}>
      <Figure
        label="Error budget left"
        value={formatBudgetLeft(verdict.budgetLeft, 0)}
        detail={verdict.budgetSlo ?? 'no SLO'}
      />
      <Figure
        label="Top stressor"
        value={top ? `${top.level} / 5` : 'none'}
        detail={top?.title}
      />
      <Figure
        label="Truck factor"
        value={verdict.truckFactor === null ? '—' : String(verdict.truckFactor)}
        detail={`knowledge risk ${verdict.knowledgeRisk}`}
      />
    </Box>
  );
}
