import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  StressorFlag,
  describeExemption,
  isExemptionExpired,
} from '@sre-health/backstage-plugin-sre-health-common';
import { ReactNode } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreHealthApiRef } from '../../../api';
import { formatDate } from '../../../utils/format';
import { describeWriteError } from '../../shared/ActionDialog';
import { describeHistoryEntry, flaggedBy, formatDateTime } from './flagFormat';

const plainText = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box mb={1.5}>
      <Typography variant="overline" color="textSecondary" display="block">
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/** Who changed the flag and how, newest first; loaded when the row is first expanded. */
export function FlagHistory(props: { flag: StressorFlag }) {
  const { flag } = props;
  const api = useApi(sreHealthApiRef);
  // The flag's version is a dependency: after a change the history is read again.
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getStressorFlagHistory(flag.id),
    [api, flag.id, flag.version],
  );
  if (error) {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={retry}>
            Retry
          </Button>
        }
      >
        Could not load the history: {describeWriteError(error).message}
      </Alert>
    );
  }
  if (loading || !value) {
    return <Progress />;
  }
  if (value.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No changes recorded.
      </Typography>
    );
  }
  return (
    <Box component="ol" m={0} pl={2} aria-label="History">
      {value.map(entry => {
        const line = describeHistoryEntry(entry);
        return (
          <li key={entry.id}>
            <Typography variant="body2">
              <strong>{line.what}</strong> by {flaggedBy(entry.actor)},{' '}
              {formatDateTime(entry.at)}
            </Typography>
            {line.changes.length > 0 && (
              <Box component="ul" m={0} pl={2}>
                {line.changes.map(change => (
                  <Typography
                    component="li"
                    variant="caption"
                    color="textSecondary"
                    key={change.field}
                    style={{ ...plainText, display: 'list-item' }}
                  >
                    {change.field}: {change.from} → {change.to}
                  </Typography>
                ))}
              </Box>
            )}
          </li>
        );
      })}
    </Box>
  );
}

/**
 * The expanded row of a flag: its evidence, the detector's facts, the dismissal reason
 * and its history. Everything users or detectors wrote is rendered as plain text.
 */
export function FlagDetails(props: { flag: StressorFlag }) {
  const { flag } = props;
  const facts = Object.entries(flag.facts ?? {});
  const detectorEvidence = facts.find(([k]) => k === 'detectorEvidence')?.[1];
  const otherFacts = facts.filter(([k]) => k !== 'detectorEvidence');
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <Section title="Evidence">
          {flag.evidence ? (
            <Typography variant="body2" style={plainText}>
              {flag.evidence}
            </Typography>
          ) : (
            <Typography variant="body2" color="textSecondary">
              No evidence recorded.
            </Typography>
          )}
        </Section>
        {detectorEvidence !== undefined && (
          <Section title="The detector agrees">
            <Typography variant="body2" style={plainText}>
              {String(detectorEvidence)}
            </Typography>
          </Section>
        )}
        {otherFacts.length > 0 && (
          <Section title="Detector's facts">
            <Box component="ul" m={0} pl={2} aria-label="Detector's facts">
              {otherFacts.map(([key, value]) => (
                <Typography
                  component="li"
                  variant="body2"
                  key={key}
                  style={{ ...plainText, display: 'list-item' }}
                >
                  {key}: {String(value)}
                </Typography>
              ))}
            </Box>
            {flag.detectedAt && (
              <Typography variant="caption" color="textSecondary">
                Last seen by the detector {formatDate(flag.detectedAt)}
              </Typography>
            )}
          </Section>
        )}
        {flag.confirmedBy && (
          <Section title="Confirmed">
            <Typography variant="body2">
              by {flaggedBy(flag.confirmedBy)}
            </Typography>
          </Section>
        )}
        {flag.status === 'exempt' && (
          <Section title="Exemption">
            <Typography variant="body2" style={plainText}>
              {describeExemption(flag)}
            </Typography>
            {flag.exemptBy && (
              <Typography variant="caption" color="textSecondary">
                granted by {flaggedBy(flag.exemptBy)};{' '}
                {isExemptionExpired(flag)
                  ? 'that day has passed: the next detection run re-opens the flag if the stressor is still there, or resolves it'
                  : 'after that day the next detection run re-opens the flag if the stressor is still there'}
              </Typography>
            )}
          </Section>
        )}
        {flag.dismissedReason && (
          <Section title="Dismissed because">
            <Typography variant="body2" style={plainText}>
              {flag.dismissedReason}
            </Typography>
          </Section>
        )}
      </Grid>
      <Grid item xs={12} md={6}>
        <Section title="History">
          <FlagHistory flag={flag} />
        </Section>
      </Grid>
    </Grid>
  );
}
