import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import {
  EngagementRecord,
  EngagementSituation,
  LIMITS,
  OPS_LOAD_CAP,
} from '@internal/backstage-plugin-sre-health-common';
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
 * Embeds one SRE with a team: who (the signed-in SRE by default), the goals, and the team
 * sorted as the book does. The team's figures are snapshotted for the report.
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
  const sreRef = (sre ?? me.value ?? '').trim();
  let started: EngagementRecord | undefined;

  return (
    <ActionDialog
      title={`Embed an SRE with ${shortRef(teamRef)}`}
      submitLabel="Start engagement"
      successMessage={`Engagement started with ${shortRef(teamRef)}`}
      invalid={!sreRef || !situation}
      onSubmit={async () => {
        started = await api.startEngagement({
          teamRef,
          sreRef,
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
