import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { Postmortem } from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { ActionDialog } from '../../shared/ActionDialog';
import { UserPicker } from '../../shared/UserPicker';
import { ActionItemDetails, withItemDetails } from './actionItems';

/**
 * Who sees an action item through, by when, and whether it is done. An item aimed at the
 * cause that is left open past its due date no longer counts as aimed at the cause. The
 * whole list of action items is sent with the postmortem's version.
 */
export function ActionItemDialog(props: {
  postmortem: Postmortem;
  index: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const { postmortem, index, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const item = postmortem.actionItems[index];
  const initial: ActionItemDetails = {
    owner: item.owner ?? '',
    state: item.state ?? 'open',
    dueDate: item.dueDate ?? '',
  };
  const [details, setDetails] = useState(initial);
  const set = (change: Partial<ActionItemDetails>) =>
    setDetails(d => ({ ...d, ...change }));
  const unchanged =
    details.owner === initial.owner &&
    details.state === initial.state &&
    details.dueDate === initial.dueDate;

  return (
    <ActionDialog
      title="Owner, due date and state"
      submitLabel="Save"
      successMessage="Action item saved"
      invalid={unchanged}
      onClose={onClose}
      onDone={onDone}
      onSubmit={() =>
        api.updatePostmortem(postmortem.id, {
          version: postmortem.version,
          actionItems: withItemDetails(postmortem.actionItems, index, details),
        })
      }
    >
      <DialogContentText style={{ whiteSpace: 'pre-wrap' }}>
        {item.text}
      </DialogContentText>
      <UserPicker
        label="Owner"
        value={details.owner}
        onChange={owner => set({ owner })}
        kinds={['User', 'Group']}
        helperText="A person or a team of the catalog."
      />
      <TextField
        id="sre-health-action-item-due"
        label="Due date"
        type="date"
        value={details.dueDate}
        onChange={e => set({ dueDate: e.target.value })}
        fullWidth
        margin="dense"
        InputLabelProps={{ shrink: true }}
      />
      <TextField
        select
        id="sre-health-action-item-state"
        label="State"
        value={details.state}
        onChange={e => set({ state: e.target.value as 'open' | 'done' })}
        fullWidth
        margin="dense"
      >
        <MenuItem value="open">Open</MenuItem>
        <MenuItem value="done">Done</MenuItem>
      </TextField>
    </ActionDialog>
  );
}
