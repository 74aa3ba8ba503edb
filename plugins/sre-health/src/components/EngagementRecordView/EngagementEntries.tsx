import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ENGAGEMENT_LIMITS,
  EngagementRecord,
  KindlingItem,
  KindlingState,
  LIMITS,
  LeadingQuestion,
  PHASES,
  WorkPhase,
  loadedQuestionHint,
  phaseIndex,
} from '@internal/backstage-plugin-sre-health-common';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sreHealthApiRef } from '../../api';
import { formatDate, shortRef } from '../../utils/format';
import {
  ActionDialog,
  describeWriteError,
  FormTextField,
} from '../ActionDialog';

const phaseTitle = (phase: string) =>
  PHASES.find(p => p.phase === phase)?.title ?? phase;

/** The phases an entry may belong to: reached ones. */
function reachedPhases(record: EngagementRecord): WorkPhase[] {
  return PHASES.map(p => p.phase).filter(
    (p): p is WorkPhase =>
      p !== 'closed' && phaseIndex(p) <= phaseIndex(record.engagement.phase),
  );
}

function PhaseSelect(props: {
  record: EngagementRecord;
  value: WorkPhase;
  onChange: (phase: WorkPhase) => void;
}) {
  return (
    <FormTextField
      select
      label="Phase"
      value={props.value}
      onChange={e => props.onChange(e.target.value as WorkPhase)}
      fullWidth
      margin="dense"
    >
      {reachedPhases(props.record).map(p => (
        <MenuItem key={p} value={p}>
          {phaseTitle(p)}
        </MenuItem>
      ))}
    </FormTextField>
  );
}

function Field(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  multiline?: boolean;
  max?: number;
  helperText?: ReactNode;
}) {
  return (
    <FormTextField
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      required={props.required}
      multiline={props.multiline}
      minRows={props.multiline ? 2 : undefined}
      fullWidth
      margin="dense"
      inputProps={{ maxLength: props.max ?? LIMITS.text }}
      helperText={props.helperText}
    />
  );
}

/** Runs a delete and reports its error in place. */
function useRemove(onChange: () => void) {
  const [problem, setProblem] = useState<string | undefined>();
  const remove = async (write: () => Promise<void>) => {
    setProblem(undefined);
    try {
      await write();
      onChange();
    } catch (error) {
      setProblem(describeWriteError(error).message);
    }
  };
  const alert = problem ? (
    <Alert severity="error" role="alert">
      {problem}
    </Alert>
  ) : null;
  return { remove, alert };
}

/** @public */
export interface EngagementEntriesProps {
  record: EngagementRecord;
  canUpdate: boolean;
  onChange: () => void;
}

