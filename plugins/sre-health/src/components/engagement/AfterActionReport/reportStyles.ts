import { makeStyles } from '@material-ui/core/styles';
import { PHASES } from '@sre-health/backstage-plugin-sre-health-common';

/* What every section of the after-action report shares: its styles and print rules. */

/** Class of the report root: the only thing a printout shows. */
export const PRINT_ROOT_CLASS = 'sre-health-after-action-report';
export const NO_PRINT_CLASS = 'sre-health-after-action-report-no-print';

/** Printing the page prints the report alone, in black on white. */
export const PRINT_CSS = `@media print {
  body * { visibility: hidden; }
  .${PRINT_ROOT_CLASS}, .${PRINT_ROOT_CLASS} * { visibility: visible; }
  .${PRINT_ROOT_CLASS} { position: absolute; left: 0; top: 0; width: 100%; color: #000; background: #fff; }
  .${NO_PRINT_CLASS} { display: none !important; }
}`;

/** The report's classes; its sections share one style sheet. */
export const useReportStyles = makeStyles(theme => ({
  root: {
    '& h2': { marginTop: theme.spacing(3) },
    '& h3': { marginTop: theme.spacing(2) },
  },
  text: { whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
  scroll: { overflowX: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  actions: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
}));

/** The title of a phase key; the key itself if it is unknown. */
export const phaseTitle = (phase: string) =>
  PHASES.find(p => p.phase === phase)?.title ?? phase;
