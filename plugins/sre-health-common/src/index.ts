/**
 * Shared model of the SRE Health plugins: the eight stressors, engagement phases,
 * annotation keys, permissions, request schemas and the pure domain rules.
 *
 * @packageDocumentation
 */
export * from './core/annotations';
export * from './core/dates';
export * from './engagement';
export * from './engagementPlan';
export * from './compoundRisks';
export * from './core/entityRef';
export * from './actionItems';
export * from './flags';
export * from './knowledge/silo';
export * from './knowledge';
export * from './notifications';
export * as safeMarkdown from './markdown';
export * from './opsLoad';
export * from './opsTime';
export * from './interrupts';
export * from './permissions';
export * from './phases';
export * from './core/queryInteger';
export * from './schemas';
export * from './budgetPolicySchemas';
export * from './scorecard';
export * from './slo';
export * from './stressors';
export * from './stressorDetection';
export * from './types';
export * from './verdict';
