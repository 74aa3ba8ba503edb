/** The engagement's entries: decisions, kindling and leading questions. */
export { EngagementDecisions } from './EngagementDecisions';
export {
  EngagementKindling,
  KINDLING_STATE_LABELS,
} from './EngagementKindling';
export { EngagementQuestions } from './EngagementQuestions';
export type { EngagementEntriesProps } from './entryFields';
