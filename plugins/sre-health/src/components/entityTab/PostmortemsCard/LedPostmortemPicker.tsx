import { useApi } from '@backstage/core-plugin-api';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import useAsync from 'react-use/esm/useAsync';
import { sreHealthApiRef } from '../../../api';
import { shortRef } from '../../../utils/format';

/** The checklist item whose tick links to the postmortem the SRE led. */
export const LED_POSTMORTEM_ITEM = 'postmortem-led';

/**
 * Chooses the postmortem an engagement's SRE led ("lead the next postmortem"), among the
 * postmortems of what the team owns (the ones kindling can fix too).
 */
export function LedPostmortemPicker(props: {
  engagementId: string;
  value: string;
  onChange: (postmortemId: string) => void;
}) {
  const { engagementId, value, onChange } = props;
  const api = useApi(sreHealthApiRef);
  const targets = useAsync(
    () => api.getKindlingTargets(engagementId),
    [api, engagementId],
  );
  const postmortems = targets.value?.postmortems ?? [];
  let helperText = 'The postmortem you led, blameless.';
  if (targets.error) {
    helperText = `Could not load the team's postmortems: ${targets.error.message}`;
  } else if (!targets.loading && postmortems.length === 0) {
    helperText =
      'No postmortem of the team yet: record the one you led on its service first.';
  }
  return (
    <TextField
      select
      id={`sre-health-led-postmortem-${engagementId}`}
      label="Postmortem led"
      value={postmortems.some(p => p.id === value) ? value : ''}
      onChange={e => onChange(e.target.value)}
      required
      fullWidth
      margin="dense"
      error={Boolean(targets.error)}
      helperText={helperText}
    >
      {postmortems.map(p => (
        <MenuItem key={p.id} value={p.id}>
          {p.label} ({shortRef(p.entityRef)})
        </MenuItem>
      ))}
    </TextField>
  );
}
