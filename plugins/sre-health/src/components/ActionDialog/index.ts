export {
  ActionDialog,
  WriteProblemAlert,
  describeWriteError,
} from './ActionDialog';
export type { ActionDialogProps, WriteProblem } from './ActionDialog';
export {
  DialogDateField,
  DialogTextField,
  FormTextField,
} from './DialogFields';
