import MenuItem from '@material-ui/core/MenuItem';
import {
  EngagementRecord,
  LIMITS,
  PHASES,
  WorkPhase,
} from '@sre-health/backstage-plugin-sre-health-common';
import { ReactNode } from 'react';
import { FormTextField, useWrite } from '../../shared/ActionDialog';

/** @public */
export interface EngagementEntriesProps {
  record: EngagementRecord;
  canUpdate: boolean;
  onChange: () => void;
}

export const phaseTitle = (phase: string) =>
  PHASES.find(p => p.phase === phase)?.title ?? phase;

/**
 * The phases an entry may belong to: every work phase, whichever the engagement is in
 * (phases guide, they do not gate: SLO work may start in week one).
 */
export const WORK_PHASES: WorkPhase[] = PHASES.map(p => p.phase).filter(
  (p): p is WorkPhase => p !== 'closed',
);

/** Where a new entry goes by default: the engagement's current phase. */
export const currentPhase = (record: EngagementRecord): WorkPhase => {
  const phase = record.engagement.phase;
  return phase === 'closed' ? 'report' : phase;
};

export function PhaseSelect(props: {
  record: EngagementRecord;
  value: WorkPhase;
  onChange: (phase: WorkPhase) => void;
}) {
  return (
    <FormTextField
      select
      label="Phase"
      value={props.value}
      onChange={e => props.onChange(e.target.value as WorkPhase)}
      fullWidth
      margin="dense"
    >
      {WORK_PHASES.map(p => (
        <MenuItem key={p} value={p}>
          {phaseTitle(p)}
        </MenuItem>
      ))}
    </FormTextField>
  );
}

export function Field(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  multiline?: boolean;
  max?: number;
  helperText?: ReactNode;
}) {
  return (
    <FormTextField
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      required={props.required}
      multiline={props.multiline}
      minRows={props.multiline ? 2 : undefined}
      fullWidth
      margin="dense"
      inputProps={{ maxLength: props.max ?? LIMITS.text }}
      helperText={props.helperText}
    />
  );
}

/**
 * A one-click write of the record (delete, move a state): confirms or fails through a
 * toast, and reloads the record after it, or after a conflict.
 */
export function useEntryWrite(onChange: () => void) {
  const { run, busy } = useWrite();
  const write = (action: () => Promise<unknown>, success: string) =>
    run(action, { success, onDone: onChange, onConflict: onChange });
  return { write, busy };
}
