import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import {
  AlertSummary,
  LIMITS,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import {
  ActionDialog,
  DialogDateField,
  DialogTextField,
} from '../../shared/ActionDialog';
import { UserPicker } from '../../shared/UserPicker';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const today = () => new Date().toISOString().slice(0, 10);

interface DialogProps {
  entityRef: string;
  onClose: () => void;
  onDone: () => void;
}

/**
 * Records a problem the team was told to live with until a future release: if the
 * release slips, the "next big thing" stressor fires.
 */
export function DeferredProblemDialog(props: DialogProps) {
  const { entityRef, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const [title, setTitle] = useState('');
  const [deferredUntil, setDeferredUntil] = useState('');
  const [dueDate, setDueDate] = useState('');
  const invalid =
    !title.trim() ||
    !deferredUntil.trim() ||
    (dueDate !== '' && !ISO_DATE.test(dueDate));
  return (
    <ActionDialog
      title="Record a deferred problem"
      submitLabel="Record"
      successMessage="Deferred problem recorded"
      invalid={invalid}
      onSubmit={() =>
        api.createDeferredProblem({
          entityRef,
          title: title.trim(),
          deferredUntil: deferredUntil.trim(),
          ...(dueDate && { dueDate }),
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <DialogTextField
        id="sre-health-deferred-title"
        label="Problem"
        value={title}
        onChange={e => setTitle(e.target.value)}
        required
        inputProps={{ maxLength: LIMITS.title }}
      />
      <DialogTextField
        id="sre-health-deferred-until"
        label="Deferred until (release or feature)"
        value={deferredUntil}
        onChange={e => setDeferredUntil(e.target.value)}
        required
        inputProps={{ maxLength: LIMITS.title }}
      />
      <DialogDateField
        id="sre-health-deferred-due"
        label="Due"
        value={dueDate}
        onChange={e => setDueDate(e.target.value)}
        helperText="When the release is expected; without a date the problem counts as overdue after 90 days."
      />
    </ActionDialog>
  );
}

/** Records a customer complaint; complaints on a service without an SLO raise a stressor. */
export function ComplaintDialog(props: DialogProps) {
  const { entityRef, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const [summary, setSummary] = useState('');
  const [source, setSource] = useState('');
  const [receivedOn, setReceivedOn] = useState(today());
  const invalid = !summary.trim() || !ISO_DATE.test(receivedOn);
  return (
    <ActionDialog
      title="Record a customer complaint"
      submitLabel="Record"
      successMessage="Complaint recorded"
      invalid={invalid}
      onSubmit={() =>
        api.createComplaint({
          entityRef,
          summary: summary.trim(),
          source: source.trim(),
          receivedAt: `${receivedOn}T00:00:00.000Z`,
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <DialogTextField
        id="sre-health-complaint-summary"
        label="What the customer said"
        value={summary}
        onChange={e => setSummary(e.target.value)}
        required
        multiline
        minRows={2}
        inputProps={{ maxLength: LIMITS.text }}
      />
      <DialogTextField
        id="sre-health-complaint-source"
        label="Source (ticket, channel)"
        value={source}
        onChange={e => setSource(e.target.value)}
        inputProps={{ maxLength: LIMITS.title }}
      />
      <DialogDateField
        id="sre-health-complaint-date"
        label="Received"
        value={receivedOn}
        onChange={e => setReceivedOn(e.target.value)}
        required
      />
    </ActionDialog>
  );
}

/**
 * What is known about a noisy alert: a diagnosis, a runbook or an owner. Any of them
 * stops the alert counting towards "alerts nobody can diagnose".
 */
export function AlertDiagnosisDialog(
  props: DialogProps & { alert: AlertSummary },
) {
  const { entityRef, alert, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const current = alert.diagnosis;
  const [diagnosis, setDiagnosis] = useState(current?.diagnosis ?? '');
  const [runbookUrl, setRunbookUrl] = useState(current?.runbookUrl ?? '');
  const [ownerRef, setOwnerRef] = useState(current?.ownerRef ?? '');
  const invalid = !diagnosis.trim() && !runbookUrl.trim() && !ownerRef.trim();
  const fields = {
    diagnosis: diagnosis.trim(),
    runbookUrl: runbookUrl.trim(),
    ownerRef: ownerRef.trim(),
  };
  return (
    <ActionDialog
      title="Diagnose an alert"
      submitLabel="Save"
      successMessage={`Diagnosis saved: ${alert.alertName}`}
      invalid={invalid}
      onSubmit={() =>
        current
          ? api.updateAlertDiagnosis(current.id, {
              version: current.version,
              ...fields,
            })
          : api.createAlertDiagnosis({
              entityRef,
              alertName: alert.alertName,
              ...fields,
            })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <DialogContentText>
        {alert.alertName} fired {alert.firings} times. Give at least one of a
        diagnosis, a runbook or an owner.
      </DialogContentText>
      <DialogTextField
        id="sre-health-alert-diagnosis"
        label="Diagnosis"
        value={diagnosis}
        onChange={e => setDiagnosis(e.target.value)}
        multiline
        minRows={2}
        inputProps={{ maxLength: LIMITS.text }}
      />
      <DialogTextField
        id="sre-health-alert-runbook"
        label="Runbook URL"
        value={runbookUrl}
        onChange={e => setRunbookUrl(e.target.value)}
        inputProps={{ maxLength: 2048 }}
      />
      <UserPicker
        label="Owner"
        value={ownerRef}
        onChange={setOwnerRef}
        kinds={['Group', 'User']}
        helperText="The team or person who answers for this alert."
      />
    </ActionDialog>
  );
}
