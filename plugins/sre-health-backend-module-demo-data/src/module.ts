import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  sreHealthSeedingExtensionPoint,
  type SreHealthSeed,
} from '@sre-health/backstage-plugin-sre-health-backend/seeding';
import { seedEngagementDemo } from './engagement/seedEngagementDemo';
import { seedKnowledgeDemo } from './knowledge/seedKnowledgeDemo';
import { seedOpsTimeDemo } from './opsTime';
import { seedScorecardDemo } from './scorecard/seedScorecardDemo';
import { seedDemoData } from './seedDemoData';
import { scheduleDemoTraffic } from './sloTraffic';

/**
 * The demo organisation, in the order each part needs the one before: its records (the
 * engagement with Payments), its git repositories and on-call, the engagement records
 * that build on both, the recorded work behind Payments' computed ops share, live SLO
 * traffic, and the scorecard's history.
 * @internal
 */
export const seedDemoOrganisation: SreHealthSeed = async ({
  store,
  knowledge,
  scheduler,
  logger,
}) => {
  await seedDemoData(store, logger);
  await seedKnowledgeDemo(knowledge, logger);
  await seedEngagementDemo(store, logger);
  await seedOpsTimeDemo(store, logger);
  await scheduleDemoTraffic(scheduler, store);
  await seedScorecardDemo(store, logger);
};

/**
 * Seeds SRE Health with the demo organisation of `examples/` when `sreHealth.demoData` is
 * true. For demo portals only: it writes made-up records into the plugin's database.
 * @public
 */
export const sreHealthModuleDemoData = createBackendModule({
  pluginId: 'sre-health',
  moduleId: 'demo-data',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        seeding: sreHealthSeedingExtensionPoint,
      },
      async init({ config, seeding }) {
        // a value that is not a boolean stops startup here, naming the key
        if (config.getOptionalBoolean('sreHealth.demoData') ?? false) {
          seeding.addSeed(seedDemoOrganisation);
        }
      },
    });
  },
});
