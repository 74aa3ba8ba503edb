export { sreHealthApiRef } from './SreHealthApi';
export type {
  ImportPostmortemRequest,
  SreHealthApi,
  SreHealthEntityRef,
  StressorDetectionResult,
} from './SreHealthApi';
export { SreHealthClient } from './SreHealthClient';
export type { SreHealthClientOptions } from './request';
export type { EngagementApi } from './engagement';
export type { EntityHealthApi } from './entityHealth';
export type { FiresApi } from './fires';
export type { StressorInputsApi } from './inputs';
export type { KnowledgeApi } from './knowledge';
export type { OpsTimeApi } from './opsTime';
export type { ScorecardApi } from './scorecard';
export type { SloDefinitionsApi, SloPolicyRecord } from './slos';
export type { StressorsApi } from './stressors';
