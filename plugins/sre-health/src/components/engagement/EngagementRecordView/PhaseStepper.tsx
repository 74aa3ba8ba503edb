import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import {
  EngagementRecord,
  PHASES,
  phaseIndex,
} from '@sre-health/backstage-plugin-sre-health-common';

/**
 * Where the engagement is, not what it may do: the current phase is marked, no phase is
 * shown as done or locked, and each shows how many of its checklist items are ticked
 * (phases overlap, so a later phase may already have some).
 */
export function PhaseStepper(props: { record: EngagementRecord }) {
  const { record } = props;
  const current = phaseIndex(record.engagement.phase);
  const caption = (phase: string) => {
    const items = record.checklist.filter(i => i.phase === phase);
    if (items.length === 0) return undefined;
    return `${items.filter(i => i.tick).length} of ${items.length} ticked`;
  };
  return (
    <Stepper
      activeStep={current}
      alternativeLabel
      nonLinear
      aria-label="Where the engagement is"
    >
      {PHASES.map((p, index) => {
        const text = [index === current ? 'Now' : undefined, caption(p.phase)]
          .filter(Boolean)
          .join(' · ');
        return (
          <Step
            key={p.phase}
            completed={false}
            aria-current={index === current ? 'step' : undefined}
          >
            <StepLabel
              optional={
                text ? (
                  <Typography variant="caption" display="block">
                    {text}
                  </Typography>
                ) : undefined
              }
            >
              {p.title}
            </StepLabel>
          </Step>
        );
      })}
    </Stepper>
  );
}
