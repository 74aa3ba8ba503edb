import { parseEntityRef } from '@backstage/catalog-model';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';

/**
 * The path of an entity's page. Uses the catalog's entity route; where the catalog page
 * is not installed (it always is in a portal, not in every test app) it falls back to the
 * catalog's default `/catalog/:namespace/:kind/:name`.
 */
export function useEntityPath(): (entityRef: string) => string {
  // Throws the same way on every render of an app without the route, so the hooks
  // inside it run in the same order each time.
  let link: ((entityRef: string) => string) | undefined;
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks -- always called, see above
    link = useEntityRefLink();
  } catch {
    link = undefined;
  }
  return useCallback(
    (entityRef: string) => {
      try {
        if (!link) throw new Error('no entity route');
        return link(entityRef);
      } catch {
        const { kind, namespace, name } = parseEntityRef(entityRef);
        return `/catalog/${[namespace, kind.toLocaleLowerCase('en-US'), name]
          .map(encodeURIComponent)
          .join('/')}`;
      }
    },
    [link],
  );
}
