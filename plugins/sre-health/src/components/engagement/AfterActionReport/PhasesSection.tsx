import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { AfterActionReportDocument } from '@sre-health/backstage-plugin-sre-health-common';
import { shortRef } from '../../../utils/format';
import { PostmortemLink } from '../../entityTab/PostmortemsCard';
import { phaseTitle, useReportStyles } from './reportStyles';

/**
 * "What was decided, phase by phase": each phase's checklist, decisions with reason and
 * example, leading questions with their answers, and why it moved on.
 */
export function PhasesSection(props: {
  phases: AfterActionReportDocument['report']['phases'];
}) {
  const classes = useReportStyles();
  return (
    <>
      <Typography variant="h6" component="h2">
        What was decided, phase by phase
      </Typography>
      {props.phases.map(phase => (
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
                  {item.tickedEarlyIn && (
                    <em>
                      {` (ticked early, in ${phaseTitle(item.tickedEarlyIn)})`}
                    </em>
                  )}
                  {item.postmortem && (
                    <>
                      {' (postmortem led: '}
                      <PostmortemLink postmortem={item.postmortem} />)
                    </>
                  )}
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
    </>
  );
}
