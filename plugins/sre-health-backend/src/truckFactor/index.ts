/**
 * Truck-factor engine: knowledge-silo risk ("knowledge gaps" stressor) from git history, with
 * the degree-of-authorship model of Avelino et al. (ICPC 2016).
 */
export { analyzeRepository } from './analyzeRepository';
export { computeTruckFactor, resolvePeople } from './computeTruckFactor';
export type { Person } from './computeTruckFactor';
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
export {
  DEFAULT_EXCLUDE_PATTERNS,
  compileGlob,
  createPathFilter,
} from './glob';
export { TRUCK_FACTOR_STATE_VERSION } from './types';
export type {
  AnalyzeRepositoryOptions,
  AuthorSummary,
  AuthorshipMap,
  CatalogUserIdentity,
  CoverageResult,
  DeveloperRecord,
  FileRecord,
  FullRunReason,
  RunInfo,
  TruckFactorAnalysis,
  TruckFactorOptions,
  TruckFactorReport,
  TruckFactorResult,
  TruckFactorState,
  TruckFactorUnavailable,
  UnavailableCode,
} from './types';
