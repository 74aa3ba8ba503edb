import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isSreHealthAvailable } from '@internal/backstage-plugin-sre-health-common';
import { sreHealthApiRef, SreHealthClient } from './api';

/** The client of the sre-health backend. @alpha */
export const sreHealthApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sreHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SreHealthClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The "SRE Health" tab on entity pages of services (and of any entity that opts in
 * with the `sre-health.dev/enabled` annotation).
 * @alpha
 */
export const sreHealthEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/sre-health',
    title: 'SRE Health',
    filter: isSreHealthAvailable,
    loader: () =>
      import('./components/SreHealthContent').then(m => <m.SreHealthContent />),
  },
});

/**
 * The SRE Health plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'sre-health',
  title: 'SRE Health',
  info: { packageJson: () => import('../package.json') },
  extensions: [sreHealthApi, sreHealthEntityContent],
});
