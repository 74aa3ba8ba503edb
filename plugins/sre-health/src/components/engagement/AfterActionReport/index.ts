export { AfterActionReport, AfterActionReportView } from './AfterActionReport';
export { PRINT_ROOT_CLASS } from './reportStyles';
export type {
  AfterActionReportProps,
  AfterActionReportViewProps,
} from './AfterActionReport';
