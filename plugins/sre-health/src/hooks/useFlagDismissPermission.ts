import { usePermission } from '@backstage/plugin-permission-react';
import { sreHealthStressorFlagDismissPermission } from '@sre-health/backstage-plugin-sre-health-common';

/**
 * Whether the signed-in user may dismiss an entity's detected stressor flags, or undo a
 * dismissal: the embedded SRE's verdict, which the recommended policy keeps for SREs. The
 * card hides those actions without it; the backend checks the same permission.
 */
export function useFlagDismissPermission(entityRef: string): boolean {
  return usePermission({
    permission: sreHealthStressorFlagDismissPermission,
    resourceRef: entityRef,
  }).allowed;
}
