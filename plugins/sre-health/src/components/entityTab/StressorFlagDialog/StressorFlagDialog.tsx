import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import MenuItem from '@material-ui/core/MenuItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  CUSTOM_STRESSOR_PATTERN,
  FLAG_STATUSES,
  FlagStatus,
  LIMITS,
  STRESSORS,
  StressorFlag,
  stressorTitle,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { ActionDialog, DialogTextField } from '../../shared/ActionDialog';

/** Labels of the stress levels, 1 (minor irritant) to 5 (largest source of stress). */
export const STRESS_LEVEL_LABELS: Record<number, string> = {
  1: '1 — minor irritant',
  2: '2 — low',
  3: '3 — moderate',
  4: '4 — high',
  5: "5 — the team's largest source of stress",
};

const CUSTOM = '__custom__';

/** The closed select shows the title alone; the open menu adds each one-line meaning. */
const stressorChoiceTitle = (choice: string) =>
  choice === CUSTOM ? 'Custom stressor…' : stressorTitle(choice);

const useStyles = makeStyles({
  // The one-line meaning wraps under the title instead of widening the menu.
  option: {
    display: 'block',
    whiteSpace: 'normal',
    maxWidth: '36rem',
  },
});

/** @public */
/** The states this dialog sets; dismissal and exemption have their own dialogs. */
type EditableStatus = Exclude<FlagStatus, 'dismissed' | 'exempt'>;

export type StressorFlagDialogMode = 'create' | 'edit' | 'resolve';

/** @public */
export interface StressorFlagDialogProps {
  /** The entity the flag annotates. */
  entityRef: string;
  mode: StressorFlagDialogMode;
  /** The flag to edit or resolve; required unless mode is `create`. */
  flag?: StressorFlag;
  /** Pre-selected stressor when creating. */
  initialStressorKey?: string;
  /** Stressor keys that already have an unresolved flag: one open flag per stressor. */
  flaggedKeys?: ReadonlyArray<string>;
  onClose: () => void;
  /** Called after a successful write, or when the user asks to reload after a conflict. */
  onSaved: () => void;
}

const TITLES: Record<StressorFlagDialogMode, string> = {
  create: 'Flag a stressor',
  edit: 'Edit stressor flag',
  resolve: 'Resolve stressor flag',
};

const SUBMIT_LABELS: Record<StressorFlagDialogMode, string> = {
  create: 'Flag',
  edit: 'Save',
  resolve: 'Resolve',
};

const SUCCESS: Record<StressorFlagDialogMode, string> = {
  create: 'Stressor flagged',
  edit: 'Stressor flag saved',
  resolve: 'Stressor flag resolved',
};

/**
 * Create, edit or resolve one stressor flag. Shows the backend's error message in
 * place, including the 409 an update gets when someone else changed the flag first.
 * @public
 */
