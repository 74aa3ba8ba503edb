import { makeStyles } from '@material-ui/core/styles';
import { readableOn } from '../../../utils/contrast';

/** Styles of the matrix and its cells. */
export const useMatrixStyles = makeStyles(theme => ({
  // The table scrolls inside its card, both ways; the page never scrolls sideways.
  container: { maxHeight: '70vh', overflowX: 'auto' },
  // Headings wrap between words only, never inside one (the theme's `break-word` split
  // squeezed headings letter by letter).
  head: {
    verticalAlign: 'bottom',
    // doubled class: stronger than the theme's head cell (`word-break: break-word`)
    '&&': {
      whiteSpace: 'normal',
      wordBreak: 'keep-all',
      overflowWrap: 'normal',
      hyphens: 'manual',
    },
    minWidth: 72,
    lineHeight: 1.2,
    fontSize: theme.typography.caption.fontSize,
  },
  // The service column stays in view while the stressors scroll under it.
  sticky: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: theme.palette.background.paper,
    boxShadow: `1px 0 0 ${theme.palette.divider}`,
  },
  stickyHead: { zIndex: 3 },
  service: { minWidth: 160, '&&': { whiteSpace: 'nowrap' } },
  noWrap: { '&&': { whiteSpace: 'nowrap', wordBreak: 'normal' } },
  cell: {
    display: 'inline-block',
    whiteSpace: 'nowrap',
    minWidth: 36,
    padding: theme.spacing(0.25, 0.75),
    borderRadius: theme.shape.borderRadius,
    textAlign: 'center',
    fontWeight: theme.typography.fontWeightBold as number,
    textDecoration: 'none',
  },
  open: {
    backgroundColor: theme.palette.status.error,
    color: readableOn(theme.palette.status.error),
  },
  openLow: {
    backgroundColor: theme.palette.status.warning,
    color: readableOn(theme.palette.status.warning),
  },
  mitigating: {
    border: `2px solid ${theme.palette.status.warning}`,
    color: theme.palette.text.primary,
  },
  dismissed: {
    color: theme.palette.text.secondary,
    fontWeight: theme.typography.fontWeightRegular as number,
  },
  free: { color: theme.palette.text.secondary },
  // a level nobody rated yet: the evidence's proposal
  proposed: { fontStyle: 'italic', borderStyle: 'dashed' },
}));
