export { KnowledgeSiloCard } from './KnowledgeSiloCard';
export type { KnowledgeSiloCardProps } from './KnowledgeSiloCard';