export function StressorFlagDialog(props: StressorFlagDialogProps) {
  const { entityRef, mode, flag, flaggedKeys = [], onClose, onSaved } = props;
  const api = useApi(sreHealthApiRef);
  const classes = useStyles();

  const initialKey = flag?.stressorKey ?? props.initialStressorKey ?? '';
  const initialIsCustom = initialKey.startsWith('custom:');
  const [stressorChoice, setStressorChoice] = useState(
    initialIsCustom ? CUSTOM : initialKey,
  );
  const [customName, setCustomName] = useState(
    initialIsCustom ? initialKey.slice('custom:'.length) : '',
  );
  const [stressLevel, setStressLevel] = useState<number>(
    flag?.stressLevel ?? 3,
  );
  const [evidence, setEvidence] = useState(flag?.evidence ?? '');
  // Dismissing (with a reason) and exempting (until a date) are their own actions; this
  // dialog edits the other states, and leaves an exempt flag exempt unless changed.
  const exempt = flag?.status === 'exempt';
  const [status, setStatus] = useState<EditableStatus>(() => {
    if (mode === 'resolve' || flag?.status === 'dismissed') return 'resolved';
    return !flag || flag.status === 'exempt' ? 'open' : flag.status;
  });
  const [statusTouched, setStatusTouched] = useState(mode === 'resolve');

  const stressorKey =
    stressorChoice === CUSTOM ? `custom:${customName.trim()}` : stressorChoice;
  const customInvalid =
    stressorChoice === CUSTOM && !CUSTOM_STRESSOR_PATTERN.test(stressorKey);
  const evidenceTooLong = evidence.length > LIMITS.text;
  const keyAlreadyFlagged =
    mode === 'create' && flaggedKeys.includes(stressorKey);
  const invalid =
    (mode === 'create' && (!stressorChoice || customInvalid)) ||
    keyAlreadyFlagged ||
    evidenceTooLong;

  const submit = async () => {
    if (mode === 'create') {
      await api.createStressorFlag({
        entityRef,
        stressorKey,
        stressLevel,
        evidence,
        status,
      });
      return;
    }
    if (!flag) {
      throw new Error('No stressor flag to update');
    }
    await api.updateStressorFlag(flag.id, {
      version: flag.version,
      // a new level is the editor's rating; resolving or editing the evidence is not
      ...(stressLevel !== flag.stressLevel && { stressLevel }),
      evidence,
      ...((!exempt || statusTouched) && { status }),
    });
  };

  return (
    <ActionDialog
      title={TITLES[mode]}
      submitLabel={SUBMIT_LABELS[mode]}
      successMessage={`${SUCCESS[mode]}: ${stressorTitle(
        flag?.stressorKey ?? stressorKey,
      )}`}
      invalid={invalid}
      onSubmit={submit}
      onDone={onSaved}
      onClose={onClose}
    >
      {mode !== 'create' && flag && (
        <DialogContentText>{stressorTitle(flag.stressorKey)}</DialogContentText>
      )}
      {mode === 'create' && (
        <>
          <DialogTextField
            select
            id="sre-health-stressor"
            label="Stressor"
            value={stressorChoice}
            onChange={e => setStressorChoice(e.target.value)}
            required
            error={keyAlreadyFlagged}
            SelectProps={{ renderValue: v => stressorChoiceTitle(String(v)) }}
            helperText={
              keyAlreadyFlagged
                ? 'This stressor already has an unresolved flag: edit it instead.'
                : undefined
            }
          >
            {STRESSORS.map(s => (
              <MenuItem
                key={s.key}
                value={s.key}
                disabled={flaggedKeys.includes(s.key)}
                className={classes.option}
              >
                <div>
                  {s.title}
                  {flaggedKeys.includes(s.key) ? ' (already flagged)' : ''}
                </div>
                <Typography
                  component="div"
                  variant="caption"
                  color="textSecondary"
                >
                  {s.summary}
                </Typography>
              </MenuItem>
            ))}
            <MenuItem value={CUSTOM}>Custom stressor…</MenuItem>
          </DialogTextField>
          {stressorChoice === CUSTOM && (
            <DialogTextField
              id="sre-health-custom-stressor"
              label="Custom stressor name"
              value={customName}
              onChange={e => setCustomName(e.target.value)}
              required
              error={customName !== '' && customInvalid}
              helperText="Lower-case words separated by dashes, e.g. flaky-deploys"
              inputProps={{ maxLength: 56 }}
            />
          )}
        </>
      )}
      <DialogTextField
        select
        id="sre-health-stress-level"
        label="Stress level"
        value={stressLevel}
        onChange={e => setStressLevel(Number(e.target.value))}
        helperText="Prioritise by stress level: 5 is the team's largest source of stress."
      >
        {[1, 2, 3, 4, 5].map(level => (
          <MenuItem key={level} value={level}>
            {STRESS_LEVEL_LABELS[level]}
          </MenuItem>
        ))}
      </DialogTextField>
      <DialogTextField
        id="sre-health-evidence"
        label="Evidence"
        value={evidence}
        onChange={e => setEvidence(e.target.value)}
        multiline
        minRows={3}
        error={evidenceTooLong}
        helperText={`What makes it visible, in plain text. ${evidence.length} / ${LIMITS.text}`}
        inputProps={{ maxLength: LIMITS.text }}
      />
      <DialogTextField
        select
        id="sre-health-status"
        label="Status"
        value={status}
        onChange={e => {
          setStatus(e.target.value as EditableStatus);
          setStatusTouched(true);
        }}
        helperText={
          exempt && !statusTouched
            ? `Exempt until ${flag?.exemptUntil}: stays exempt unless you change the status`
            : undefined
        }
      >
        {FLAG_STATUSES.filter(
          (s): s is EditableStatus => s !== 'dismissed' && s !== 'exempt',
        ).map(s => (
          <MenuItem key={s} value={s}>
            {s}
          </MenuItem>
        ))}
      </DialogTextField>
    </ActionDialog>
  );
}
