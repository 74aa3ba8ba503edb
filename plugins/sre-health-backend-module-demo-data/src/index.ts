/**
 * Demo data for SRE Health: a backend module for the `sre-health` plugin that seeds the
 * example organisation when `sreHealth.demoData` is true. For demo portals only.
 *
 * @packageDocumentation
 */
export { sreHealthModuleDemoData as default } from './module';
