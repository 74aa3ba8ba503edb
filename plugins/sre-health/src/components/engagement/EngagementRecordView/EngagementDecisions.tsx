import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  ENGAGEMENT_LIMITS,
  PHASES,
  WorkPhase,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { formatDate, shortRef } from '../../../utils/format';
import { ActionDialog } from '../../shared/ActionDialog';
import {
  EngagementEntriesProps,
  Field,
  PhaseSelect,
  currentPhase,
  useEntryWrite,
} from './entryFields';

/** The decision log: what was decided in each phase, why, and a concrete example. @public */
export function EngagementDecisions(props: EngagementEntriesProps) {
  const { record, canUpdate, onChange } = props;
  const api = useApi(sreHealthApiRef);
  const id = record.engagement.id;
  const writable = canUpdate && record.engagement.phase !== 'closed';
  const [adding, setAdding] = useState(false);
  const [phase, setPhase] = useState<WorkPhase>(currentPhase(record));
  const [decision, setDecision] = useState('');
  const [reason, setReason] = useState('');
  const [example, setExample] = useState('');
  const { write, busy } = useEntryWrite(onChange);

  return (
    <Box>
      {record.decisions.length === 0 && (
        <Typography variant="body2" color="textSecondary" paragraph>
          No decisions logged yet. Write down what was decided, why, and a
          concrete example, so the team can predict the reasoning after the SRE
          leaves.
        </Typography>
      )}
      {PHASES.filter(p => record.decisions.some(d => d.phase === p.phase)).map(
        p => (
          <Box key={p.phase} mb={2}>
            <Typography variant="subtitle1" component="h3">
              {p.title}
            </Typography>
            {record.decisions
              .filter(d => d.phase === p.phase)
              .map(d => (
                <Box key={d.id} mb={1} aria-label={`Decision: ${d.decision}`}>
                  <Typography variant="body2">
                    <strong>{d.decision}</strong>
                  </Typography>
                  <Typography variant="body2">Why: {d.reason}</Typography>
                  <Typography variant="body2">Example: {d.example}</Typography>
                  <Typography variant="caption" color="textSecondary">
                    {shortRef(d.author)}, {formatDate(d.createdAt)}
                  </Typography>
                  {writable && (
                    <Button
                      size="small"
                      disabled={busy}
                      aria-label={`Delete decision ${d.decision}`}
                      onClick={() =>
                        write(
                          () =>
                            api.deleteEngagementDecision(id, d.id, d.version),
                          `Decision deleted: ${d.decision}`,
                        )
                      }
                    >
                      Delete
                    </Button>
                  )}
                </Box>
              ))}
          </Box>
        ),
      )}
      {writable && (
        <Button variant="outlined" size="small" onClick={() => setAdding(true)}>
          Log a decision
        </Button>
      )}
      {adding && (
        <ActionDialog
          title="Log a decision"
          submitLabel="Log"
          successMessage="Decision logged"
          invalid={!decision.trim() || !reason.trim() || !example.trim()}
          onSubmit={() =>
            api.createEngagementDecision(id, {
              phase,
              decision: decision.trim(),
              reason: reason.trim(),
              example: example.trim(),
            })
          }
          onDone={() => {
            setDecision('');
            setReason('');
            setExample('');
            onChange();
          }}
          onClose={() => setAdding(false)}
        >
          <PhaseSelect record={record} value={phase} onChange={setPhase} />
          <Field
            label="What was decided"
            value={decision}
            onChange={setDecision}
            required
            max={ENGAGEMENT_LIMITS.statement}
          />
          <Field
            label="Why"
            value={reason}
            onChange={setReason}
            required
            multiline
          />
          <Field
            label="A concrete example"
            value={example}
            onChange={setExample}
            required
            multiline
          />
        </ActionDialog>
      )}
    </Box>
  );
}
