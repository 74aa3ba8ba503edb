/**
 * The SRE Health frontend plugin: an entity tab with SLO status, the eight stressors of
 * SRE book chapter 30, knowledge-silo risk and the embedded-SRE engagement.
 *
 * @packageDocumentation
 */
export { sreHealthPlugin, EntitySreHealthContent } from './plugin';
export { EntityEngagementCard, EntitySreHealthCard } from './plugin';
export { SreScorecardPage } from './plugin';
export { sreHealthApiRef, SreHealthClient } from './api';
export type {
  EngagementApi,
  EntityHealthApi,
  FiresApi,
  ImportPostmortemRequest,
  KnowledgeApi,
  OpsTimeApi,
  ScorecardApi,
  SloDefinitionsApi,
  SloPolicyRecord,
  SreHealthApi,
  SreHealthClientOptions,
  SreHealthEntityRef,
  StressorDetectionResult,
  StressorInputsApi,
  StressorsApi,
} from './api';
export { useEntityHealth } from './hooks';
export type { EntityHealthState } from './hooks';
export { isSreHealthAvailable } from '@sre-health/backstage-plugin-sre-health-common';
export type {
  AuditEntry,
  Engagement,
  EntityHealth,
  Fire,
  KnowledgeSiloSummary,
  OpsLoadSummary,
  Postmortem,
  SloSummary,
  StressorFlag,
} from '@sre-health/backstage-plugin-sre-health-common';
