import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/**
 * A section with no data: one line saying what is missing and how to set it up, instead of
 * an empty card.
 */
export function SetupLine(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {props.children}
    </Typography>
  );
}
