import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  AfterActionReportDocument,
  OPS_LOAD_CAP,
  OpsFigure,
  StressorFigure,
  formatShare,
  stressorTitle,
} from '@sre-health/backstage-plugin-sre-health-common';
import { formatDate, shortRef } from '../../../utils/format';
import { useReportStyles } from './reportStyles';

function StressorList(props: { flags: StressorFigure[]; empty: string }) {
  if (props.flags.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.empty}
      </Typography>
    );
  }
  return (
    <ul>
      {props.flags.map(f => (
        <li key={`${f.entityRef} ${f.stressorKey}`}>
          <Typography variant="body2">
            {stressorTitle(f.stressorKey)} ({f.stressLevel}/5) on{' '}
            {shortRef(f.entityRef)}
            {f.evidence ? `: ${f.evidence}` : ''}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

/** One row of the ops table: share, weeks above the cap, the weeks it covers. */
function opsCells(ops: OpsFigure | null | undefined) {
  if (!ops) return ['—', '—', '—'];
  const { weeks } = ops;
  return [
    formatShare(ops.opsShare),
    `${ops.weeksOverCap} of ${weeks.length}`,
    weeks.length
      ? `${formatDate(weeks[0].weekStart)} – ${formatDate(
          weeks[weeks.length - 1].weekStart,
        )}`
      : '—',
  ];
}

/**
 * The rows of the ops table: before, during (the weeks the statements count) and at the
 * end. Reports frozen before the during figure was kept have no middle row.
 */
function opsRows(problem: AfterActionReportDocument['report']['problem']) {
  return [
    {
      label: 'Before the engagement',
      ops: problem.start?.ops,
      open: problem.start?.stressors.open,
    },
    ...(problem.during
      ? [
          {
            label: 'During the engagement',
            ops: problem.during,
            open: undefined,
          },
        ]
      : []),
    {
      label: 'At the end',
      ops: problem.end.ops,
      open: problem.end.stressors.open,
    },
  ];
}

/**
 * "The problem, in numbers": the statements, ops load before, during and at the end, the
 * SLOs and their budgets, the stressors resolved and those found (discoveries, not
 * regressions), and what must change in the SRE's words.
 */
export function ProblemSection(props: {
  problem: AfterActionReportDocument['report']['problem'];
}) {
  const { problem } = props;
  const classes = useReportStyles();
  const startSlos = problem.start?.slos ?? null;
  return (
    <>
      <Typography variant="h6" component="h2">
        The problem, in numbers
      </Typography>
      <ul>
        {problem.statements.map(s => (
          <li key={s}>
            <Typography variant="body2">{s}</Typography>
          </li>
        ))}
      </ul>
      <Box className={classes.scroll}>
        <Table size="small" aria-label="Ops load at the start and at the end">
          <TableHead>
            <TableRow>
              <TableCell />
              <TableCell className={classes.nowrap}>
                Ops share (cap {formatShare(OPS_LOAD_CAP)})
              </TableCell>
              <TableCell className={classes.nowrap}>
                Weeks above the cap
              </TableCell>
              <TableCell className={classes.nowrap}>Weeks</TableCell>
              <TableCell className={classes.nowrap}>Open stressors</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {opsRows(problem).map(row => (
              <TableRow key={row.label}>
                <TableCell
                  component="th"
                  scope="row"
                  className={classes.nowrap}
                >
                  {row.label}
                </TableCell>
                {opsCells(row.ops).map((c, i) => (
                  <TableCell key={i} className={classes.nowrap}>
                    {c}
                  </TableCell>
                ))}
                <TableCell>{row.open ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      {problem.end.slos && problem.end.slos.length > 0 && (
        <Table size="small" aria-label="SLOs and error budgets">
          <TableHead>
            <TableRow>
              <TableCell>SLO</TableCell>
              <TableCell>Target</TableCell>
              <TableCell>SLI start → end</TableCell>
              <TableCell>Budget left start → end</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {problem.end.slos.map(slo => {
              const before = startSlos?.find(
                x => x.entityRef === slo.entityRef && x.name === slo.name,
              );
              return (
                <TableRow key={`${slo.entityRef} ${slo.name}`}>
                  <TableCell>
                    {slo.displayName || slo.name} ({shortRef(slo.entityRef)})
                  </TableCell>
                  <TableCell>{formatShare(slo.target, 3)}</TableCell>
                  <TableCell>
                    {formatShare(before?.sli, 2)} → {formatShare(slo.sli, 2)}
                  </TableCell>
                  <TableCell>
                    {formatShare(before?.budgetRemaining)} →{' '}
                    {formatShare(slo.budgetRemaining)}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <Typography variant="subtitle2" component="h3">
        Stressors resolved
      </Typography>
      <StressorList
        flags={problem.resolvedStressors}
        empty="None of the stressors open at the start was resolved."
      />
      <Typography variant="subtitle2" component="h3">
        Stressors found during the engagement
      </Typography>
      {problem.newStressors.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          Discoveries, not regressions: naming the team's stressors is phase 1's
          work.
        </Typography>
      )}
      <StressorList
        flags={problem.newStressors}
        empty="No stressor was found during the engagement."
      />
      {problem.summary && (
        <>
          <Typography variant="subtitle2" component="h3">
            What must change, in the SRE's words
          </Typography>
          <Typography variant="body2" className={classes.text}>
            {problem.summary}
          </Typography>
        </>
      )}
    </>
  );
}
