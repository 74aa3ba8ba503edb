export {
  AfterActionReport,
  AfterActionReportView,
  PRINT_ROOT_CLASS,
} from './AfterActionReport';
export type {
  AfterActionReportProps,
  AfterActionReportViewProps,
} from './AfterActionReport';
