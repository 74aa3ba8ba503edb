export { useEntityHealth } from './useEntityHealth';
export type { EntityHealthState } from './useEntityHealth';
export { useAnnotationPermissions } from './useAnnotationPermissions';
