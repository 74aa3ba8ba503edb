import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { BETTER_ACTION_ITEM_EXAMPLE } from '@internal/backstage-plugin-sre-health-common';

/**
 * The `rollback-only-postmortems` stressor on one postmortem, with the book's example of
 * a better action item.
 */
export function RollbackOnlyWarning(props: { draft?: boolean }) {
  return (
    <Alert severity="warning">
      <AlertTitle>Rollback-only postmortem</AlertTitle>
      {props.draft
        ? 'Every action item so far rolls back the change'
        : 'Every action item rolls back the change that caused the outage'}
      ; none finds out why it broke. Instead of “
      {BETTER_ACTION_ITEM_EXAMPLE.insteadOf}”, write “
      {BETTER_ACTION_ITEM_EXAMPLE.better}”.
    </Alert>
  );
}
