import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import {
  LIMITS,
  MAX_EXEMPTION_DAYS,
  StressorFlag,
  stressorTitle,
  utcToday,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import {
  ActionDialog,
  DialogDateField,
  DialogTextField,
} from '../../shared/ActionDialog';

const DAY = 86_400_000;

/** What is wrong with the chosen last day, as the backend's schema would say it. */
function exemptUntilProblem(
  until: string,
  today: string,
  latest: string,
): string | undefined {
  if (until === '') return 'Required: the last day of the exemption';
  if (until < today) return 'Must be today or later';
  if (until > latest) {
    return `At most ${MAX_EXEMPTION_DAYS} days ahead (${latest})`;
  }
  return undefined;
}

/**
 * Exempts a flag until a date, with the justification (both required and kept), or
 * changes a running exemption. The flag is neither open nor gone meanwhile; after the date
 * the next detection run re-opens it if the stressor is still there.
 */
export function FlagExemptDialog(props: {
  flag: StressorFlag;
  onClose: () => void;
  onDone: () => void;
}) {
  const { flag, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const changing = flag.status === 'exempt';
  const today = utcToday();
  const latest = utcToday(new Date(Date.now() + MAX_EXEMPTION_DAYS * DAY));
  const [until, setUntil] = useState(flag.exemptUntil ?? '');
  const [reason, setReason] = useState(flag.exemptReason ?? '');
  const trimmed = reason.trim();
  const dateProblem = exemptUntilProblem(until, today, latest);
  return (
    <ActionDialog
      title={changing ? 'Change exemption' : 'Exempt stressor flag'}
      submitLabel={changing ? 'Save' : 'Exempt'}
      successMessage={`Exempt until ${until}: ${stressorTitle(
        flag.stressorKey,
      )}`}
      invalid={trimmed === '' || dateProblem !== undefined}
      onClose={onClose}
      onDone={onDone}
      onSubmit={() =>
        api.updateStressorFlag(flag.id, {
          version: flag.version,
          status: 'exempt',
          exemptUntil: until,
          exemptReason: trimmed,
        })
      }
    >
      <DialogContentText>
        {stressorTitle(flag.stressorKey)}: exempt it until a date, and say why.
        It stays on the tab as exempt and counts for nothing in the scorecard
        and the verdict; after the date, the next detection run re-opens it if
        the stressor is still there.
      </DialogContentText>
      <DialogDateField
        id="sre-health-exempt-until"
        label="Exempt until (last day)"
        value={until}
        onChange={e => setUntil(e.target.value)}
        required
        error={until !== '' && dateProblem !== undefined}
        helperText={dateProblem ?? 'Through the end of this day (UTC)'}
        inputProps={{ min: today, max: latest }}
      />
      <DialogTextField
        id="sre-health-exempt-reason"
        label="Justification"
        value={reason}
        onChange={e => setReason(e.target.value)}
        required
        multiline
        minRows={3}
        helperText={`Required. ${reason.length} / ${LIMITS.text}`}
        inputProps={{ maxLength: LIMITS.text }}
      />
    </ActionDialog>
  );
}
