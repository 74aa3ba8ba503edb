import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { sreHealthApiRef, SreHealthClient } from './api';
import { rootRouteRef } from './routes';

/**
 * The SRE Health plugin for the classic frontend system.
 * @public
 */
export const sreHealthPlugin = createPlugin({
  id: 'sre-health',
  apis: [
    createApiFactory({
      api: sreHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SreHealthClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The SRE Health tab of an entity page. Mount it in an `EntityLayout.Route`
 * with `if={isSreHealthAvailable}`.
 * @public
 */
export const EntitySreHealthContent = sreHealthPlugin.provide(
  createRoutableExtension({
    name: 'EntitySreHealthContent',
    component: () =>
      import('./components/SreHealthContent').then(m => m.SreHealthContent),
    mountPoint: rootRouteRef,
  }),
);
