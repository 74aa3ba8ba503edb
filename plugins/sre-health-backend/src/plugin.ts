import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { sreHealthPermissions } from '@internal/backstage-plugin-sre-health-common';
import {
  StressorDetector,
  sreHealthDetectorsExtensionPoint,
} from '@internal/backstage-plugin-sre-health-node';
import { readSreHealthConfig } from './config';
import { SreHealthStore } from './database';
import { scheduleDemoTraffic, seedDemoData } from './demo/seedDemoData';
import { createEngagementFeature, seedEngagementDemo } from './engagement';
import {
  createKnowledgeRouter,
  createKnowledgeService,
  scheduleTruckFactorTask,
} from './knowledge';
import { Access } from './service/access';
import { createRouter } from './service/router';
import { createDatabaseErrorHandler } from './service/databaseErrors';
import { createPublicErrorHandler } from './service/publicErrors';
import { SloDefinitionLoader } from './slo/SloDefinitionLoader';
import { SloService } from './slo/SloService';
import { AlertFiringStore } from './stressors/AlertFiringStore';
import { pollAlertmanager } from './stressors/Alertmanager';
import { DetectionService } from './stressors/DetectionService';
import { BUILT_IN_DETECTORS } from './stressors/detectors';
import { createStressorRouter } from './stressors/router';
import {
  createScorecardRouter,
  createScorecardService,
  scheduleScorecardTask,
  seedScorecardDemo,
} from './scorecard';

/**
 * SRE Health backend: engagement data alongside the software catalog, keyed by entity ref,
 * in the portal's own database.
 *
 * @public
 */
export const sreHealthPlugin = createBackendPlugin({
  pluginId: 'sre-health',
  register(env) {
    const extraDetectors: StressorDetector[] = [];
    env.registerExtensionPoint(sreHealthDetectorsExtensionPoint, {
      addDetector(...detectors) {
        extraDetectors.push(...detectors);
      },
    });

    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        urlReader: coreServices.urlReader,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({
        logger,
        config,
        database,
        httpRouter,
        httpAuth,
        auth,
        permissions,
        permissionsRegistry,
        auditor,
        urlReader,
        scheduler,
        catalog,
        notifications,
      }) {
        // every sreHealth.* key, once: a bad value stops startup here, naming the key
        const sreHealth = readSreHealthConfig(config);
        permissionsRegistry.addPermissions(sreHealthPermissions);
        const store = await SreHealthStore.create({ database });
        // before the demo seed: it creates the demo git repositories at the configured paths
        const knowledge = await createKnowledgeService({
          database,
          store,
          config: sreHealth.knowledge,
          logger,
          catalog,
          auth,
        });

        if (sreHealth.demoData) {
          await seedDemoData(store, logger);
          await seedEngagementDemo(store, logger);
          await scheduleDemoTraffic(scheduler, store);
        }

        const slos = new SloService({
          store,
          loader: new SloDefinitionLoader({
            store,
            urlReader,
            // `integrations.*`: the one key outside sreHealth the plugin reads
            integrations: ScmIntegrations.fromConfig(config),
          }),
          dataSources: sreHealth.dataSources,
        });
        const access = new Access({ httpAuth, permissions, catalog, auditor });
        const scorecard = createScorecardService({
          store,
          catalog,
          auth,
          slos,
          logger,
          retentionDays: sreHealth.scorecard.retentionDays,
        });
        if (sreHealth.demoData) {
          await seedScorecardDemo(store, logger);
        }

        const { thresholds } = sreHealth.detection;
        const alerts = new AlertFiringStore(store.db);
        const detection = new DetectionService({
          store,
          alerts,
          catalog,
          auth,
          slos,
          // An adopter's detector for a built-in key replaces the built-in one.
          detectors: [
            ...BUILT_IN_DETECTORS.filter(
              d => !extraDetectors.some(e => e.stressorKey === d.stressorKey),
            ),
            ...extraDetectors,
          ],
          thresholds,
          sreGroups: sreHealth.sreGroups,
          logger,
        });
        const { alertmanager } = sreHealth;
        // The scheduler runs the task on one replica at a time.
        await scheduler.scheduleTask({
          id: 'sre-health-detect-stressors',
          frequency: { minutes: sreHealth.detection.intervalMinutes },
          timeout: { minutes: 15 },
          initialDelay: { seconds: 15 },
          fn: async () => {
            if (alertmanager) {
              await pollAlertmanager(alertmanager, alerts, logger).catch(e =>
                logger.warn(`Alertmanager unavailable: ${e.message}`),
              );
            }
            await detection.runAll('schedule');
          },
        });

        httpRouter.use(
          await createRouter({ store, access, config: sreHealth, slos }),
        );
        httpRouter.use(
          createStressorRouter({
            store,
            access,
            alerts,
            detection,
            thresholds,
          }),
        );
        httpRouter.use(
          createKnowledgeRouter({
            knowledge,
            access,
            maxFutureDays: sreHealth.validation.maxFutureDays,
          }),
        );
        httpRouter.use(
          createEngagementFeature({
            store,
            access,
            catalog,
            slos,
            sreGroups: sreHealth.sreGroups,
            logger,
            notifications,
          }),
        );
        httpRouter.use(createScorecardRouter({ scorecard, access, httpAuth }));
        // last: turns errors of every route above into a 503 while the database is down
        httpRouter.use(createDatabaseErrorHandler(store.db));
        // then: outside development, error bodies carry a name and a message only
        httpRouter.use(createPublicErrorHandler());
        await scheduleScorecardTask({
          scheduler,
          scorecard,
          intervalMinutes: sreHealth.scorecard.intervalMinutes,
        });
        await scheduleTruckFactorTask({ scheduler, knowledge });
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
