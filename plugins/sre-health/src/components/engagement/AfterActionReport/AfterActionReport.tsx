import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { AfterActionReportDocument } from '@sre-health/backstage-plugin-sre-health-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreHealthApiRef } from '../../../api';
import { shortRef } from '../../../utils/format';
import {
  KindlingClearedSection,
  PrinciplesSection,
  RemainsSection,
} from './OutcomeSections';
import { PhasesSection } from './PhasesSection';
import { ProblemSection } from './ProblemSection';
import { ReportHeader } from './ReportHeader';
import { PRINT_CSS, PRINT_ROOT_CLASS, useReportStyles } from './reportStyles';

/** @public */
export interface AfterActionReportProps {
  document: AfterActionReportDocument;
}

/**
 * The after-action ("postvitam") report: the problem in numbers, the decisions of each
 * phase with reasons and examples, the kindling cleared, what remains, and the principles
 * for new situations. Downloadable as Markdown (the stored, frozen text) and printable.
 * @public
 */
export function AfterActionReport(props: AfterActionReportProps) {
  const { document: doc } = props;
  const { report } = doc;
  const classes = useReportStyles();

  return (
    <Box className={`${classes.root} ${PRINT_ROOT_CLASS}`}>
      <style>{PRINT_CSS}</style>
      <ReportHeader document={doc} />
      <ProblemSection problem={report.problem} />
      <PhasesSection phases={report.phases} />
      <KindlingClearedSection kindling={report.kindling} />
      <RemainsSection remains={report.remains} />
      <PrinciplesSection principles={report.principles} />
      <Typography variant="caption" color="textSecondary">
        Generated {report.generatedAt} by {shortRef(report.generatedBy)} from
        the engagement record.
      </Typography>
    </Box>
  );
}

/** @public */
export interface AfterActionReportViewProps {
  engagementId: string;
}

/** Loads and shows an engagement's after-action report (frozen, or a preview). @public */
export function AfterActionReportView(props: AfterActionReportViewProps) {
  const api = useApi(sreHealthApiRef);
  const { value, loading, error } = useAsyncRetry(
    () => api.getAfterActionReport(props.engagementId),
    [api, props.engagementId],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  if (loading || !value) return <Progress />;
  return <AfterActionReport document={value} />;
}
