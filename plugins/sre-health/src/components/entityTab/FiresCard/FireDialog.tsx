import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import {
  FIRE_KINDS,
  Fire,
  FireKind,
  LIMITS,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import {
  ActionDialog,
  DialogDateField,
  DialogTextField,
} from '../../shared/ActionDialog';

/** The most minutes one fire takes: a week (the request schema's limit). */
const MAX_MINUTES = 7 * 24 * 60;

/** What each kind of fire means, and what to do about it. */
export const FIRE_KIND_HELP: Record<FireKind, string> = {
  toil: 'Should never happen: automate it away.',
  overhead: 'Legitimate work that merely causes stress.',
  unsorted: 'Not yet sorted into toil or overhead.',
};

export const FIRE_KIND_TITLES: Record<FireKind, string> = {
  toil: 'Toil',
  overhead: 'Overhead',
  unsorted: 'Not sorted yet',
};

/** What the "Why" field asks for, by the kind chosen. */
export const FIRE_KIND_HINTS: Record<FireKind, string> = {
  toil: 'Why it should never happen, and how to automate it away.',
  overhead: 'Why it is legitimate work, though it causes stress.',
  unsorted: 'Optional: sort it later with the team.',
};

const today = () => new Date().toISOString().slice(0, 10);

/** @public */
export interface FireDialogProps {
  entityRef: string;
  /** The fire to sort; without one, the dialog records a new fire. */
  fire?: Fire;
  onClose: () => void;
  onDone: () => void;
}

/**
 * Sorts a fire into toil or overhead with the reason the team will read, or records a
 * new fire. A sorted fire needs its reason: the list is handed to the team.
 * @public
 */
export function FireDialog(props: FireDialogProps) {
  const { entityRef, fire, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(today());
  // A new fire starts unsorted: sorting it is a decision, not a default.
  const [kind, setKind] = useState<FireKind>(fire?.kind ?? 'unsorted');
  const [rationale, setRationale] = useState(fire?.rationale ?? '');
  // minutes spent, optional: toil and overhead get hours, not only counts
  const [minutes, setMinutes] = useState(
    fire?.timeSpentMinutes === null || fire?.timeSpentMinutes === undefined
      ? ''
      : String(fire.timeSpentMinutes),
  );
  const timeSpentMinutes = minutes.trim() === '' ? null : Number(minutes);
  const badMinutes =
    timeSpentMinutes !== null &&
    (!Number.isInteger(timeSpentMinutes) ||
      timeSpentMinutes < 0 ||
      timeSpentMinutes > MAX_MINUTES);

  const needsRationale = kind !== 'unsorted' && rationale.trim() === '';
  const unchanged =
    !!fire &&
    kind === fire.kind &&
    rationale.trim() === fire.rationale &&
    timeSpentMinutes === (fire.timeSpentMinutes ?? null);
  const invalid =
    badMinutes ||
    needsRationale ||
    unchanged ||
    (!fire && (title.trim() === '' || !/^\d{4}-\d{2}-\d{2}$/.test(date)));

  const submit = () =>
    fire
      ? api.updateFire(fire.id, {
          version: fire.version,
          kind,
          rationale: rationale.trim(),
          // only a changed time: null clears a recorded one
          ...(timeSpentMinutes === (fire.timeSpentMinutes ?? null)
            ? {}
            : { timeSpentMinutes }),
        })
      : api.createFire({
          entityRef,
          title: title.trim(),
          occurredAt: `${date}T00:00:00.000Z`,
          kind,
          rationale: rationale.trim(),
          ...(timeSpentMinutes === null ? {} : { timeSpentMinutes }),
        });

  return (
    <ActionDialog
      title={fire ? 'Sort a fire' : 'Record a fire'}
      submitLabel={fire ? 'Sort' : 'Record'}
      successMessage={
        fire ? `Fire sorted: ${FIRE_KIND_TITLES[kind]}` : 'Fire recorded'
      }
      invalid={invalid}
      onSubmit={submit}
      onDone={onDone}
      onClose={onClose}
    >
      {fire ? (
        <DialogContentText>{fire.title}</DialogContentText>
      ) : (
        <>
          <DialogTextField
            id="sre-health-fire-title"
            label="What happened"
            value={title}
            onChange={e => setTitle(e.target.value)}
            required
            inputProps={{ maxLength: LIMITS.title }}
          />
          <DialogDateField
            id="sre-health-fire-date"
            label="Date"
            value={date}
            onChange={e => setDate(e.target.value)}
            required
          />
        </>
      )}
      <FormControl component="fieldset" margin="dense">
        <FormLabel component="legend">Kind</FormLabel>
        <RadioGroup
          value={kind}
          onChange={e => setKind(e.target.value as FireKind)}
        >
          {FIRE_KINDS.map(k => (
            <FormControlLabel
              key={k}
              value={k}
              control={<Radio color="primary" />}
              label={`${FIRE_KIND_TITLES[k]} — ${FIRE_KIND_HELP[k]}`}
            />
          ))}
        </RadioGroup>
      </FormControl>
      <DialogTextField
        id="sre-health-fire-minutes"
        label="Time spent (minutes)"
        type="number"
        value={minutes}
        onChange={e => setMinutes(e.target.value)}
        error={badMinutes}
        helperText={
          badMinutes
            ? `Whole minutes, 0 to ${MAX_MINUTES}`
            : 'Optional: the time the fire took, so toil and overhead have hours'
        }
        inputProps={{ min: 0, max: MAX_MINUTES, step: 1 }}
      />
      <DialogTextField
        id="sre-health-fire-rationale"
        label="Why"
        value={rationale}
        onChange={e => setRationale(e.target.value)}
        required={kind !== 'unsorted'}
        multiline
        minRows={3}
        helperText={`${FIRE_KIND_HINTS[kind]} ${rationale.length} / ${LIMITS.text}`}
        inputProps={{ maxLength: LIMITS.text }}
      />
    </ActionDialog>
  );
}
