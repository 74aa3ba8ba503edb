export { ActionDialog, WriteProblemAlert } from './ActionDialog';
export type { ActionDialogProps } from './ActionDialog';
export { describeWriteError, useWrite, writeProblemText } from './useWrite';
export type { Write, WriteOptions, WriteProblem } from './useWrite';
export {
  DialogDateField,
  DialogTextField,
  FormTextField,
} from './DialogFields';
