export {
  AfterActionReport,
  AfterActionReportView,
  PRINT_ROOT_CLASS,
  downloadText,
} from './AfterActionReport';
export type {
  AfterActionReportProps,
  AfterActionReportViewProps,
} from './AfterActionReport';
