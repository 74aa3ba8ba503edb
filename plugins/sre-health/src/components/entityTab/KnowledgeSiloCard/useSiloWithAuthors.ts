import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  KnowledgeSiloSummary,
  sreHealthAuthorshipReadPermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import useAsync from 'react-use/esm/useAsync';
import { sreHealthApiRef } from '../../../api';

/**
 * The silo with its authors where the reader may see them. The tab's single read is one
 * answer for everyone, so it counts the authors without naming them; SREs and the owning
 * team (the authorship permission) get the names from the knowledge route, which checks
 * the same permission. Until then, and for everyone else, the counts.
 */
export function useSiloWithAuthors(
  entityRef: string,
  silo: KnowledgeSiloSummary,
): KnowledgeSiloSummary {
  const api = useApi(sreHealthApiRef);
  const withheld = !!silo.truckFactor?.authorshipWithheld;
  const { allowed } = usePermission({
    permission: sreHealthAuthorshipReadPermission,
    resourceRef: entityRef,
  });
  // `silo` is a dependency: a newer tab read fetches the names again
  const { value } = useAsync(
    async () => (withheld && allowed ? api.getKnowledge(entityRef) : undefined),
    [api, entityRef, withheld, allowed, silo],
  );
  return value ?? silo;
}
