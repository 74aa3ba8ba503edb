import Typography from '@material-ui/core/Typography';
import {
  AfterActionReportDocument,
  stressorTitle,
} from '@sre-health/backstage-plugin-sre-health-common';
import { formatDate, shortRef } from '../../../utils/format';
import { phaseTitle } from './reportStyles';

type Report = AfterActionReportDocument['report'];

/** "Kindling cleared": each item fixed for good, by whom, reviewed by whom. */
export function KindlingClearedSection(props: {
  kindling: Report['kindling'];
}) {
  const { kindling } = props;
  return (
    <>
      <Typography variant="h6" component="h2">
        Kindling cleared ({kindling.progress.label})
      </Typography>
      {kindling.cleared.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          None yet.
        </Typography>
      )}
      <ul>
        {kindling.cleared.map(k => (
          <li key={k.title}>
            <Typography variant="body2">
              <strong>{k.title}</strong> — {shortRef(k.assigneeRef)}, reviewed
              by {shortRef(k.reviewerRef)}
              {k.doneAt ? `, done ${formatDate(k.doneAt)}` : ''}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              Fixes for good: {k.fixes.kind} “{k.fixes.label}”. {k.explanation}
            </Typography>
            {(k.interrupts ?? []).map(evidence => (
              <Typography key={evidence} variant="body2">
                Interrupts: {evidence}
              </Typography>
            ))}
          </li>
        ))}
      </ul>
    </>
  );
}

/** "What remains": open kindling, open stressors and checklist items not done. */
export function RemainsSection(props: { remains: Report['remains'] }) {
  const { remains } = props;
  return (
    <>
      <Typography variant="h6" component="h2">
        What remains
      </Typography>
      <ul>
        {remains.kindling.map(k => (
          <li key={k.title}>
            <Typography variant="body2">
              Kindling ({k.state}): {k.title} — {shortRef(k.assigneeRef)}
            </Typography>
          </li>
        ))}
        {remains.stressors.map(f => (
          <li key={`${f.entityRef} ${f.stressorKey}`}>
            <Typography variant="body2">
              Open stressor: {stressorTitle(f.stressorKey)} ({f.stressLevel}/5)
              on {shortRef(f.entityRef)}
            </Typography>
          </li>
        ))}
        {remains.checklist.map(c => (
          <li key={`${c.phase}${c.title}`}>
            <Typography variant="body2">
              Not done ({phaseTitle(c.phase)}): {c.title}
            </Typography>
          </li>
        ))}
      </ul>
    </>
  );
}

/** "Principles for new situations": the team's own, then the book's with their logic. */
export function PrinciplesSection(props: { principles: Report['principles'] }) {
  const { principles } = props;
  return (
    <>
      <Typography variant="h6" component="h2">
        Principles for new situations
      </Typography>
      {principles.team.length > 0 && (
        <>
          <Typography variant="subtitle2" component="h3">
            The team's
          </Typography>
          <ul>
            {principles.team.map(p => (
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
        {principles.book.map(p => (
          <li key={p.principle}>
            <Typography variant="body2">
              <strong>{p.principle}</strong> {p.logic}
            </Typography>
          </li>
        ))}
      </ul>
    </>
  );
}