/** The decision log: what was decided in each phase, why, and a concrete example. @public */
export function EngagementDecisions(props: EngagementEntriesProps) {
  const { record, canUpdate, onChange } = props;
  const api = useApi(sreHealthApiRef);
  const id = record.engagement.id;
  const writable = canUpdate && record.engagement.phase !== 'closed';
  const [adding, setAdding] = useState(false);
  const [phase, setPhase] = useState<WorkPhase>(
    reachedPhases(record).slice(-1)[0] ?? 'learn',
  );
  const [decision, setDecision] = useState('');
  const [reason, setReason] = useState('');
  const [example, setExample] = useState('');
  const { remove, alert } = useRemove(onChange);

  return (
    <Box>
      {alert}
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
                      aria-label={`Delete decision ${d.decision}`}
                      onClick={() =>
                        remove(() =>
                          api.deleteEngagementDecision(id, d.id, d.version),
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

const NEXT_STATE: Record<KindlingState, KindlingState | undefined> = {
  proposed: 'in-progress',
  'in-progress': 'in-review',
  'in-review': 'done',
  done: undefined,
};

const STATE_ACTION: Record<KindlingState, string> = {
  proposed: 'Start',
  'in-progress': 'Ready for review',
  'in-review': 'Reviewed: done',
  done: '',
};

/**
 * Clearing the kindling: one useful piece of work a team member can do, linked to the
 * postmortem or stressor flag it fixes for good, reviewed by the SRE. The book's "repeat for
 * two or three more issues" shows as a count.
 * @public
 */
export function EngagementKindling(props: EngagementEntriesProps) {
  const { record, canUpdate, onChange } = props;
  const api = useApi(sreHealthApiRef);
  const id = record.engagement.id;
  const writable = canUpdate && record.engagement.phase !== 'closed';
  const progress = record.kindlingProgress;
  const [adding, setAdding] = useState(false);
  const { remove, alert } = useRemove(onChange);

  const setState = (item: KindlingItem, state: KindlingState) =>
    remove(async () => {
      await api.updateKindlingItem(id, item.id, {
        version: item.version,
        state,
      });
    });

  return (
    <Box>
      <Typography variant="subtitle1" component="p">
        {progress.label}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={Math.min(100, (progress.cleared / progress.targetMin) * 100)}
        aria-label={`Kindling: ${progress.label}`}
      />
      <Box mt={2}>{alert}</Box>
      {record.kindling.length === 0 ? (
        <Typography variant="body2" color="textSecondary" paragraph>
          No kindling yet. Find one useful piece of work a single team member
          can do that fixes a postmortem's issue or a stressor for good, then
          repeat for two or three more.
        </Typography>
      ) : (
        <Table size="small" aria-label="Kindling">
          <TableHead>
            <TableRow>
              <TableCell>Work</TableCell>
              <TableCell>Fixes for good</TableCell>
              <TableCell>Assignee</TableCell>
              <TableCell>Reviewer</TableCell>
              <TableCell>State</TableCell>
              {writable && <TableCell />}
            </TableRow>
          </TableHead>
          <TableBody>
            {record.kindling.map(item => {
              const next = NEXT_STATE[item.state];
              return (
                <TableRow key={item.id}>
                  <TableCell>
                    <Typography variant="body2">
                      <strong>{item.title}</strong>
                    </Typography>
                    <Typography variant="caption" color="textSecondary">
                      {item.explanation}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    {item.fixes.kind === 'postmortem' ? 'Postmortem' : 'Flag'}:{' '}
                    {item.fixes.label}
                  </TableCell>
                  <TableCell>{shortRef(item.assigneeRef)}</TableCell>
                  <TableCell>{shortRef(item.reviewerRef)}</TableCell>
                  <TableCell>
                    {item.state}
                    {item.doneAt ? ` (${formatDate(item.doneAt)})` : ''}
                  </TableCell>
                  {writable && (
                    <TableCell>
                      {next && (
                        <Button
                          size="small"
                          aria-label={`${STATE_ACTION[item.state]}: ${
                            item.title
                          }`}
                          onClick={() => setState(item, next)}
                        >
                          {STATE_ACTION[item.state]}
                        </Button>
                      )}
                      {item.state === 'in-review' && (
                        <Button
                          size="small"
                          aria-label={`Send back: ${item.title}`}
                          onClick={() => setState(item, 'in-progress')}
                        >
                          Send back
                        </Button>
                      )}
                      <Button
                        size="small"
                        aria-label={`Delete kindling ${item.title}`}
                        onClick={() =>
                          remove(() =>
                            api.deleteKindlingItem(id, item.id, item.version),
                          )
                        }
                      >
                        Delete
                      </Button>
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {writable && (
        <Box mt={2}>
          <Button
            variant="outlined"
            size="small"
            onClick={() => setAdding(true)}
          >
            Add kindling
          </Button>
        </Box>
      )}
      {adding && (
        <KindlingDialog
          record={record}
          onClose={() => setAdding(false)}
          onDone={onChange}
        />
      )}
    </Box>
  );
}

function KindlingDialog(props: {
  record: EngagementRecord;
  onClose: () => void;
  onDone: () => void;
}) {
  const { record, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const id = record.engagement.id;
  const targets = useAsync(() => api.getKindlingTargets(id), [api, id]);
  const [title, setTitle] = useState('');
  const [explanation, setExplanation] = useState('');
  const [target, setTarget] = useState('');
  const [assignee, setAssignee] = useState('');
  const options = [
    ...(targets.value?.postmortems ?? []),
    ...(targets.value?.flags ?? []),
  ];
  const chosen = options.find(o => `${o.kind}:${o.id}` === target);
  const assigneeRef = assignee.includes(':')
    ? assignee.trim()
    : `user:default/${assignee.trim()}`;

  return (
    <ActionDialog
      title="Add kindling"
      submitLabel="Add"
      invalid={
        !title.trim() || !explanation.trim() || !chosen || !assignee.trim()
      }
      onSubmit={() =>
        api.createKindlingItem(id, {
          title: title.trim(),
          explanation: explanation.trim(),
          fixes: { kind: chosen!.kind, id: chosen!.id },
          assigneeRef,
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <Field
        label="The work"
        value={title}
        onChange={setTitle}
        required
        max={LIMITS.title}
      />
      <FormTextField
        select
        label="Fixes for good"
        value={target}
        onChange={e => setTarget(e.target.value)}
        required
        fullWidth
        margin="dense"
        helperText={
          targets.error
            ? `Could not load the team's postmortems and flags: ${targets.error.message}`
            : 'A postmortem or stressor flag of the team’s services.'
        }
      >
        {options.map(o => (
          <MenuItem key={`${o.kind}:${o.id}`} value={`${o.kind}:${o.id}`}>
            {o.kind === 'postmortem' ? 'Postmortem' : 'Flag'}: {o.label}
          </MenuItem>
        ))}
      </FormTextField>
      <Field
        label="How it fixes the issue for good (via the postmortem)"
        value={explanation}
        onChange={setExplanation}
        required
        multiline
      />
      <Field
        label="Team member"
        value={assignee}
        onChange={setAssignee}
        required
        max={255}
        helperText="A user ref or name, e.g. user:default/carol. Reviewer: the embedded SRE."
      />
    </ActionDialog>
  );
}

/**
 * Leading questions the SRE asked, and the team's answers. A question that sounds loaded
 * gets a hint: the book asks for leading questions, not loaded ones.
 * @public
 */
export function EngagementQuestions(props: EngagementEntriesProps) {
  const { record, canUpdate, onChange } = props;
  const api = useApi(sreHealthApiRef);
  const id = record.engagement.id;
  const writable = canUpdate && record.engagement.phase !== 'closed';
  const [adding, setAdding] = useState(false);
  const [answering, setAnswering] = useState<LeadingQuestion | undefined>();
  const [phase, setPhase] = useState<WorkPhase>(
    reachedPhases(record).slice(-1)[0] ?? 'learn',
  );
  const [question, setQuestion] = useState('');
  const [askedTo, setAskedTo] = useState('');
  const [answer, setAnswer] = useState('');
  const hint = loadedQuestionHint(question);
  const { remove, alert } = useRemove(onChange);

  return (
    <Box>
      {alert}
      {record.questions.length === 0 && (
        <Typography variant="body2" color="textSecondary" paragraph>
          No questions recorded yet. Ask leading questions, not loaded ones:
          questions that let the team reach the answer themselves.
        </Typography>
      )}
      {record.questions.map(q => (
        <Box key={q.id} mb={2} aria-label={`Question: ${q.question}`}>
          <Typography variant="body2">
            <strong>Q</strong>
            {q.askedTo ? ` (to ${shortRef(q.askedTo)})` : ''}: {q.question}
          </Typography>
          <Typography
            variant="body2"
            color={q.answer ? 'textPrimary' : 'textSecondary'}
          >
            <strong>A</strong>: {q.answer || 'not answered yet'}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {phaseTitle(q.phase)}, {formatDate(q.createdAt)}
          </Typography>
          {writable && (
            <>
              <Button
                size="small"
                onClick={() => {
                  setAnswer(q.answer);
                  setAnswering(q);
                }}
              >
                {q.answer ? 'Edit answer' : 'Record answer'}
              </Button>
              <Button
                size="small"
                aria-label={`Delete question ${q.question}`}
                onClick={() =>
                  remove(() => api.deleteLeadingQuestion(id, q.id, q.version))
                }
              >
                Delete
              </Button>
            </>
          )}
        </Box>
      ))}
      {writable && (
        <Button variant="outlined" size="small" onClick={() => setAdding(true)}>
          Record a question
        </Button>
      )}
      {adding && (
        <ActionDialog
          title="Record a leading question"
          submitLabel="Record"
          invalid={!question.trim()}
          onSubmit={() =>
            api.createLeadingQuestion(id, {
              phase,
              question: question.trim(),
              askedTo: askedTo.trim(),
              answer: answer.trim(),
            })
          }
          onDone={() => {
            setQuestion('');
            setAskedTo('');
            setAnswer('');
            onChange();
          }}
          onClose={() => setAdding(false)}
        >
          <PhaseSelect record={record} value={phase} onChange={setPhase} />
          <Field
            label="Question"
            value={question}
            onChange={setQuestion}
            required
            multiline
            max={ENGAGEMENT_LIMITS.statement}
            helperText={hint}
          />
          {hint && (
            <Alert severity="info">
              Try asking what the system showed, or what would tell the team the
              answer, e.g. “What would tell us this alert can wait?”
            </Alert>
          )}
          <Field
            label="Asked to"
            value={askedTo}
            onChange={setAskedTo}
            max={LIMITS.title}
          />
          <Field
            label="The team's answer"
            value={answer}
            onChange={setAnswer}
            multiline
          />
        </ActionDialog>
      )}
      {answering && (
        <ActionDialog
          title="The team's answer"
          submitLabel="Save"
          onSubmit={() =>
            api.updateLeadingQuestion(id, answering.id, {
              version: answering.version,
              answer: answer.trim(),
            })
          }
          onDone={onChange}
          onClose={() => setAnswering(undefined)}
        >
          <Typography variant="body2" paragraph>
            {answering.question}
          </Typography>
          <Field label="Answer" value={answer} onChange={setAnswer} multiline />
        </ActionDialog>
      )}
    </Box>
  );
}
