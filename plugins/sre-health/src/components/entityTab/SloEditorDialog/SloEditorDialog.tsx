import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sreHealthApiRef } from '../../../api';
import {
  ActionDialog,
  FormTextField,
  describeWriteError,
} from '../../shared/ActionDialog';

/** A starting point an SRE edits: availability over events pushed to SRE Health. */
export const SLO_TEMPLATE = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability-28d
  displayName: Availability (28 days)
spec:
  description: Requests that succeed, from good/total events pushed to /api/sre-health/slo-events.
  indicator:
    spec:
      ratioMetric:
        counter: false
        good: { metricSource: { type: sre-health, spec: {} } }
        total: { metricSource: { type: sre-health, spec: {} } }
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Requests succeed
      targetPercent: 99.9
`;

/** @public */
export interface SloEditorDialogProps {
  open: boolean;
  entityRef: string;
  /** Set to edit an SLO created through the API: its definition id. */
  definitionId?: string;
  onClose(): void;
  onSaved(): void;
}

/**
 * Create or edit an SLO as an OpenSLO document. The backend validates it and answers with
 * the document, field path and problem, which are shown as they come; a 409 (someone else
 * changed the SLO) offers a reload.
 * @public
 */
export function SloEditorDialog(props: SloEditorDialogProps) {
  // Mounted while open, afresh for each SLO: what the SRE typed starts over.
  if (!props.open) {
    return null;
  }
  return <SloEditor key={props.definitionId ?? ''} {...props} />;
}

function SloEditor(props: SloEditorDialogProps) {
  const { entityRef, definitionId, onClose, onSaved } = props;
  const api = useApi(sreHealthApiRef);
  // The document to start from: the template, or the stored one. JSON is YAML too, so a
  // stored definition round-trips through the same parser.
  const start = useAsync(async () => {
    if (!definitionId) {
      return { text: SLO_TEMPLATE, version: undefined };
    }
    const record = await api.getSloDefinition(definitionId);
    return {
      text: JSON.stringify(record.document, null, 2),
      version: record.version,
    };
  }, [api, definitionId]);
  // What the SRE typed; undefined until they edit.
  const [edited, setEdited] = useState<string | undefined>();
  const text = edited ?? start.value?.text ?? '';
  const version = start.value?.version;
  const save = () =>
    definitionId && version !== undefined
      ? api.updateSloDefinition(definitionId, { version, document: text })
      : api.createSloDefinition({ entityRef, document: text });

  return (
    <ActionDialog
      title={definitionId ? 'Edit SLO' : 'Add an SLO'}
      submitLabel="Save"
      successMessage={definitionId ? 'SLO saved' : 'SLO added'}
      maxWidth="md"
      // an edit must not turn into a create while (or because) the stored SLO did not load
      invalid={start.loading || !!start.error || !text.trim()}
      onSubmit={save}
      onDone={onSaved}
      onClose={onClose}
    >
      <Typography variant="body2" color="textSecondary" paragraph>
        An OpenSLO v1 <code>SLO</code> document with an inline indicator, in
        YAML or JSON. Metric sources: <code>sre-health</code> (events pushed to
        SRE Health) or <code>Prometheus</code> with a{' '}
        <code>metricSourceRef</code> configured in sreHealth.dataSources.
      </Typography>
      <FormTextField
        label="OpenSLO document"
        value={text}
        onChange={e => setEdited(e.target.value)}
        multiline
        minRows={16}
        fullWidth
        variant="outlined"
        inputProps={{
          spellCheck: false,
          style: { fontFamily: 'monospace', fontSize: 13 },
        }}
        disabled={start.loading}
      />
      {start.error && (
        <Alert severity="error" style={{ marginTop: 8 }}>
          {describeWriteError(start.error).message}
        </Alert>
      )}
    </ActionDialog>
  );
}
