import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import TextField from '@material-ui/core/TextField';
import {
  LIMITS,
  StressorFlag,
  stressorTitle,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { ActionDialog } from '../../shared/ActionDialog';

/**
 * Dismisses a flag ("not kindling here") with the reason, which is required and kept;
 * the detector then leaves the flag alone.
 */
export function FlagDismissDialog(props: {
  flag: StressorFlag;
  onClose: () => void;
  onDone: () => void;
}) {
  const { flag, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  return (
    <ActionDialog
      title="Dismiss stressor flag"
      submitLabel="Dismiss"
      successMessage={`Dismissed: ${stressorTitle(flag.stressorKey)}`}
      invalid={trimmed === ''}
      onClose={onClose}
      onDone={onDone}
      onSubmit={() =>
        api.updateStressorFlag(flag.id, {
          version: flag.version,
          status: 'dismissed',
          dismissedReason: trimmed,
        })
      }
    >
      <DialogContentText>
        {stressorTitle(flag.stressorKey)}: say why this is not kindling here.
        The reason stays with the flag, and the detector leaves a dismissed flag
        alone.
      </DialogContentText>
      <TextField
        id="sre-health-dismiss-reason"
        label="Reason"
        value={reason}
        onChange={e => setReason(e.target.value)}
        required
        fullWidth
        multiline
        minRows={3}
        margin="dense"
        helperText={`Required. ${reason.length} / ${LIMITS.text}`}
        inputProps={{ maxLength: LIMITS.text }}
      />
    </ActionDialog>
  );
}
