export { SloEditorDialog, SLO_TEMPLATE } from './SloEditorDialog';
export type { SloEditorDialogProps } from './SloEditorDialog';
