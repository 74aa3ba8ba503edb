import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { sreHealthFactRetriever } from './factRetriever';

/**
 * Adds the SRE Health fact retriever to Tech Insights. Tech Insights only runs a retriever
 * with a configured cadence:
 *
 * ```yaml
 * techInsights:
 *   factRetrievers:
 *     sreHealthFactRetriever:
 *       cadence: '*\/30 * * * *'
 *       lifecycle: { maxItems: 10 }
 * ```
 * @public
 */
export const techInsightsModuleSreHealthFacts = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'sre-health-facts',
  register(reg) {
    reg.registerInit({
      deps: { retrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ retrievers }) {
        retrievers.addFactRetrievers({ sreHealthFactRetriever });
      },
    });
  },
});
