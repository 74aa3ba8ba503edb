/**
 * SRE Health backend plugin.
 *
 * @packageDocumentation
 */
export { sreHealthPlugin as default } from './plugin';
export {
  createSreGroupPolicyDecision,
  isSreHealthPermission,
  readSreGroups,
} from './permissions/policy';
export { readSreHealthConfig } from './config';
export type { SreHealthConfig } from './config';
export { LocalFileUrlReader } from './slo/LocalFileUrlReader';
