import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  StressorFlag,
  stressorTitle,
} from '@internal/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { ActionDialog } from '../../shared/ActionDialog';
import { STRESS_LEVEL_LABELS } from '../StressorFlagDialog';

const NO_OVERRIDE = 'none';

/**
 * Overrides the stress level of a flag (an SRE's judgement wins over the detector's
 * estimate), or clears the override.
 */
export function FlagLevelDialog(props: {
  flag: StressorFlag;
  onClose: () => void;
  onDone: () => void;
}) {
  const { flag, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const [choice, setChoice] = useState<string>(
    flag.levelOverride === null ? NO_OVERRIDE : String(flag.levelOverride),
  );
  const levelOverride = choice === NO_OVERRIDE ? null : Number(choice);
  return (
    <ActionDialog
      title="Override stress level"
      submitLabel="Save"
      successMessage={
        levelOverride === null
          ? `Stress level override removed: ${stressorTitle(flag.stressorKey)}`
          : `Stress level set to ${levelOverride} / 5: ${stressorTitle(
              flag.stressorKey,
            )}`
      }
      invalid={levelOverride === flag.levelOverride}
      onClose={onClose}
      onDone={onDone}
      onSubmit={() =>
        api.updateStressorFlag(flag.id, {
          version: flag.version,
          levelOverride,
        })
      }
    >
      <DialogContentText>
        {stressorTitle(flag.stressorKey)}: the flag says {flag.stressLevel} / 5.
        Your level is the one that counts when stressors are prioritised.
      </DialogContentText>
      <TextField
        select
        id="sre-health-level-override"
        label="Stress level"
        value={choice}
        onChange={e => setChoice(e.target.value)}
        fullWidth
        margin="dense"
      >
        <MenuItem value={NO_OVERRIDE}>
          No override (use {flag.stressLevel} / 5)
        </MenuItem>
        {[1, 2, 3, 4, 5].map(level => (
          <MenuItem key={level} value={String(level)}>
            {STRESS_LEVEL_LABELS[level]}
          </MenuItem>
        ))}
      </TextField>
    </ActionDialog>
  );
}
