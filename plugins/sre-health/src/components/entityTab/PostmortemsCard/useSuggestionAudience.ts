import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { sreHealthPostmortemReviewPermission } from '@sre-health/backstage-plugin-sre-health-common';
import { useCallback } from 'react';
import useAsync from 'react-use/esm/useAsync';

/**
 * Who sees the suggestion on a past postmortem: its author, and whoever the policy grants
 * `sre-health.postmortem.review` (the SREs). Everyone reads the postmortem itself; the
 * suggestion is presentation, not a secret (the classes it is made from are public), so it
 * is hidden here rather than in the read: the point is not grading old postmortems in public.
 */
export function useSuggestionAudience(
  entityRef: string,
): (postmortem: { author: string }) => boolean {
  const identityApi = useApi(identityApiRef);
  const me = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  const { allowed: reviewer } = usePermission({
    permission: sreHealthPostmortemReviewPermission,
    resourceRef: entityRef,
  });
  const user = me.value?.toLocaleLowerCase('en-US');
  return useCallback(
    postmortem =>
      reviewer ||
      (user !== undefined &&
        postmortem.author.toLocaleLowerCase('en-US') === user),
    [reviewer, user],
  );
}
