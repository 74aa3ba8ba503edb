import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import {
  StressorFlag,
  isRated,
  stressorTitle,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useId, useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { formatDate } from '../../../utils/format';
import { ActionDialog } from '../../shared/ActionDialog';
import { STRESS_LEVEL_LABELS } from '../StressorFlagDialog';
import { flaggedBy, proposalWords } from './flagFormat';

/** The dialog's title, which is also its accessible name. */
export const RATING_DIALOG_TITLE = 'Rate the stress level';

/**
 * The team's rating of a flag (a team member or an SRE): stress is what the team feels,
 * so the rating is the level that counts; the evidence only proposes one. Opens on the
 * current rating, or on the proposal, which one click accepts as the team's.
 */
export function FlagRatingDialog(props: {
  flag: StressorFlag;
  onClose: () => void;
  onDone: () => void;
}) {
  const { flag, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const legendId = useId();
  const rated = isRated(flag);
  const [level, setLevel] = useState(flag.ratedLevel ?? flag.proposedLevel);
  const title = stressorTitle(flag.stressorKey);
  return (
    <ActionDialog
      title={RATING_DIALOG_TITLE}
      submitLabel="Save rating"
      successMessage={`Rated ${level} / 5: ${title}`}
      invalid={rated && level === flag.ratedLevel}
      onClose={onClose}
      onDone={onDone}
      onSubmit={() =>
        api.rateStressorFlag(flag.id, { version: flag.version, level })
      }
    >
      <DialogContentText>
        How much stress does <strong>{title}</strong> cause the team? The team's
        rating is the level that counts: it orders the stressors here and ranks
        the service on the scorecard.
      </DialogContentText>
      <DialogContentText variant="body2">
        {rated
          ? `Rated ${flag.ratedLevel} / 5 by ${flaggedBy(
              flag.ratedBy ?? 'unknown',
            )}${flag.ratedAt ? ` on ${formatDate(flag.ratedAt)}` : ''}; `
          : 'Nobody has rated it yet; '}
        {proposalWords(flag)} {flag.proposedLevel} / 5.
      </DialogContentText>
      <FormControl component="fieldset" margin="dense">
        <FormLabel component="legend" id={legendId}>
          Stress level
        </FormLabel>
        <RadioGroup
          aria-labelledby={legendId}
          value={String(level)}
          onChange={e => setLevel(Number(e.target.value))}
        >
          {[1, 2, 3, 4, 5].map(l => (
            <FormControlLabel
              key={l}
              value={String(l)}
              control={<Radio color="primary" />}
              label={STRESS_LEVEL_LABELS[l]}
            />
          ))}
        </RadioGroup>
      </FormControl>
    </ActionDialog>
  );
}
