/**
 * Truck-factor engine: knowledge-silo risk ("knowledge gaps" stressor) from git history, with
 * the degree-of-authorship model of Avelino et al. (ICPC 2016).
 */
export { analyzeRepository } from './analyzeRepository';
export { computeTruckFactor } from './computeTruckFactor';
export { resolvePeople } from './people';
export type { Person, PeopleOptions } from './people';
export {
  AUTHORSHIP_THRESHOLDS,
  DOA_MODEL,
  authorsOfFile,
  coverageWithout,
  degreeOfAuthorship,
  fileAuthorship,
  greedyTruckFactor,
} from './doa';
export type { DeveloperAuthorship, DoaInput, GreedyTruckFactor } from './doa';
export { compileGlob, createPathFilter } from './glob';
export { EXCLUSION_RULES, createFileClassifier } from './fileRules';
export type { ExclusionRule, FileRuleOptions } from './fileRules';
export { TRUCK_FACTOR_STATE_VERSION } from './types';
export type {
  AliasReason,
  AnalyzeRepositoryOptions,
  AuthorshipRules,
  MergedIdentities,
  AuthorSummary,
  AuthorshipMap,
  CatalogUserIdentity,
  CoverageResult,
  DeveloperRecord,
  FileRecord,
  FullRunReason,
  MissingObjects,
  RenameDetection,
  RunInfo,
  TruckFactorAnalysis,
  TruckFactorOptions,
  TruckFactorReport,
  TruckFactorResult,
  TruckFactorState,
  TruckFactorUnavailable,
  UnavailableCode,
} from './types';
