import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import {
  BackfillFileFormat,
  MAX_BACKFILL_FILE_CHARS,
  MAX_BACKFILL_MINUTES,
  SloBackfillRequest,
  SloBackfillResult,
} from '@sre-health/backstage-plugin-sre-health-common';
import { ChangeEvent, useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { ActionDialog, FormTextField } from '../../shared/ActionDialog';
import { FileButton } from '../../shared/FileButton';
import { FORMAT_LABELS, guessFormat, localToIso } from './backfillFormats';

/** @public */
export interface SloBackfillDialogProps {
  entityRef: string;
  /** The SLO's name (the key of its pushed events) and the title it is shown with. */
  sloName: string;
  sloTitle: string;
  onClose(): void;
  /** After an import: reload the tab. */
  onDone(): void;
}

const EXAMPLE_CSV = `start,good,total
2026-11-01T10:00:00Z,998,1000
2026-11-01T10:01:00Z,1000,1000`;

/** "Imported 3 minutes of Availability …: 1 new, 1 already there, 1 replaced". */
export function describeBackfill(title: string, r: SloBackfillResult): string {
  const added = r.accepted - r.unchanged - r.replaced;
  return `Imported ${r.accepted} minutes of ${title} (${r.from} to ${r.to}): ${added} new, ${r.unchanged} already there with the same counts, ${r.replaced} replaced`;
}

/**
 * Imports a pushed-events SLO's history (SREs): one-minute good/total counts from a file
 * (CSV, JSON, JSON Lines) or from two Prometheus range queries. The backend writes all or
 * nothing, each minute once however often it runs; its refusal names the line, index or
 * field, shown here and in a toast.
 * @public
 */
export function SloBackfillDialog(props: SloBackfillDialogProps) {
  const { entityRef, sloName, sloTitle, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const [tab, setTab] = useState<'file' | 'prometheus'>('file');
  const [file, setFile] = useState<{ name: string; text: string }>();
  const [format, setFormat] = useState<BackfillFileFormat>('csv');
  const [fileProblem, setFileProblem] = useState<string>();
  const [query, setQuery] = useState({
    source: '',
    good: '',
    total: '',
    from: '',
    to: '',
  });

  const loadFile = async (chosen: File) => {
    if (chosen.size > MAX_BACKFILL_FILE_CHARS) {
      setFileProblem(
        `${chosen.name} is larger than ${MAX_BACKFILL_FILE_CHARS} bytes.`,
      );
      setFile(undefined);
      return;
    }
    const text = await chosen.text();
    setFileProblem(undefined);
    setFile({ name: chosen.name, text });
    setFormat(guessFormat(chosen.name, text));
  };

  // the request to send, or undefined while the chosen tab's form is incomplete
  const fromPrometheus = (): SloBackfillRequest | undefined => {
    const from = localToIso(query.from);
    const to = localToIso(query.to);
    const source = query.source.trim();
    if (!source || !query.good.trim() || !query.total.trim() || !from || !to) {
      return undefined;
    }
    return {
      entityRef,
      slo: sloName,
      prometheus: { ...query, source, from, to },
    };
  };
  const request: SloBackfillRequest | undefined =
    tab === 'file'
      ? file && { entityRef, slo: sloName, file: { format, text: file.text } }
      : fromPrometheus();
  const field = (key: keyof typeof query) => ({
    value: query[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) =>
      setQuery(q => ({ ...q, [key]: e.target.value })),
    fullWidth: true,
    margin: 'dense' as const,
    required: true,
  });

  return (
    <ActionDialog<SloBackfillResult>
      title={`Import history: ${sloTitle}`}
      submitLabel="Import"
      successMessage={result => describeBackfill(sloTitle, result)}
      invalid={!request}
      onSubmit={() => api.backfillSlo(request!)}
      onDone={onDone}
      onClose={onClose}
      maxWidth="md"
    >
      <Typography variant="body2" color="textSecondary" paragraph>
        Good and total events per minute, beyond the late-arrival tolerance of
        live pushes. Each minute is written once however often you import it;
        one bad row refuses the whole import, naming it. At most{' '}
        {MAX_BACKFILL_MINUTES.toLocaleString('en-US')} minutes at a time.
      </Typography>
      <Tabs
        value={tab}
        onChange={(_, value) => setTab(value)}
        indicatorColor="primary"
        aria-label="Where the history comes from"
      >
        <Tab value="file" label="From a file" />
        <Tab value="prometheus" label="From Prometheus" />
      </Tabs>
      {tab === 'file' ? (
        <Box role="tabpanel" aria-label="From a file" pt={2}>
          <Typography variant="body2" paragraph>
            One row a minute with <code>start</code> (ISO 8601 with a time zone,
            on a whole minute), <code>good</code> and <code>total</code> (whole
            numbers, good ≤ total). CSV with a header naming the three columns
            in any order; JSON, an array of{' '}
            <code>{'{"start", "good", "total"}'}</code> objects; or JSON Lines,
            one such object a line.
          </Typography>
          <Box
            component="pre"
            m={0}
            mb={2}
            aria-label="Example CSV"
            style={{ fontSize: 12 }}
          >
            {EXAMPLE_CSV}
          </Box>
          <Box display="flex" alignItems="center" style={{ gap: 16 }}>
            <FileButton
              label="Choose a file"
              accept=".csv,.json,.jsonl,.ndjson,text/csv,application/json,text/plain"
              inputLabel="History file"
              onFile={loadFile}
            />
            <Typography variant="body2" noWrap>
              {file
                ? `${file.name} (${file.text.length.toLocaleString(
                    'en-US',
                  )} characters)`
                : 'No file chosen'}
            </Typography>
            <FormTextField
              select
              label="Format"
              value={format}
              onChange={e => setFormat(e.target.value as BackfillFileFormat)}
              style={{ minWidth: 160 }}
            >
              {Object.entries(FORMAT_LABELS).map(([value, label]) => (
                <MenuItem key={value} value={value}>
                  {label}
                </MenuItem>
              ))}
            </FormTextField>
          </Box>
          {fileProblem && (
            <Typography variant="body2" color="error" role="alert">
              {fileProblem}
            </Typography>
          )}
        </Box>
      ) : (
        <Box role="tabpanel" aria-label="From Prometheus" pt={1}>
          <Typography variant="body2" color="textSecondary">
            Two range queries at one-minute steps, each sample the count of the
            minute ending at it, e.g.{' '}
            <code>sum(increase(http_requests_total[1m]))</code>.
          </Typography>
          <FormTextField
            label="Data source (a name of sreHealth.dataSources)"
            {...field('source')}
          />
          <FormTextField label="Good events query" {...field('good')} />
          <FormTextField label="Total events query" {...field('total')} />
          <Box display="flex" style={{ gap: 16 }}>
            <FormTextField
              label="From"
              type="datetime-local"
              InputLabelProps={{ shrink: true }}
              {...field('from')}
            />
            <FormTextField
              label="To"
              type="datetime-local"
              InputLabelProps={{ shrink: true }}
              {...field('to')}
            />
          </Box>
        </Box>
      )}
    </ActionDialog>
  );
}
