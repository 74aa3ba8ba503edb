export { TeamKnowledgeCard } from './TeamKnowledgeCard';
export type { TeamKnowledgeCardProps } from './TeamKnowledgeCard';
