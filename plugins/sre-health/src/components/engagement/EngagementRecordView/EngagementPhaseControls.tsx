import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import Typography from '@material-ui/core/Typography';
import {
  ENGAGEMENT_PHASES,
  EngagementPhase,
  EngagementRecord,
  LIMITS,
  PHASES,
  checklistItem,
  openChecklistItems,
  phaseIndex,
  phasesLeft,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { ActionDialog, FormTextField } from '../../shared/ActionDialog';

const title = (phase: EngagementPhase) =>
  PHASES.find(p => p.phase === phase)?.title ?? phase;

type Move = 'next' | 'back' | 'close';

/** Which checklist items a move from the record's phase to `to` leaves open. */
export function openItemsFor(
  record: EngagementRecord,
  to: EngagementPhase,
): string[] {
  return openChecklistItems(
    phasesLeft(record.engagement.phase, to),
    record.checklist.filter(i => i.tick).map(i => i.key),
  );
}

const DIALOG_TITLES: Record<Move, (to: EngagementPhase) => string> = {
  next: to => `Move on to ${title(to)}`,
  back: () => 'Move the engagement back',
  close: () => 'Close the engagement',
};

const REASON_HINTS: Record<Move, string> = {
  next: 'Why moving on with open items is right; the team reads it in the report.',
  back: 'Why the engagement goes back; the team reads it in the report.',
  close:
    'Why closing with open items is right; the team reads it in the report.',
};

function TransitionDialog(props: {
  record: EngagementRecord;
  move: Move;
  onClose: () => void;
  onDone: () => void;
}) {
  const { record, move, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const { engagement } = record;
  const current = phaseIndex(engagement.phase);
  const earlier = ENGAGEMENT_PHASES.slice(0, current);
  const [backTo, setBackTo] = useState<EngagementPhase>(
    earlier[earlier.length - 1] ?? 'learn',
  );
  let to: EngagementPhase = 'closed';
  if (move === 'next') to = ENGAGEMENT_PHASES[current + 1];
  if (move === 'back') to = backTo;
  const open = move === 'back' ? [] : openItemsFor(record, to);
  const needsReason = move === 'back' || open.length > 0;
  const [reason, setReason] = useState('');

  return (
    <ActionDialog
      title={DIALOG_TITLES[move](to)}
      submitLabel={move === 'close' ? 'Close and freeze the report' : 'Move'}
      successMessage={
        move === 'close'
          ? 'Engagement closed: the after-action report is frozen'
          : `Moved to ${title(to)}`
      }
      invalid={needsReason && reason.trim() === ''}
      onSubmit={() =>
        api.transitionEngagement(engagement.id, {
          version: engagement.version,
          to,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      {move === 'close' && (
        <Typography variant="body2" paragraph>
          Closing generates the after-action report from the record and freezes
          it: later changes to stressors, SLOs or ops load do not change it. The
          SRE's seat with the team is freed.
        </Typography>
      )}
      {move === 'back' && (
        <FormTextField
          select
          label="Back to"
          value={backTo}
          onChange={e => setBackTo(e.target.value as EngagementPhase)}
          fullWidth
          margin="dense"
        >
          {earlier.map(p => (
            <MenuItem key={p} value={p}>
              {title(p)}
            </MenuItem>
          ))}
        </FormTextField>
      )}
      {open.length > 0 && (
        <Box mb={1}>
          <Typography variant="body2">
            Not ticked in the phases left behind:
          </Typography>
          <ul>
            {open.map(k => (
              <li key={k}>
                <Typography variant="body2">
                  {checklistItem(k)?.title ?? k}
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
      <FormTextField
        label={needsReason ? 'Reason (required, kept)' : 'Reason (optional)'}
        value={reason}
        onChange={e => setReason(e.target.value)}
        required={needsReason}
        multiline
        minRows={2}
        fullWidth
        margin="dense"
        inputProps={{ maxLength: LIMITS.text }}
        helperText={needsReason ? REASON_HINTS[move] : undefined}
      />
    </ActionDialog>
  );
}

/** @public */
export interface EngagementPhaseControlsProps {
  record: EngagementRecord;
  onChange: () => void;
}

/** Move on, move back (with a reason) or close the engagement. @public */
export function EngagementPhaseControls(props: EngagementPhaseControlsProps) {
  const { record, onChange } = props;
  const [move, setMove] = useState<Move | undefined>();
  const phase = record.engagement.phase;
  if (phase === 'closed') return null;
  const next = ENGAGEMENT_PHASES[phaseIndex(phase) + 1];
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {next !== 'closed' && (
        <Button
          variant="contained"
          color="primary"
          size="small"
          onClick={() => setMove('next')}
        >
          Move on to {title(next)}
        </Button>
      )}
      {phaseIndex(phase) > 0 && (
        <Button variant="outlined" size="small" onClick={() => setMove('back')}>
          Move back…
        </Button>
      )}
      <Button
        variant={next === 'closed' ? 'contained' : 'outlined'}
        color={next === 'closed' ? 'primary' : 'default'}
        size="small"
        onClick={() => setMove('close')}
      >
        Close engagement
      </Button>
      {move && (
        <TransitionDialog
          record={record}
          move={move}
          onClose={() => setMove(undefined)}
          onDone={onChange}
        />
      )}
    </Box>
  );
}
