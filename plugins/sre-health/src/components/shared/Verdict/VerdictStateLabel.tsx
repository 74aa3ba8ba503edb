import Typography, { TypographyProps } from '@material-ui/core/Typography';
import {
  VERDICT_STATE_LABELS,
  VerdictState,
} from '@sre-health/backstage-plugin-sre-health-common';
import { StatusKind, StatusText } from '../StatusText';

/** The status colour of each verdict state (the theme's status palette draws it). */
export const VERDICT_STATE_KIND: Record<VerdictState, StatusKind> = {
  paging: 'error',
  ticket: 'warning',
  'at-risk': 'warning',
  healthy: 'ok',
  'no-slo': 'pending',
};

/**
 * The verdict's state as a status icon and a word. The word keeps the text colour and the
 * icon carries the state's colour, so it reads in light and dark themes alike.
 */
export function VerdictStateLabel(props: {
  state: VerdictState;
  variant?: TypographyProps['variant'];
}) {
  const { state, variant = 'h6' } = props;
  return (
    <Typography
      variant={variant}
      component="span"
      style={{ whiteSpace: 'nowrap', fontWeight: 700 }}
      data-verdict-state={state}
    >
      <StatusText kind={VERDICT_STATE_KIND[state]}>
        {VERDICT_STATE_LABELS[state]}
      </StatusText>
    </Typography>
  );
}
