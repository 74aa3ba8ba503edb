export { SloBackfillDialog } from './SloBackfillDialog';
export type { SloBackfillDialogProps } from './SloBackfillDialog';
