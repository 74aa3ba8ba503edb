export {
  EngagementRecordView,
  useEngagementRecord,
} from './EngagementRecordView';
export type { EngagementRecordViewProps } from './EngagementRecordView';
export {
  EngagementPhaseControls,
  openItemsFor,
} from './EngagementPhaseControls';
export { EngagementChecklist } from './EngagementChecklist';
export {
  EngagementDecisions,
  EngagementKindling,
  EngagementQuestions,
} from './EngagementEntries';
