import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { BETTER_ACTION_ITEM_EXAMPLE } from '@internal/backstage-plugin-sre-health-common';

const useStyles = makeStyles(theme => ({
  note: {
    borderLeft: `3px solid ${theme.palette.divider}`,
    paddingLeft: theme.spacing(1),
  },
}));

/**
 * The `rollback-only-postmortems` stressor on one postmortem, with the book's example of
 * a better action item: a neutral note, not a warning, since an old postmortem is not
 * graded in public; the point is the next action item.
 */
export function RollbackOnlyWarning(props: { draft?: boolean }) {
  const classes = useStyles();
  return (
    <Typography
      variant="body2"
      component="div"
      role="note"
      className={classes.note}
    >
      <strong>Rollback-only postmortem</strong> —{' '}
      {props.draft
        ? 'every action item so far rolls back the change'
        : 'every action item rolls back the change that caused the outage'}
      ; none finds out why it broke. Instead of “
      {BETTER_ACTION_ITEM_EXAMPLE.insteadOf}”, write “
      {BETTER_ACTION_ITEM_EXAMPLE.better}”.
    </Typography>
  );
}
