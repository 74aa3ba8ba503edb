import { usePermission } from '@backstage/plugin-permission-react';
import { sreHealthStressorRatePermission } from '@sre-health/backstage-plugin-sre-health-common';

/**
 * Whether the signed-in user may rate the stress level of an entity's stressors: meant
 * for the owning team's members and the SREs. The card hides its Rate buttons without it;
 * the backend checks the same permission.
 */
export function useStressorRatePermission(entityRef: string): boolean {
  return usePermission({
    permission: sreHealthStressorRatePermission,
    resourceRef: entityRef,
  }).allowed;
}
