/**
 * SRE Health backend plugin.
 *
 * @packageDocumentation
 */
export { sreHealthPlugin as default } from './plugin';
export {
  SRE_HEALTH_OWNER_PERMISSIONS,
  createSreGroupPolicyDecision,
  createSreHealthPolicyDecision,
  isSreHealthPermission,
  readSreGroups,
} from './permissions/policy';
export type { SreHealthPolicyDecision } from './permissions/policy';
export { ownedByCallerDecision, ownedByClaims } from './permissions/ownership';
export { readSreHealthConfig } from './config';
export type {
  AlertmanagerConfig,
  KnowledgeConfig,
  PrometheusDataSource,
  SreHealthConfig,
} from './config';
export { LocalFileUrlReader } from './slo/LocalFileUrlReader';
