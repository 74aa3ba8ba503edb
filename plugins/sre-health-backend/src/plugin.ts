import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { sreHealthPermissions } from '@internal/backstage-plugin-sre-health-common';
import { SreHealthStore } from './database';
import { seedDemoData } from './demo/seedDemoData';
import { Access } from './service/access';
import { createRouter } from './service/router';
import { ScmIntegrations } from '@backstage/integration';
import { readDataSources } from './slo/PrometheusClient';
import { SloDefinitionLoader } from './slo/SloDefinitionLoader';
import { SloService } from './slo/SloService';

/**
 * SRE Health backend: engagement data alongside the software catalog, keyed by entity ref,
 * in the portal's own database.
 *
 * @public
 */
export const sreHealthPlugin = createBackendPlugin({
  pluginId: 'sre-health',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init({
        logger,
        config,
        database,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        auditor,
        urlReader,
        catalog,
      }) {
        permissionsRegistry.addPermissions(sreHealthPermissions);
        const store = await SreHealthStore.create({ database });

        if (config.getOptionalBoolean('sreHealth.demoData')) {
          await seedDemoData(store, logger);
        }

        const slos = new SloService({
          store,
          loader: new SloDefinitionLoader({
            store,
            urlReader,
            integrations: ScmIntegrations.fromConfig(config),
          }),
          dataSources: readDataSources(config),
        });
        const access = new Access({ httpAuth, permissions, catalog, auditor });
        httpRouter.use(await createRouter({ store, access, config, slos }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
