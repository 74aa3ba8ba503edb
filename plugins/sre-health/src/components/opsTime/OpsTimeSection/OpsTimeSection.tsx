import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  OPS_LOAD_CAP,
  TeamOpsTime,
  TeamOpsWeek,
  opsShareSourceWords,
} from '@sre-health/backstage-plugin-sre-health-common';
import useAsync from 'react-use/esm/useAsync';
import { sreHealthApiRef } from '../../../api';
import { formatPercent } from '../../../utils/format';
import { Disclosure } from '../../shared/Disclosure';
import { InterruptLedgerTable } from '../InterruptLedgerTable';
import {
  OpsShareSpan,
  WeeklyOpsShareChart,
} from '../../shared/WeeklyOpsShareChart';

const hours = (n: number | undefined) =>
  n === undefined ? '—' : `${Math.round(n * 10) / 10} h`;

/** Each week's terms: what the computed share adds up, and which share counts. */
function TermsTable(props: { opsTime: TeamOpsTime }) {
  const { opsTime } = props;
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Ops time by week, with its terms">
        <TableHead>
          <TableRow>
            <TableCell>Week of</TableCell>
            <TableCell>Counts</TableCell>
            <TableCell align="right">Fires</TableCell>
            <TableCell align="right">Pages</TableCell>
            <TableCell align="right">Interrupts</TableCell>
            <TableCell align="right">Capacity</TableCell>
            <TableCell align="right">Computed</TableCell>
            <TableCell align="right">Typed</TableCell>
            <TableCell align="right">Toil share</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {[...opsTime.weeks].reverse().map(w => (
            <TableRow key={w.weekStart}>
              <TableCell>
                <Typography variant="body2" noWrap>
                  {w.weekStart}
                </Typography>
              </TableCell>
              <TableCell>
                <Typography variant="body2" noWrap>
                  {w.source}
                </Typography>
              </TableCell>
              <TableCell align="right">
                {hours(w.computed?.fireHours)}
                {w.computed?.untimedFires
                  ? ` (+${w.computed.untimedFires} untimed)`
                  : ''}
              </TableCell>
              <TableCell align="right">
                {hours(w.computed?.pageHours)}
              </TableCell>
              <TableCell align="right">
                {hours(w.computed?.interruptHours)}
              </TableCell>
              <TableCell align="right">
                <Typography variant="body2" noWrap>
                  {w.computed
                    ? `${w.computed.members} × ${w.computed.hoursPerPersonWeek} h`
                    : '—'}
                </Typography>
              </TableCell>
              <TableCell align="right">
                {formatPercent(w.computedShare, 0)}
              </TableCell>
              <TableCell align="right">
                {formatPercent(w.typedShare, 0)}
              </TableCell>
              <TableCell align="right">
                {formatPercent(w.toilShare, 0)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** The chart's caption: how many weeks each line has, and which one counts. */
function chartDescription(weeks: ReadonlyArray<TeamOpsWeek>) {
  const typed = weeks.filter(w => w.typedShare !== null).length;
  const computed = weeks.filter(w => w.computedShare !== null).length;
  return `Computed weeks: ${computed}; typed weeks: ${typed}. A typed week overrides the computed one. Cap ${formatPercent(
    OPS_LOAD_CAP,
    0,
  )}.`;
}

/** @public */
export interface OpsTimeSectionProps {
  teamRef: string;
  /** The team's running engagement: its weeks are shaded on the chart. */
  engagement?: OpsShareSpan;
}

/**
 * The team's ops share computed from its recorded work beside the typed one: the latest
 * week's verdict (share, source, toil share), the two series, and behind disclosures the
 * weekly terms and the interrupt ledger by cause.
 * @public
 */
export function OpsTimeSection(props: OpsTimeSectionProps) {
  const { teamRef, engagement } = props;
  const api = useApi(sreHealthApiRef);
  const opsTime = useAsync(() => api.getOpsTime(teamRef), [api, teamRef]);
  if (opsTime.error) return <ResponseErrorPanel error={opsTime.error} />;
  if (!opsTime.value) return <Progress />;
  const { weeks } = opsTime.value;
  const latest = weeks[weeks.length - 1];
  return (
    <Box component="section" aria-label="Ops time" mt={3}>
      <Typography variant="overline" color="textSecondary" display="block">
        Ops time
      </Typography>
      {latest ? (
        <Typography variant="body2">
          Week of {latest.weekStart}: ops work{' '}
          <strong>{formatPercent(latest.share, 0)}</strong> of the team's
          capacity ({opsShareSourceWords(latest.source)}
          {latest.source === 'typed' && latest.computedShare !== null
            ? `; computed ${formatPercent(latest.computedShare, 0)}`
            : ''}
          )
          {latest.toilShare !== null
            ? ` · toil ${formatPercent(latest.toilShare, 0)} of ops time`
            : ''}
          .
        </Typography>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No fires, pages, interrupts or typed weeks for the team yet.
        </Typography>
      )}
      {weeks.length > 0 && (
        <WeeklyOpsShareChart
          weeks={weeks}
          description={chartDescription(weeks)}
          engagement={engagement}
        />
      )}
      {weeks.length > 0 && (
        <Disclosure label="Show the terms of each week">
          <TermsTable opsTime={opsTime.value} />
        </Disclosure>
      )}
      <Disclosure label="Show the interrupt ledger by cause">
        <InterruptLedgerTable teamRef={teamRef} />
      </Disclosure>
    </Box>
  );
}
