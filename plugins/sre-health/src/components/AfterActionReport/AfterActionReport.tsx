import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  AfterActionReportDocument,
  OPS_LOAD_CAP,
  OpsFigure,
  PHASES,
  StressorFigure,
  formatShare,
  stressorTitle,
} from '@internal/backstage-plugin-sre-health-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreHealthApiRef } from '../../api';
import { formatDate, shortRef } from '../../utils/format';
import { downloadText } from '../../utils/downloadText';

/** Class of the report root: the only thing a printout shows. */
export const PRINT_ROOT_CLASS = 'sre-health-after-action-report';
const NO_PRINT_CLASS = 'sre-health-after-action-report-no-print';

/** Printing the page prints the report alone, in black on white. */
const PRINT_CSS = `@media print {
  body * { visibility: hidden; }
  .${PRINT_ROOT_CLASS}, .${PRINT_ROOT_CLASS} * { visibility: visible; }
  .${PRINT_ROOT_CLASS} { position: absolute; left: 0; top: 0; width: 100%; color: #000; background: #fff; }
  .${NO_PRINT_CLASS} { display: none !important; }
}`;

const useStyles = makeStyles(theme => ({
  root: {
    '& h2': { marginTop: theme.spacing(3) },
    '& h3': { marginTop: theme.spacing(2) },
  },
  text: { whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
  scroll: { overflowX: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  actions: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
}));

const phaseTitle = (phase: string) =>
  PHASES.find(p => p.phase === phase)?.title ?? phase;

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

/** @public */
export interface AfterActionReportProps {
  document: AfterActionReportDocument;
}

/**
 * The after-action ("postvitam") report: the problem in numbers, the decisions of each
 * phase with reasons and examples, the kindling cleared, what remains, and the principles
 * for new situations. Downloadable as Markdown (the stored, frozen text) and printable.
 * @public
 */
export function AfterActionReport(props: AfterActionReportProps) {
  const { document: doc } = props;
  const { report } = doc;
  const classes = useStyles();
  const team = shortRef(report.teamRef);
  const { problem } = report;
  const startSlos = problem.start?.slos ?? null;

  return (
    <Box className={`${classes.root} ${PRINT_ROOT_CLASS}`}>
      <style>{PRINT_CSS}</style>
      <Box className={`${classes.actions} ${NO_PRINT_CLASS}`} mb={2}>
        <Chip
          size="small"
          color={doc.frozen ? 'primary' : 'default'}
          label={
            doc.frozen
              ? `Frozen ${formatDate(report.generatedAt)}${
                  doc.frozenLate ? ' (at first read after close)' : ''
                }`
              : 'Preview: frozen when the engagement closes'
          }
        />
        <Button
          size="small"
          variant="outlined"
          onClick={() =>
            downloadText(
              doc.markdown,
              `after-action-report-${team}-${report.startDate}.md`,
              'text/markdown',
            )
          }
        >
          Download Markdown
        </Button>
        <Button size="small" variant="outlined" onClick={() => window.print()}>
          Print
        </Button>
      </Box>

      <Typography variant="h5" component="h1">
        After-action report: {team}
      </Typography>
      <Typography variant="body2">
        {shortRef(report.sreRef)} embedded with {team},{' '}
        {formatDate(report.startDate)} to{' '}
        {report.endDate ? formatDate(report.endDate) : 'ongoing'}.{' '}
        {report.situationFocus
          ? `Focus: ${report.situationFocus}.`
          : 'The team was not sorted.'}
      </Typography>
      {report.situationNotes && (
        <Typography variant="body2" className={classes.text}>
          {report.situationNotes}
        </Typography>
      )}
      {report.goals && (
        <Typography variant="body2" className={classes.text}>
          <strong>Goals:</strong> {report.goals}
        </Typography>
      )}

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

      <Typography variant="h6" component="h2">
        What was decided, phase by phase
      </Typography>
      {report.phases.map(phase => (
        <Box key={phase.phase}>
          <Typography variant="subtitle1" component="h3">
            {phase.title}
          </Typography>
          <ul aria-label={`${phase.title} checklist`}>
            {phase.checklist.map(item => (
              <li key={item.key}>
                <Typography variant="body2">
                  {item.done ? '☑' : '☐'} {item.title}
                  {item.evidence ? ` — ${item.evidence}` : ''}
                </Typography>
              </li>
            ))}
          </ul>
          {phase.decisions.map(d => (
            <Box key={d.decision} mb={1}>
              <Typography variant="body2">
                <strong>Decided: {d.decision}</strong>
              </Typography>
              <Typography variant="body2" className={classes.text}>
                Why: {d.reason}
              </Typography>
              <Typography variant="body2" className={classes.text}>
                Example: {d.example}
              </Typography>
            </Box>
          ))}
          {phase.questions.map(q => (
            <Box key={q.question} mb={1}>
              <Typography variant="body2">
                Q{q.askedTo ? ` (to ${shortRef(q.askedTo)})` : ''}: {q.question}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                A: {q.answer || 'not answered'}
              </Typography>
            </Box>
          ))}
          {phase.movedOn.map(m => (
            <Typography
              key={`${m.to}${m.reason}`}
              variant="body2"
              className={classes.text}
            >
              <em>
                Moved to {phaseTitle(m.to)}
                {m.openItems.length
                  ? ` with ${m.openItems.length} item(s) open`
                  : ''}
                : {m.reason}
              </em>
            </Typography>
          ))}
        </Box>
      ))}

      <Typography variant="h6" component="h2">
        Kindling cleared ({report.kindling.progress.label})
      </Typography>
      {report.kindling.cleared.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          None yet.
        </Typography>
      )}
      <ul>
        {report.kindling.cleared.map(k => (
          <li key={k.title}>
            <Typography variant="body2">
              <strong>{k.title}</strong> — {shortRef(k.assigneeRef)}, reviewed
              by {shortRef(k.reviewerRef)}
              {k.doneAt ? `, done ${formatDate(k.doneAt)}` : ''}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              Fixes for good: {k.fixes.kind} “{k.fixes.label}”. {k.explanation}
            </Typography>
          </li>
        ))}
      </ul>

      <Typography variant="h6" component="h2">
        What remains
      </Typography>
      <ul>
        {report.remains.kindling.map(k => (
          <li key={k.title}>
            <Typography variant="body2">
              Kindling ({k.state}): {k.title} — {shortRef(k.assigneeRef)}
            </Typography>
          </li>
        ))}
        {report.remains.stressors.map(f => (
          <li key={`${f.entityRef} ${f.stressorKey}`}>
            <Typography variant="body2">
              Open stressor: {stressorTitle(f.stressorKey)} ({f.stressLevel}/5)
              on {shortRef(f.entityRef)}
            </Typography>
          </li>
        ))}
        {report.remains.checklist.map(c => (
          <li key={`${c.phase}${c.title}`}>
            <Typography variant="body2">
              Not done ({phaseTitle(c.phase)}): {c.title}
            </Typography>
          </li>
        ))}
      </ul>

      <Typography variant="h6" component="h2">
        Principles for new situations
      </Typography>
      {report.principles.team.length > 0 && (
        <>
          <Typography variant="subtitle2" component="h3">
            The team's
          </Typography>
          <ul>
            {report.principles.team.map(p => (
              <li key={p}>
                <Typography variant="body2">{p}</Typography>
              </li>
            ))}
          </ul>
        </>
      )}
      <Typography variant="subtitle2" component="h3">
        The book's, with their logic
      </Typography>
      <ul>
        {report.principles.book.map(p => (
          <li key={p.principle}>
            <Typography variant="body2">
              <strong>{p.principle}</strong> {p.logic}
            </Typography>
          </li>
        ))}
      </ul>
      <Typography variant="caption" color="textSecondary">
        Generated {report.generatedAt} by {shortRef(report.generatedBy)} from
        the engagement record.
      </Typography>
    </Box>
  );
}

/** @public */
export interface AfterActionReportViewProps {
  engagementId: string;
}

/** Loads and shows an engagement's after-action report (frozen, or a preview). @public */
export function AfterActionReportView(props: AfterActionReportViewProps) {
  const api = useApi(sreHealthApiRef);
  const { value, loading, error } = useAsyncRetry(
    () => api.getAfterActionReport(props.engagementId),
    [api, props.engagementId],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  if (loading || !value) return <Progress />;
  return <AfterActionReport document={value} />;
}
