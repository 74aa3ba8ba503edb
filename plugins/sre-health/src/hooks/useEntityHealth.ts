import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { EntityHealth } from '@sre-health/backstage-plugin-sre-health-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreHealthApiRef, SreHealthEntityRef } from '../api';

/** @public */
export interface EntityHealthState {
  value?: EntityHealth;
  loading: boolean;
  error?: Error;
  /** Reloads the health data, e.g. after an edit. Keeps the previous value while loading. */
  retry: () => void;
}

/**
 * Loads the SRE Health of one entity with a single request.
 * @public
 */
export function useEntityHealth(
  entityRef: SreHealthEntityRef,
): EntityHealthState {
  const api = useApi(sreHealthApiRef);
  // A stable string key, so a new compound-ref object does not refetch.
  const ref = stringifyEntityRef(parseEntityRef(entityRef));
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityHealth(ref),
    [api, ref],
  );
  return { value, loading, error, retry };
}
