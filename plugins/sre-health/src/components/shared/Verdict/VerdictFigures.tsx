import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import type { Verdict } from '@sre-health/backstage-plugin-sre-health-common';
import { formatBudgetLeft } from '../../../utils/sloFormat';
import { Figure } from '../Figure';

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(3, minmax(0, 1fr))',
    alignContent: 'start',
    gap: theme.spacing(2),
  },
}));

/** The verdict's numbers: budget left, the top stressor, the truck factor. */
export function VerdictFigures(props: { verdict: Verdict }) {
  const { verdict } = props;
  const classes = useStyles();
  const top = verdict.topStressors[0];
  return (
    <Box className={classes.figures}>
      <Figure
        variant="h5"
        ariaLabel="Error budget left"
        label="Error budget left"
        value={formatBudgetLeft(verdict.budgetLeft, 0)}
        detail={verdict.budgetSlo ?? 'no SLO'}
      />
      <Figure
        variant="h5"
        ariaLabel="Top stressor"
        label="Top stressor"
        value={top ? `${top.level} / 5` : 'none'}
        detail={top?.title}
      />
      <Figure
        variant="h5"
        ariaLabel="Truck factor"
        label="Truck factor"
        value={verdict.truckFactor === null ? '—' : String(verdict.truckFactor)}
        detail={`knowledge risk ${verdict.knowledgeRisk}`}
      />
    </Box>
  );
}
