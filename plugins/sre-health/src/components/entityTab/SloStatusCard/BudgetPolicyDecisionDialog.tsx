import { useApi } from '@backstage/core-plugin-api';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { SloPolicyRecord, sreHealthApiRef } from '../../../api';
import {
  ActionDialog,
  FormTextField,
  describeWriteError,
} from '../../shared/ActionDialog';

/** @public */
export interface BudgetPolicyDecisionDialogProps {
  open: boolean;
  entityRef: string;
  /** The SLO whose current step is decided on. */
  sloName: string;
  sloTitle: string;
  onClose(): void;
  onSaved(): void;
}

/**
 * An SRE records the team's decision on the action of the budget-policy step an SLO is in:
 * accepted or declined, with the reason. It goes to the engagement's decision log (the
 * after-action report lists it) or, with no engagement under way, the service's own.
 * @public
 */
export function BudgetPolicyDecisionDialog(
  props: BudgetPolicyDecisionDialogProps,
) {
  if (!props.open) return null;
  return <DecisionForm {...props} />;
}

function DecisionForm(props: BudgetPolicyDecisionDialogProps) {
  const { entityRef, sloName, sloTitle, onClose, onSaved } = props;
  const api = useApi(sreHealthApiRef);
  const policy = useAsync(() => api.getSloPolicy(entityRef), [api, entityRef]);
  const episode = policy.value?.episodes.find(
    e => e.sloName === sloName && e.leftAt === null,
  );
  const [decision, setDecision] = useState<'accepted' | 'declined'>('accepted');
  const [reason, setReason] = useState('');
  const decided = episode?.decision;
  return (
    <ActionDialog
      title={`Budget policy decision: ${sloTitle}`}
      submitLabel="Record decision"
      successMessage="Decision recorded"
      invalid={!episode || !!decided || !reason.trim()}
      onSubmit={() =>
        api.decideSloPolicyEpisode(episode!.id, {
          version: episode!.version,
          decision,
          reason,
        })
      }
      onDone={onSaved}
      onClose={onClose}
    >
      {policy.error && (
        <Alert severity="error">
          {describeWriteError(policy.error).message}
        </Alert>
      )}
      {policy.value && !episode && (
        <Typography variant="body2" color="textSecondary">
          The scorecard sync has not recorded this step yet; try again after its
          next run.
        </Typography>
      )}
      {episode && (
        <Typography variant="body2" paragraph>
          The policy recommends <strong>{episode.action}</strong> (step{' '}
          {episode.stepKey}, entered {episode.enteredAt.slice(0, 10)}).
        </Typography>
      )}
      {decided ? (
        <Typography variant="body2" aria-label="Recorded decision">
          {decided.decision === 'accepted' ? 'Accepted' : 'Declined'} by{' '}
          {decided.decidedBy}: {decided.reason}
        </Typography>
      ) : (
        episode && (
          <>
            <RadioGroup
              row
              aria-label="Decision"
              value={decision}
              onChange={e =>
                setDecision(e.target.value as 'accepted' | 'declined')
              }
            >
              <FormControlLabel
                value="accepted"
                control={<Radio />}
                label="Accepted"
              />
              <FormControlLabel
                value="declined"
                control={<Radio />}
                label="Declined"
              />
            </RadioGroup>
            <FormTextField
              label="Reason"
              value={reason}
              onChange={e => setReason(e.target.value)}
              multiline
              minRows={2}
              fullWidth
              required
            />
          </>
        )
      )}
      <ServiceDecisionLog decisions={policy.value?.serviceDecisions ?? []} />
    </ActionDialog>
  );
}

/**
 * Decisions recorded while no engagement ran: the service's own log, which no after-action
 * report lists, so the dialog is where an SRE reads them back.
 */
function ServiceDecisionLog(props: {
  decisions: SloPolicyRecord['serviceDecisions'];
}) {
  if (props.decisions.length === 0) return null;
  return (
    <section aria-label="Service decision log">
      <Typography variant="subtitle2" component="h3">
        This service's decision log (no engagement under way)
      </Typography>
      {props.decisions.map(d => (
        <Typography key={d.id} variant="body2" paragraph>
          {d.decision}: {d.reason}{' '}
          <Typography component="span" variant="caption" color="textSecondary">
            ({d.example}; {d.author})
          </Typography>
        </Typography>
      ))}
    </section>
  );
}
