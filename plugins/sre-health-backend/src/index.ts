/**
 * SRE Health backend plugin.
 *
 * @packageDocumentation
 */
export { sreHealthPlugin as default } from './plugin';
export {
  createSreGroupPolicyDecision,
  isSreHealthPermission,
} from './permissions/policy';
