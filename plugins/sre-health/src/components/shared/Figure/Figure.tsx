import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles({
  value: { fontWeight: 700, lineHeight: 1.2, whiteSpace: 'nowrap' },
});

/** @public */
export interface FigureProps {
  /** The number (or word) that matters, drawn big. */
  value: ReactNode;
  /** What it counts, under it. */
  label: string;
  /** A second line, e.g. which SLO a budget belongs to. */
  detail?: string;
  /** `h4` in a card's summary, `h5` in the denser verdict. */
  variant?: 'h4' | 'h5';
  /**
   * How assistive technology reads it, as a labelled group. Without it the figure is hidden
   * from them: the enclosing group says the figures in one sentence.
   */
  ariaLabel?: string;
}

/**
 * A figure a card leads with: the value big, what it counts under it. One look for every
 * summary (the verdict, the knowledge silo, fires, postmortems).
 */
export function Figure(props: FigureProps) {
  const { value, label, detail, variant = 'h4', ariaLabel } = props;
  const classes = useStyles();
  const a11y = ariaLabel
    ? { role: 'group', 'aria-label': ariaLabel }
    : { 'aria-hidden': true };
  return (
    <Box {...a11y}>
      <Typography variant={variant} component="p" className={classes.value}>
        {value}
      </Typography>
      {/* The label may wrap between its words in a narrow column, never inside one. */}
      <Typography variant="caption" color="textSecondary" component="p">
        {label}
      </Typography>
      {detail && (
        <Typography variant="caption" component="p" noWrap title={detail}>
          {detail}
        </Typography>
      )}
    </Box>
  );
}
