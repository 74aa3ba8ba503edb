import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { AfterActionReportDocument } from '@sre-health/backstage-plugin-sre-health-common';
import { formatDate, shortRef } from '../../../utils/format';
import { downloadText } from '../../../utils/downloadText';
import { NO_PRINT_CLASS, useReportStyles } from './reportStyles';

/**
 * The top of the report: whether it is frozen, the Markdown download and print buttons
 * (not printed), then the title, who was embedded with whom and when, and the goals.
 */
export function ReportHeader(props: { document: AfterActionReportDocument }) {
  const { document: doc } = props;
  const { report } = doc;
  const classes = useReportStyles();
  const team = shortRef(report.teamRef);
  return (
    <>
      <Box className={`${classes.actions} ${NO_PRINT_CLASS}`} mb={2}>
        <Chip
          size="small"
          color={doc.frozen ? 'primary' : 'default'}
          label={
            doc.frozen
              ? `Frozen ${formatDate(report.generatedAt)}${
                  doc.frozenLate ? ' (at first read after close)' : ''
                }`
              : 'Preview: frozen when the engagement closes'
          }
        />
        <Button
          size="small"
          variant="outlined"
          onClick={() =>
            downloadText(
              doc.markdown,
              `after-action-report-${team}-${report.startDate}.md`,
              'text/markdown',
            )
          }
        >
          Download Markdown
        </Button>
        <Button size="small" variant="outlined" onClick={() => window.print()}>
          Print
        </Button>
      </Box>

      <Typography variant="h5" component="h1">
        After-action report: {team}
      </Typography>
      <Typography variant="body2">
        {shortRef(report.sreRef)} embedded with {team},{' '}
        {formatDate(report.startDate)} to{' '}
        {report.endDate ? formatDate(report.endDate) : 'ongoing'}.{' '}
        {report.situationFocus
          ? `Focus: ${report.situationFocus}.`
          : 'The team was not sorted.'}
      </Typography>
      {report.schedule && (
        <Typography variant="body2">
          <strong>Plan:</strong> {report.schedule}
        </Typography>
      )}
      {report.situationNotes && (
        <Typography variant="body2" className={classes.text}>
          {report.situationNotes}
        </Typography>
      )}
      {report.goals && (
        <Typography variant="body2" className={classes.text}>
          <strong>Goals:</strong> {report.goals}
        </Typography>
      )}
    </>
  );
}
