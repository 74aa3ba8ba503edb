import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type {
  InterruptCauseClass,
  InterruptLedger,
  LedgerCause,
} from '@sre-health/backstage-plugin-sre-health-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreHealthApiRef } from '../../../api';
import { useAnnotationPermissions } from '../../../hooks/useAnnotationPermissions';
import { useWrite } from '../../shared/ActionDialog';

const NO_ITEM = '';

/** Its last four weeks with interrupts, e.g. "6 · 5 · 1 · 1". */
function recentWeeks(cause: LedgerCause): string {
  return cause.weeks
    .slice(-4)
    .map(w => String(w.count))
    .join(' · ');
}

function CauseRow(props: {
  cause: LedgerCause;
  ledger: InterruptLedger;
  canSort: boolean;
  onSaved: () => void;
}) {
  const { cause, ledger, canSort, onSaved } = props;
  const api = useApi(sreHealthApiRef);
  const write = useWrite();
  const busy = write.busy;
  const save = (change: {
    causeClass?: InterruptCauseClass;
    kindlingItemId?: string | null;
  }) =>
    write.run(
      () =>
        cause.sorting
          ? api.updateInterruptCause(cause.sorting.id, {
              version: cause.sorting.version,
              ...change,
            })
          : api.createInterruptCause({
              teamRef: ledger.teamRef,
              causeKey: cause.causeKey,
              causeClass: change.causeClass ?? 'toil',
              kindlingItemId: change.kindlingItemId ?? null,
            }),
      {
        success: `Sorted ${cause.causeKey}`,
        onDone: onSaved,
        onConflict: onSaved,
      },
    );
  return (
    <TableRow>
      <TableCell>
        <Typography variant="body2" noWrap title={cause.causeKey}>
          {cause.causeKey}
        </Typography>
      </TableCell>
      <TableCell>{cause.sources.join(', ')}</TableCell>
      <TableCell align="right">{cause.count}</TableCell>
      <TableCell align="right">{cause.hours}</TableCell>
      <TableCell>
        <Typography variant="body2" noWrap>
          {recentWeeks(cause)}
        </Typography>
      </TableCell>
      <TableCell>
        <TextField
          select
          size="small"
          value={cause.causeClass ?? ''}
          disabled={!canSort || busy}
          inputProps={{ 'aria-label': `Sort ${cause.causeKey}` }}
          onChange={e =>
            save({ causeClass: e.target.value as InterruptCauseClass })
          }
        >
          <MenuItem value="" disabled>
            unsorted
          </MenuItem>
          <MenuItem value="toil">toil</MenuItem>
          <MenuItem value="overhead">overhead</MenuItem>
        </TextField>
      </TableCell>
      <TableCell>
        <TextField
          select
          size="small"
          value={cause.kindlingItemId ?? NO_ITEM}
          disabled={!canSort || busy || !cause.causeClass}
          inputProps={{ 'aria-label': `Kindling item for ${cause.causeKey}` }}
          onChange={e => save({ kindlingItemId: e.target.value || null })}
        >
          <MenuItem value={NO_ITEM}>none</MenuItem>
          {ledger.kindling.map(k => (
            <MenuItem key={k.id} value={k.id}>
              {k.title} ({k.state})
            </MenuItem>
          ))}
        </TextField>
      </TableCell>
      <TableCell>{cause.effect?.words ?? ''}</TableCell>
    </TableRow>
  );
}

/** @public */
export interface InterruptLedgerTableProps {
  teamRef: string;
}

/**
 * The interrupt ledger: the team's pages, fires and interrupts grouped by cause, with
 * counts and hours; the SRE sorts each cause once (toil or overhead) and links it to the
 * kindling item that should remove it; a cleared item shows whether the cause fell.
 * @public
 */
export function InterruptLedgerTable(props: InterruptLedgerTableProps) {
  const { teamRef } = props;
  const api = useApi(sreHealthApiRef);
  const { canCreate, canUpdate } = useAnnotationPermissions(teamRef);
  const ledger = useAsyncRetry(
    () => api.getInterruptLedger(teamRef),
    [api, teamRef],
  );
  if (ledger.error) return <ResponseErrorPanel error={ledger.error} />;
  if (!ledger.value) return <Progress />;
  if (ledger.value.causes.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No pages, fires or interrupts recorded for the team yet.
      </Typography>
    );
  }
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Interrupt ledger by cause">
        <TableHead>
          <TableRow>
            <TableCell>Cause</TableCell>
            <TableCell>From</TableCell>
            <TableCell align="right">Interrupts</TableCell>
            <TableCell align="right">Hours</TableCell>
            <TableCell>Last weeks</TableCell>
            <TableCell>Sorted as</TableCell>
            <TableCell>Kindling item</TableCell>
            <TableCell>Since it was cleared</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {ledger.value.causes.map(c => (
            <CauseRow
              key={c.causeKey}
              cause={c}
              ledger={ledger.value!}
              canSort={c.sorting ? canUpdate : canCreate}
              onSaved={ledger.retry}
            />
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
