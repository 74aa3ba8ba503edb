export { StressorFlagDialog, STRESS_LEVEL_LABELS } from './StressorFlagDialog';
export type {
  StressorFlagDialogMode,
  StressorFlagDialogProps,
} from './StressorFlagDialog';
