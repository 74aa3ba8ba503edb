import { usePermission } from '@backstage/plugin-permission-react';
import {
  sreHealthAnnotationCreatePermission,
  sreHealthAnnotationUpdatePermission,
} from '@sre-health/backstage-plugin-sre-health-common';

/**
 * Whether the signed-in user may add (`canCreate`) and change (`canUpdate`) SRE Health
 * annotations on an entity. Cards hide their write controls without them; the backend
 * checks the same permissions on every write.
 */
export function useAnnotationPermissions(entityRef: string): {
  canCreate: boolean;
  canUpdate: boolean;
} {
  const { allowed: canCreate } = usePermission({
    permission: sreHealthAnnotationCreatePermission,
    resourceRef: entityRef,
  });
  const { allowed: canUpdate } = usePermission({
    permission: sreHealthAnnotationUpdatePermission,
    resourceRef: entityRef,
  });
  return { canCreate, canUpdate };
}
