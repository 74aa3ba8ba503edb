import type { ServingTier } from '../core/annotations';

/*
 * Knowledge-silo risk from code authorship (truck factor), recorded expertise and on-call
 * history. The book's knowledge-gap stressor: one specialist holds a serving-critical part.
 */

/**
 * `ok`: analysed; `unavailable`: the repository cannot be read (the figures, if any, are
 * the last known ones); `pending`: a local repository is known but not analysed yet;
 * `none`: no source repository is known for the component.
 * @public
 */
export type TruckFactorStatus = 'ok' | 'unavailable' | 'pending' | 'none';

/** One person who authors files of a component, per the degree-of-authorship model. @public */
export interface KnowledgeAuthor {
  /** A catalog user ref, or `Name <email>` for a git identity outside the catalog. */
  author: string;
  /** Set when the author is a catalog user. */
  userRef?: string;
  /** Number of files the person authors. */
  files: number;
  /** files / fileCount. */
  share: number;
  /** Not (any more) in the catalog: what only they authored is knowledge already lost. */
  departed: boolean;
}

/** How many files the truck-factor figures list at most (the counts are complete). @public */
export const MAX_LISTED_FILES = 20;

/**
 * Why a file of the repository is left out of the truck factor: a configured pattern, or
 * GitHub Linguist's rules (vendored, documentation, generated, and `other`: no programming or
 * markup language, e.g. data, prose, images), with the repository's `.gitattributes`. @public
 */
export type KnowledgeExclusionRule =
  | 'config'
  | 'vendored'
  | 'documentation'
  | 'generated'
  | 'other';

/** How many excluded files the summary lists at most (the counts are complete). @public */
export const MAX_LISTED_EXCLUDED_FILES = 500;

/** The files left out of the truck factor. @public */
export interface TruckFactorExclusions {
  count: number;
  byRule: Record<KnowledgeExclusionRule, number>;
  /** The first {@link MAX_LISTED_EXCLUDED_FILES} files, sorted by path. */
  files: Array<{ path: string; rule: KnowledgeExclusionRule }>;
}

/** Git identities counted as one person, and why. @public */
export interface KnowledgeMergedIdentities {
  /** The person: a catalog user ref, or `Name <email>` of the most active identity. */
  person: string;
  /** `Name <email>` of each identity. */
  identities: string[];
  /** `catalog-email`, `catalog-name` or `same-name` (the reference tool's heuristic). */
  reasons: string[];
}

/** The code-authorship part of a component's knowledge silo. @public */
export interface TruckFactorSummary {
  status: TruckFactorStatus;
  /** Why the status is not `ok`, in words a reader can act on. */
  reason?: string;
  /**
   * The repository as readers may see it: its catalog source location (e.g. `dir:./repo`),
   * or the folder name of a configured one; never its path on the server.
   */
  repository?: string;
  /**
   * Smallest number of people whose departure leaves more than half of the files without
   * an author (Avelino et al.). Null when never analysed.
   */
  truckFactor: number | null;
  /** The same, with departed authors already gone: how many more departures it takes. */
  activeTruckFactor: number | null;
  /** The authors the active truck factor removes, in order. */
  activeTruckFactorAuthors: string[];
  /** Everyone who authors files, most files first (at most 10). */
  topAuthors: KnowledgeAuthor[];
  /** Authors who are no longer in the catalog. */
  departedAuthors: KnowledgeAuthor[];
  /** Files whose every author has departed: knowledge already lost. */
  lostFiles: { count: number; paths: string[] };
  /** Files considered (source files of HEAD). */
  fileCount: number;
  /** Files of HEAD left out, by rule (absent for analyses stored before rules were kept). */
  exclusions?: TruckFactorExclusions;
  /** People made of several git identities (left out with the authorship). */
  mergedIdentities?: KnowledgeMergedIdentities[];
  /**
   * Set when the repository lacks objects (a partial clone): renames were followed only when
   * the content was unchanged, and these objects were missing (the first few, and the count).
   */
  missingObjects?: { count: number; shown: string[] };
  /**
   * Set when the names are left out (the reader may not see who wrote what: see
   * `sreHealthAuthorshipReadPermission`): the author lists are empty and this counts them.
   */
  authorshipWithheld?: { authors: number; departed: number };
  /** When the figures were computed (the last successful analysis). */
  analyzedAt: string | null;
  headSha: string | null;
}

/** A person on call for a component within the look-back window. @public */
export interface OnCallOperator {
  userRef: string;
  /** Shifts in the window. */
  shifts: number;
  /** End of the latest shift in the window (ISO). */
  lastShiftEndedAt: string;
}

