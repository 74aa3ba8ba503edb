import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ENGAGEMENT_LIMITS,
  LeadingQuestion,
  WorkPhase,
  loadedQuestionHint,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { formatDate, shortRef } from '../../../utils/format';
import { ActionDialog } from '../../shared/ActionDialog';
import { UserPicker } from '../../shared/UserPicker';
import {
  EngagementEntriesProps,
  Field,
  PhaseSelect,
  currentPhase,
  phaseTitle,
  useEntryWrite,
} from './entryFields';

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
  const [phase, setPhase] = useState<WorkPhase>(currentPhase(record));
  const [question, setQuestion] = useState('');
  const [askedTo, setAskedTo] = useState('');
  const [answer, setAnswer] = useState('');
  const hint = loadedQuestionHint(question);
  const { write, busy } = useEntryWrite(onChange);

  return (
    <Box>
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
                disabled={busy}
                aria-label={`Delete question ${q.question}`}
                onClick={() =>
                  write(
                    () => api.deleteLeadingQuestion(id, q.id, q.version),
                    'Question deleted',
                  )
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
          successMessage="Question recorded"
          invalid={!question.trim()}
          onSubmit={() =>
            api.createLeadingQuestion(id, {
              phase,
              question: question.trim(),
              askedTo,
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
          <UserPicker
            label="Asked to"
            value={askedTo}
            onChange={setAskedTo}
            kinds={['User', 'Group']}
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
          successMessage="Answer saved"
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
