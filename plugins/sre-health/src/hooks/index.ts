export { useEntityHealth } from './useEntityHealth';
export type { EntityHealthState } from './useEntityHealth';
export { useAnnotationPermissions } from './useAnnotationPermissions';
export { useStressorRatePermission } from './useStressorRatePermission';
export { useFlagDismissPermission } from './useFlagDismissPermission';
