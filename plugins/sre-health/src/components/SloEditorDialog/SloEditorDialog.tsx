import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { sreHealthApiRef } from '../../api';

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
        good: { metricSource: { type: sre-health } }
        total: { metricSource: { type: sre-health } }
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
 * the document, field path and problem, which are shown as they come.
 * @public
 */
export function SloEditorDialog(props: SloEditorDialogProps) {
  const { open, entityRef, definitionId, onClose, onSaved } = props;
  const api = useApi(sreHealthApiRef);
  const [text, setText] = useState(SLO_TEMPLATE);
  const [version, setVersion] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    setError(undefined);
    if (!open) return;
    if (!definitionId) {
      setText(SLO_TEMPLATE);
      setVersion(undefined);
      return;
    }
    let cancelled = false;
    setBusy(true);
    api
      .getSloDefinition(definitionId)
      .then(record => {
        if (cancelled) return;
        // JSON is YAML too, so the definition round-trips through the same parser.
        setText(JSON.stringify(record.document, null, 2));
        setVersion(record.version);
      })
      .catch(e => !cancelled && setError(e.message))
      .finally(() => !cancelled && setBusy(false));
    // eslint-disable-next-line consistent-return
    return () => {
      cancelled = true;
    };
  }, [api, open, definitionId]);

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (definitionId && version !== undefined) {
        await api.updateSloDefinition(definitionId, { version, document: text });
      } else {
        await api.createSloDefinition({ entityRef, document: text });
      }
      onSaved();
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="md">
      <DialogTitle>{definitionId ? 'Edit SLO' : 'Add an SLO'}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="textSecondary" paragraph>
          An OpenSLO v1 <code>SLO</code> document with an inline indicator, in YAML or JSON.
          Metric sources: <code>sre-health</code> (events pushed to SRE Health) or{' '}
          <code>Prometheus</code> with a <code>metricSourceRef</code> configured in
          sreHealth.dataSources.
        </Typography>
        <TextField
          label="OpenSLO document"
          value={text}
          onChange={e => setText(e.target.value)}
          multiline
          minRows={16}
          fullWidth
          variant="outlined"
          inputProps={{ spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } }}
          disabled={busy}
        />
        {error && (
          <Alert severity="error" style={{ marginTop: 8 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="primary" variant="contained" onClick={save} disabled={busy || !text.trim()}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
