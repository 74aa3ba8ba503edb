import { Link } from '@backstage/core-components';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  COMPOUND_RISKS,
  SCORECARD_HIGH_LEVEL,
  ScorecardCell,
  ScorecardRow,
  formatScorecardBudget,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useMatrixStyles } from './styles';

/**
 * What a cell shows: `open 4` (the team's rating), `mit. 3` (mitigating, shortened for
 * width), `open 4?` (a level the evidence proposes and nobody rated yet), `dismissed`,
 * `exempt until 2027-01-15` (an SRE's exemption: counts for nothing until then).
 */
function cellText(cell: ScorecardCell): string {
  if (cell.status === 'dismissed') return 'dismissed';
  if (cell.status === 'exempt') return `exempt until ${cell.until ?? '?'}`;
  const shown = `${cell.status === 'mitigating' ? 'mit.' : 'open'} ${
    cell.level
  }`;
  return cell.proposed ? `${shown}?` : shown;
}

/**
 * A cell's accessible name. It starts with the text the cell shows, so speech input can
 * name it by what is seen (WCAG 2.5.3), then says it in full.
 */
function cellLabel(title: string, cell: ScorecardCell | null): string {
  if (!cell) return `${title}: free`;
  if (cell.status === 'dismissed') return `${title}: dismissed`;
  if (cell.status === 'exempt') {
    return `${title}: ${cellText(cell)}, not counted until then`;
  }
  const shown = cellText(cell);
  const status = shown.startsWith(cell.status) ? '' : ` (${cell.status})`;
  const whose = cell.proposed
    ? ', proposed by the evidence, not rated yet'
    : '';
  return `${title}: ${shown}${status}, stress level ${cell.level} of 5${whose}`;
}

/** A stressor's cell: its state and level, linking to the evidence. */
export function StressorCell(props: {
  row: ScorecardRow;
  stressor: { key: string; title: string };
  entityPath: string;
}) {
  const classes = useMatrixStyles();
  const { row, stressor, entityPath } = props;
  const cell = row.stressors[stressor.key] ?? null;
  const label = cellLabel(stressor.title, cell);
  if (!cell) {
    return (
      <span className={`${classes.cell} ${classes.free}`} aria-label={label}>
        –
      </span>
    );
  }
  let kind: string;
  if (cell.status === 'open') {
    kind = cell.level >= SCORECARD_HIGH_LEVEL ? classes.open : classes.openLow;
  } else if (cell.status === 'mitigating') {
    kind = classes.mitigating;
  } else {
    kind = classes.dismissed;
  }
  if (cell.proposed) kind = `${kind} ${classes.proposed}`;
  return (
    <Tooltip title={`${label}. Evidence on the SRE Health tab.`}>
      <Link
        to={`${entityPath}/sre-health#stressor-${stressor.key}`}
        className={`${classes.cell} ${kind}`}
        aria-label={`${label}; evidence on the SRE Health tab of ${row.name}`}
      >
        {cellText(cell)}
      </Link>
    </Tooltip>
  );
}

/**
 * The ranking's cell: the highest level the team rated and how many stressors are at it,
 * and how many open stressors nobody rated yet (their proposals only break ties).
 */
export function StressCell(props: { row: ScorecardRow }) {
  const { maxLevel, atMaxLevel, openStressors } = props.row;
  const unrated = props.row.unratedStressors ?? 0;
  const notRated = unrated > 0 && (
    <Typography variant="caption" component="div" color="textSecondary">
      {unrated} not rated
    </Typography>
  );
  if (maxLevel === 0) {
    if (openStressors === 0) {
      return <span aria-label="No open stressor">—</span>;
    }
    return (
      <span
        aria-label={`No rated stressor; ${unrated} not rated, the evidence proposes up to ${props.row.maxProposedLevel} of 5`}
      >
        —{notRated}
      </span>
    );
  }
  return (
    <span
      aria-label={`Highest rated stress level ${maxLevel} of 5, ${atMaxLevel} stressor${
        atMaxLevel === 1 ? '' : 's'
      } at it${unrated > 0 ? `; ${unrated} not rated` : ''}`}
    >
      <strong>{maxLevel}</strong>
      {atMaxLevel > 1 && (
        <Typography variant="caption"> ×{atMaxLevel}</Typography>
      )}
      {notRated}
    </span>
  );
}

/** The worst SLO and what is left of its budget (`exhausted`, never a negative percent). */
export function SloCell(props: { row: ScorecardRow }) {
  const { slo } = props.row;
  if (!slo) {
    return <Typography variant="caption">no SLO</Typography>;
  }
  const budget = formatScorecardBudget(slo.budgetRemaining);
  return (
    <Tooltip
      title={`${slo.count} SLO${slo.count === 1 ? '' : 's'}; worst: ${
        slo.status
      }`}
    >
      <span>
        {slo.status}
        {budget && (
          <Typography variant="caption" component="div">
            {budget === 'exhausted' ? 'budget exhausted' : `${budget} left`}
          </Typography>
        )}
      </span>
    </Tooltip>
  );
}

/** How many compound risks the service has; their names in the tooltip and the label. */
export function CompoundRisksCell(props: { row: ScorecardRow }) {
  const keys = props.row.compoundRisks ?? [];
  if (keys.length === 0) {
    return <span aria-label="No compound risk">—</span>;
  }
  const names = keys.map(
    k => COMPOUND_RISKS.find(r => r.key === k)?.title ?? k,
  );
  const label = `${keys.length} compound risk${
    keys.length === 1 ? '' : 's'
  }: ${names.join('; ')}`;
  return (
    <Tooltip title={label}>
      <strong aria-label={label}>{keys.length}</strong>
    </Tooltip>
  );
}
