/**
 * Tech Insights facts from SRE Health: a backend module for the `tech-insights` plugin.
 *
 * @packageDocumentation
 */
export { techInsightsModuleSreHealthFacts as default } from './module';
export {
  SRE_HEALTH_FACT_RETRIEVER_ID,
  factsOf,
  sreHealthFactRetriever,
  stressLevelFactName,
} from './factRetriever';
