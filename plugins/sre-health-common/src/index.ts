/**
 * Shared model of the SRE Health plugins: the eight stressors, engagement phases,
 * annotation keys, permissions, request schemas and the pure domain rules.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './dates';
export * from './engagement';
export * from './entityRef';
export * from './actionItems';
export * from './flags';
export * from './knowledgeSilo';
export * from './knowledge';
export * as safeMarkdown from './markdown';
export * from './opsLoad';
export * from './permissions';
export * from './phases';
export * from './queryInteger';
export * from './schemas';
export * from './scorecard';
export * from './slo';
export * from './stressors';
export * from './stressorDetection';
export * from './types';
export * from './verdict';
