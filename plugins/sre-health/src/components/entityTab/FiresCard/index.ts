export { FiresCard, firesFileName, groupFires } from './FiresCard';
export type { FiresCardProps } from './FiresCard';
export { FireDialog } from './FireDialog';
export type { FireDialogProps } from './FireDialog';
