import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { sreHealthPermissions } from '@sre-health/backstage-plugin-sre-health-common';
import {
  StressorDetector,
  sreHealthDetectorsExtensionPoint,
  sreHealthSliReadersExtensionPoint,
  SliReaderFactory,
} from '@sre-health/backstage-plugin-sre-health-node';
import { registerSreHealthActions } from './actions';
import { createBudgetPolicyFeature } from './budgetPolicy';
import { readSreHealthConfig } from './config';
import { createEngagementFeature } from './engagement';
import { createExpertiseFeature } from './expertise';
import type { SreHealthFeature } from './feature';
import { createFiresFeature } from './fires';
import { EntityHealthService, createHealthFeature } from './health';
import { Access } from './http/access';
import { createDatabaseErrorHandler } from './http/databaseErrors';
import { createLivenessRouter } from './http/liveness';
import { createPublicErrorHandler } from './http/publicErrors';
import { createInputsFeature } from './inputs';
import { createKnowledgeFeature } from './knowledge';
import { createNotificationsFeature } from './notifications';
import { createOpsLoadFeature } from './opsLoad';
import { createOpsTimeFeature, interruptEvidenceOf } from './opsTime';
import { createPostmortemsFeature } from './postmortems';
import { CompoundRiskRecorder, createScorecardFeature } from './scorecard';
import { SreHealthSeed, sreHealthSeedingExtensionPoint } from './seeding';
import { createSloFeature } from './slo';
import { SreHealthStore } from './store';
import { createStressorsFeature } from './stressors';

/**
 * SRE Health backend: engagement data alongside the software catalog, keyed by entity ref,
 * in the portal's own database. Every feature is built here from its explicit dependencies;
 * this file only composes them.
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
    const sliReaders: SliReaderFactory[] = [];
    env.registerExtensionPoint(sreHealthSliReadersExtensionPoint, {
      addReader(...readers) {
        sliReaders.push(...readers);
      },
    });
    const seeds: SreHealthSeed[] = [];
    env.registerExtensionPoint(sreHealthSeedingExtensionPoint, {
      addSeed(...added) {
        seeds.push(...added);
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
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { logger, config, database, httpRouter, scheduler } = deps;
        const { httpAuth, auth, catalog } = deps;
        // every sreHealth.* key, once: a bad value stops startup here, naming the key
        const sreHealth = readSreHealthConfig(config);
        deps.permissionsRegistry.addPermissions(sreHealthPermissions);
        const store = await SreHealthStore.create({ database });
        const access = new Access({
          httpAuth,
          permissions: deps.permissions,
          catalog,
          auditor: deps.auditor,
        });
        const { sreGroups } = sreHealth;
        const { maxFutureDays } = sreHealth.validation;

        const slo = createSloFeature({
          store,
          access,
          urlReader: deps.urlReader,
          catalog,
          auth,
          // `integrations.*`: the one key outside sreHealth the plugin reads
          integrations: ScmIntegrations.fromConfig(config),
          dataSources: sreHealth.dataSources,
          lateToleranceMinutes: sreHealth.ingestion.lateToleranceMinutes,
          readers: sliReaders,
          budgetPolicy: sreHealth.slo.budgetPolicy.steps,
        });
        const { slos } = slo;
        const knowledgeFeature = await createKnowledgeFeature({
          database,
          store,
          config: sreHealth.knowledge,
          maxFutureDays,
          logger,
          catalog,
          auth,
          access,
        });
        const { knowledge } = knowledgeFeature;
        const tabRead = new EntityHealthService(
          store,
          slos,
          knowledge,
          sreHealth.detection.overloadWeeks,
        );
        // notifications that matter, once per episode, from the detection run and the sync
        const notifications = createNotificationsFeature({
          store,
          logger,
          settings: sreHealth.notifications,
          notifications: deps.notifications,
        });
        const compoundRisks = new CompoundRiskRecorder(store.db);
        // the computed ops share (fires, pages, interrupts), stored for the scorecard
        const opsTime = createOpsTimeFeature({
          store,
          access,
          catalog,
          auth,
          hoursPerPersonWeek: sreHealth.opsLoad.hoursPerPersonWeek,
          maxFutureDays,
        });
        const stressors = createStressorsFeature({
          store,
          access,
          catalog,
          auth,
          slos,
          shifts: knowledge,
          logger,
          extraDetectors,
          detection: sreHealth.detection,
          sreGroups,
          alertmanager: sreHealth.alertmanager,
          // each service's tab read, once per run: its compound risks stored for the
          // scorecard (the tab's own rules), and the conditions worth a notification
          afterService: {
            read: entity => tabRead.forEntity(entity),
            observers: [
              { name: 'Compound risks', observe: h => compoundRisks.record(h) },
              {
                name: 'Notifications',
                observe: h => notifications.observeService(h),
              },
            ],
          },
          opsTime: opsTime.recorder,
        });
        const fires = createFiresFeature({ store, access });
        const engagement = createEngagementFeature({
          store,
          access,
          catalog,
          slos,
          sreGroups,
          logger,
          notifications: deps.notifications,
          // the report quotes whether a cleared kindling item's interrupts fell
          interruptEvidence: async teamRef =>
            interruptEvidenceOf(await opsTime.recorder.ledger(teamRef)),
        });
        // the error-budget policy acts on the SLO statuses the scorecard sync computes
        const budgetPolicy = createBudgetPolicyFeature({
          store,
          access,
          logger,
          notifications: deps.notifications,
        });
        const scorecard = createScorecardFeature({
          store,
          catalog,
          auth,
          httpAuth,
          access,
          slos,
          logger,
          retentionDays: sreHealth.scorecard.retentionDays,
          intervalMinutes: sreHealth.scorecard.intervalMinutes,
          sloObservers: [notifications.sloStatuses, budgetPolicy.episodes],
        });

        const features: SreHealthFeature[] = [
          createHealthFeature({
            store,
            access,
            slos,
            knowledge,
            cacheSeconds: sreHealth.tab.cacheSeconds,
            overloadWeeks: sreHealth.detection.overloadWeeks,
          }),
          slo,
          stressors,
          fires,
          createPostmortemsFeature({ store, access, maxFutureDays }),
          // a typed week overrides the computed one: the stored share follows at once
          createOpsLoadFeature({
            store,
            access,
            onChange: teamRef => opsTime.recorder.record(teamRef),
          }),
          opsTime,
          createExpertiseFeature({ store, access }),
          createInputsFeature({ store, access, maxFutureDays }),
          engagement,
          knowledgeFeature,
          scorecard,
          budgetPolicy,
          notifications,
        ];
        // the same services behind the routes, offered to agents and automations
        registerSreHealthActions({
          actionsRegistry: deps.actionsRegistry,
          store,
          access,
          slos,
          overloadWeeks: sreHealth.detection.overloadWeeks,
          knowledge,
          scorecard: scorecard.scorecard,
          flags: stressors.flags,
          fires: fires.fires,
          entries: engagement.entries,
        });

        // modules' seeds (the demo data): after the features, before the routes are served
        for (const seed of seeds) {
          await seed({ store, knowledge, scheduler, logger });
        }

        httpRouter.use(createLivenessRouter());
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        for (const feature of features) {
          if (feature.router) httpRouter.use(feature.router);
          for (const task of feature.tasks) await scheduler.scheduleTask(task);
        }
        // last: turns errors of every route above into a 503 while the database is down
        httpRouter.use(createDatabaseErrorHandler(store.db));
        // then: outside development, error bodies carry a name and a message only
        httpRouter.use(createPublicErrorHandler());
      },
    });
  },
});
