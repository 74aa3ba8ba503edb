export { EngagementStartDialog } from './EngagementStartDialog';
export type { EngagementStartDialogProps } from './EngagementStartDialog';
