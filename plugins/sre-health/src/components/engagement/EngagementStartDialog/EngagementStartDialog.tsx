import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import {
  EngagementRecord,
  EngagementSituation,
  LIMITS,
  OPS_LOAD_CAP,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sreHealthApiRef } from '../../../api';
import { formatPercent, shortRef } from '../../../utils/format';
import { ActionDialog, FormTextField } from '../../shared/ActionDialog';
import { UserPicker } from '../../shared/UserPicker';
import { SituationFields } from './SituationFields';

/** @public */
export interface EngagementStartDialogProps {
  teamRef: string;
  onClose: () => void;
  onStarted: (record?: EngagementRecord) => void;
}

/**
 * Embeds one SRE with a team: who (the signed-in SRE by default), until when, the goals,
 * and the team sorted as the book does. The team's figures are snapshotted for the report.
 * An SRE already embedded with another team needs an explicit override, with a reason.
 * @public
 */
export function EngagementStartDialog(props: EngagementStartDialogProps) {
  const { teamRef, onClose, onStarted } = props;
  const api = useApi(sreHealthApiRef);
  const identityApi = useApi(identityApiRef);
  const me = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  const [sre, setSre] = useState<string | undefined>();
  const [goals, setGoals] = useState('');
  const [situation, setSituation] = useState<EngagementSituation | ''>('');
  const [notes, setNotes] = useState('');
  const [plannedEndDate, setPlannedEndDate] = useState('');
  const [alsoEmbedded, setAlsoEmbedded] = useState(false);
  const [concurrentReason, setConcurrentReason] = useState('');
  const sreRef = (sre ?? me.value ?? '').trim();
  const reason = concurrentReason.trim();
  let started: EngagementRecord | undefined;

  return (
    <ActionDialog
      title={`Embed an SRE with ${shortRef(teamRef)}`}
      submitLabel="Start engagement"
      successMessage={`Engagement started with ${shortRef(teamRef)}`}
      invalid={
        !sreRef || !situation || !plannedEndDate || (alsoEmbedded && !reason)
      }
      onSubmit={async () => {
        started = await api.startEngagement({
          teamRef,
          sreRef,
          plannedEndDate,
          ...(alsoEmbedded ? { concurrentReason: reason } : {}),
          goals,
          situation: situation as EngagementSituation,
          situationNotes: notes,
        });
      }}
      onDone={() => onStarted(started)}
      onClose={onClose}
    >
      <Typography variant="body2" paragraph>
        One SRE, never more, joins a team whose operational work exceeds{' '}
        {formatPercent(OPS_LOAD_CAP, 0)} of its time, to learn the service,
        share context and drive change, then leave an after-action report.
      </Typography>
      <UserPicker
        label="Embedded SRE"
        value={sreRef}
        onChange={setSre}
        required
        helperText="A member of an SRE group; you by default."
      />
      <FormTextField
        label="Planned end"
        type="date"
        value={plannedEndDate}
        onChange={e => setPlannedEndDate(e.target.value)}
        required
        fullWidth
        margin="dense"
        InputLabelProps={{ shrink: true }}
        helperText="When the SRE is planned to leave; the after-action report compares it with the real end."
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={alsoEmbedded}
            onChange={e => setAlsoEmbedded(e.target.checked)}
            color="primary"
          />
        }
        label="This SRE is already embedded with another team"
      />
      {alsoEmbedded && (
        <FormTextField
          label="Why both at once"
          value={concurrentReason}
          onChange={e => setConcurrentReason(e.target.value)}
          required
          multiline
          minRows={2}
          fullWidth
          margin="dense"
          inputProps={{ maxLength: 1000 }}
          helperText="One SRE is embedded with one team at a time; a second engagement is an exception the record keeps."
        />
      )}
      <SituationFields
        situation={situation}
        onSituation={setSituation}
        notes={notes}
        onNotes={setNotes}
        required
      />
      <FormTextField
        label="Goals"
        value={goals}
        onChange={e => setGoals(e.target.value)}
        multiline
        minRows={2}
        fullWidth
        margin="dense"
        inputProps={{ maxLength: LIMITS.text }}
      />
    </ActionDialog>
  );
}
