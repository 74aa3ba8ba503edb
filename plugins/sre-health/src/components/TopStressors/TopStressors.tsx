import Typography from '@material-ui/core/Typography';
import {
  StressorFlag,
  compareFlagsByPriority,
  effectiveStressLevel,
  stressorTitle,
} from '@internal/backstage-plugin-sre-health-common';

/** How many stressors the one-line summary names. */
export const TOP_STRESSORS = 3;

/**
 * The team's largest sources of stress: open and mitigating flags, by effective stress
 * level (an SRE's override counting), then by how long they have been open.
 */
export function topStressors(
  flags: ReadonlyArray<StressorFlag>,
  limit = TOP_STRESSORS,
): StressorFlag[] {
  return flags
    .filter(f => f.status === 'open' || f.status === 'mitigating')
    .sort(compareFlagsByPriority)
    .slice(0, limit);
}

/** e.g. `Top stressors: Undiagnosed common alerts (5), Knowledge gaps (4)`. */
export function topStressorsSummary(
  flags: ReadonlyArray<StressorFlag>,
  limit = TOP_STRESSORS,
): string {
  const top = topStressors(flags, limit);
  if (top.length === 0) {
    return 'No open stressor is flagged.';
  }
  return `Top stressors: ${top
    .map(f => `${stressorTitle(f.stressorKey)} (${effectiveStressLevel(f)})`)
    .join(', ')}`;
}

/** @public */
export interface TopStressorsProps {
  flags: ReadonlyArray<StressorFlag>;
  limit?: number;
}

/**
 * One line at the top of the tab naming the team's largest sources of stress, with
 * their stress level (1 to 5) in brackets.
 * @public
 */
export function TopStressors(props: TopStressorsProps) {
  const { flags, limit = TOP_STRESSORS } = props;
  return (
    <Typography
      variant="subtitle1"
      component="p"
      title="Open and mitigating stressors by stress level (1 to 5), then by how long they have been open"
    >
      {topStressorsSummary(flags, limit)}
    </Typography>
  );
}
