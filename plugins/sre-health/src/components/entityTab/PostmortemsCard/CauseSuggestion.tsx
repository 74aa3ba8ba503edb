import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { BETTER_ACTION_ITEM_EXAMPLE } from '@sre-health/backstage-plugin-sre-health-common';

const useStyles = makeStyles(theme => ({
  note: {
    borderLeft: `3px solid ${theme.palette.divider}`,
    paddingLeft: theme.spacing(1),
  },
}));

/**
 * The suggestion on a postmortem with no action item aimed at the cause, with the book's
 * example. A neutral note, not a warning, shown to the postmortem's author and the SREs
 * only (or to the writer of a draft): old postmortems are not graded in public, the point
 * is the next action item.
 */
export function CauseSuggestion(props: {
  draft?: boolean;
  /** Items aimed at the cause that were left open past their due date. */
  overdueCauseItems?: number;
}) {
  const classes = useStyles();
  const overdue = props.overdueCauseItems ?? 0;
  let finding = props.draft
    ? 'no action item so far is aimed at the cause: none investigates or prevents it'
    : 'no action item here is aimed at the cause: none investigates or prevents it';
  if (overdue > 0) {
    finding += `; ${
      overdue === 1 ? 'the one that did is' : `the ${overdue} that did are`
    } open past ${overdue === 1 ? 'its' : 'their'} due date`;
  }
  return (
    <Typography
      variant="body2"
      component="div"
      role="note"
      aria-label="Suggestion"
      className={classes.note}
    >
      <strong>Suggestion</strong> — {finding}. Ask why the system misled the
      people who acted on it: instead of only “
      {BETTER_ACTION_ITEM_EXAMPLE.insteadOf}”, add “
      {BETTER_ACTION_ITEM_EXAMPLE.better}”.
    </Typography>
  );
}
