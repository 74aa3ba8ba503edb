export { FiresPostmortemsCard } from './FiresPostmortemsCard';
export type { FiresPostmortemsCardProps } from './FiresPostmortemsCard';