/** How far back on-call shifts count as operating knowledge. @public */
export const ON_CALL_LOOKBACK_DAYS = 90;

/** One on-call shift of one person for one component. @public */
export interface OnCallShift {
  entityRef: string;
  userRef: string;
  startsAt: string;
  endsAt: string;
  /** Who pushed it (user or `service:<subject>`), or the configured source. */
  source: string;
}

/** What is left of a component's knowledge when some people leave. @public */
export interface KnowledgeWhatIf {
  entityRef: string;
  /** The people taken away (as asked). */
  without: string[];
  /** Code coverage; null when the repository was never analysed. */
  coverage: null | {
    /** Coverage before anyone leaves (departed authors already gone). */
    before: { coveredFiles: number; share: number };
    /** Files that keep at least one author. */
    coveredFiles: number;
    totalFiles: number;
    share: number;
    /** Truck factor of what is left. */
    truckFactorLeft: number;
    /** Files that lose their last author: count and the first few paths. */
    orphanedFiles: { count: number; paths: string[] };
  };
  truckFactorStatus: TruckFactorStatus;
  reason?: string;
  /**
   * The code coverage is left out (null) because the reader may not see who wrote what
   * (`sreHealthAuthorshipReadPermission`); the operators' part is there.
   */
  authorshipWithheld?: true;
  /** People who can still operate the component (learners included, not counted). */
  operatorsLeft: Operator[];
  busFactorBefore: number;
  busFactorLeft: number;
  riskBefore: SiloRisk;
  riskLeft: SiloRisk;
}

/** One component in a team's knowledge rollup. @public */
export interface TeamComponentKnowledge {
  entityRef: string;
  title?: string;
  tier: ServingTier;
  servingCritical: boolean;
  busFactor: number;
  risk: SiloRisk;
  truckFactorStatus: TruckFactorStatus;
  truckFactor: number | null;
  activeTruckFactor: number | null;
  lostFiles: number;
  /** People who can operate it (expert or can-operate). */
  operators: string[];
  /** At most one person can operate it, or at most one person holds its code. */
  singlePersonDependency: boolean;
  /** The one person it depends on, for operations and/or code. */
  keyPeople: string[];
}

/** A person a team's components depend on alone. @public */
export interface KeyPerson {
  person: string;
  components: string[];
  servingCriticalComponents: string[];
}

/** A team's knowledge-silo risk, over the components its groups own. @public */
export interface TeamKnowledgeSummary {
  teamRef: string;
  /** The team and its nested groups. */
  groupRefs: string[];
  components: TeamComponentKnowledge[];
  totals: {
    components: number;
    servingCritical: number;
    /** Components that depend on one person (or nobody). */
    singlePersonDependencies: number;
    servingCriticalSinglePerson: number;
    /** Components nobody can operate. */
    withoutOperators: number;
    /** Components whose repository was analysed. */
    analyzed: number;
    /** Files whose every author departed, over all components. */
    lostFiles: number;
  };
  keyPeople: KeyPerson[];
  risk: SiloRisk;
}

/** @public */
export type ExpertiseLevel = 'expert' | 'can-operate' | 'learning';
/** @public */
export const EXPERTISE_LEVELS: ReadonlyArray<ExpertiseLevel> = [
  'expert',
  'can-operate',
  'learning',
];

/** @public */
export type SiloRisk = 'high' | 'medium' | 'low';

/** @public */
export interface Operator {
  userRef: string;
  level: ExpertiseLevel;
  /**
   * `recorded` by an SRE in SRE Health, `annotation` in catalog-info, or `on-call` for the
   * component in the last 90 days. The most deliberate source wins.
   */
  source: 'recorded' | 'annotation' | 'on-call';
  /** Every source naming this person, when there is more than one. */
  sources?: Array<'recorded' | 'annotation' | 'on-call'>;
}

/** @public */
export interface KnowledgeSiloSummary {
  tier: ServingTier;
  servingCritical: boolean;
  /** People who can operate the component (expert or can-operate). */
  busFactor: number;
  risk: SiloRisk;
  operators: Operator[];
  /**
   * The embedded SRE of the owning team's engagement under way, when they are among the
   * people above: left out of `operators` and the bus factor, since they leave when the
   * engagement ends.
   */
  embeddedSre?: Operator;
  /** Code authorship (truck factor) of the component's repository. */
  truckFactor?: TruckFactorSummary;
  /** People on call for the component in the last 90 days. */
  onCall?: OnCallOperator[];
  /** At most one person can operate it, or at most one person holds its code. */
  singlePersonDependency?: boolean;
  /** The one person the component depends on (operations and/or code). */
  keyPeople?: string[];
}
