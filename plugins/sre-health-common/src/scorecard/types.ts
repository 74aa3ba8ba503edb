import type { CompoundRiskKey } from '../compoundRisks';
import type { StressorKey } from '../stressors';
import type { SloStatus } from '../slo';
import type { EngagementPhase } from '../phases';
import type { ServingTier } from '../core/annotations';
import type { OpsShareSource } from '../types';

/**
 * Flags that stress a team right now: the scorecard's cells, its ranking and its trends
 * count `open` and `mitigating` flags (a stressor being mitigated still burns the team's
 * time); `dismissed` and `exempt` flags are shown but count for nothing.
 * @public
 */
export const ACTIVE_FLAG_STATUSES = ['open', 'mitigating'] as const;

/**
 * One stressor of one service: the state of its unresolved flag and its stress level, the
 * team's rating or, until someone rates, the level the evidence proposes. A stressor
 * without an unresolved flag has no cell (`null`): the service is free of it.
 * @public
 */
export interface ScorecardCell {
  status: 'open' | 'mitigating' | 'dismissed' | 'exempt';
  /** Stress level 1..5; 0 for a dismissed or exempt flag. */
  level: number;
  /** An exempt flag's last day of exemption (YYYY-MM-DD). */
  until?: string;
  /** Set while nobody rated the flag: its level is the evidence's proposal. */
  proposed?: true;
}

/** The worst of a service's SLOs, as computed by the scheduled scorecard task. @public */
export interface ScorecardSlo {
  status: SloStatus;
  /** Smallest share of error budget left among its SLOs, null without data. */
  budgetRemaining: number | null;
  count: number;
}

/** One service row of the scorecard. @public */
export interface ScorecardRow {
  entityRef: string;
  name: string;
  title: string | null;
  ownerRef: string | null;
  systemRef: string | null;
  lifecycle: string | null;
  tier: ServingTier;
  /**
   * Highest stress level the team rated among the open and mitigating flags (custom
   * stressors included), 0 without any rating: what the scorecard ranks by. Levels are
   * not summed: a level 5 stressor outweighs any number of level 2 ones.
   */
  maxLevel: number;
  /** Open and mitigating flags rated at `maxLevel`: the first tie-break of the ranking. */
  atMaxLevel: number;
  /**
   * Highest level the evidence proposes for the open and mitigating flags nobody rated
   * yet, 0 without: the next tie-break (a proposal never outranks a rating).
   */
  maxProposedLevel: number;
  /** Open and mitigating flags nobody rated yet. */
  unratedStressors: number;
  /** Open and mitigating flags, custom stressors included. */
  openStressors: number;
  /**
   * The compound risks the last detection run found on the service, in `COMPOUND_RISKS`
   * order (the keys; `COMPOUND_RISKS` has their titles).
   */
  compoundRisks: CompoundRiskKey[];
  /**
   * Cells by stressor key: the eight stressors of the book, always, and the custom
   * stressors (`custom:<slug>`) of the view (`ScorecardPage.customStressors`).
   */
  stressors: Record<StressorKey, ScorecardCell | null> &
    Record<string, ScorecardCell | null>;
  /** Null when the service has no SLO. */
  slo: ScorecardSlo | null;
  /** Truck factor of the service's repository, null when not analysed. */
  truckFactor: number | null;
  /** Ops share of the owner team's latest week with data, 0..1. */
  opsShare: number | null;
  /** Where that share comes from: typed (an explicit override) or computed from the recorded work. */
  opsShareSource?: OpsShareSource | null;
  /** The owner team's active (not closed) engagement. */
  engagement: { id: string; phase: EngagementPhase; sreRef: string } | null;
}

/** A page of the scorecard. @public */
export interface ScorecardPage {
  rows: ScorecardRow[];
  /** Services matching the filters, across all pages. */
  total: number;
  offset: number;
  limit: number;
  /** When the local copy of the catalog was last synced, null before the first sync. */
  syncedAt: string | null;
  /**
   * Services matching the filters, across all pages, with an open or mitigating stressor
   * the team rated `SCORECARD_HIGH_LEVEL` (4) or above: the verdict of the page.
   */
  highStress: number;
  /**
   * The custom stressors (`custom:<slug>`) open or mitigating on a service of the view,
   * sorted: each has a column, after the eight.
   */
  customStressors: string[];
}

/** The scorecard as exported (JSON): the current view, every page. @public */
export interface ScorecardExport {
  generatedAt: string;
  syncedAt: string | null;
  total: number;
  rows: ScorecardRow[];
  /** The view's custom stressors, as in `ScorecardPage`. */
  customStressors?: string[];
}

/**
 * A group's row: its services and those of its nested groups. `open` is, per stressor,
 * how many of those services have it open or mitigating: the same direction as the
 * services' cells.
 * @public
 */
export interface ScorecardTeamRow {
  groupRef: string;
  name: string;
  title: string | null;
  type: string | null;
  parentRef: string | null;
  /** Distance from the top of the displayed tree, for indentation. */
  depth: number;
  services: number;
  /** Highest rated stress level among the open and mitigating flags, 0 without. */
  maxLevel: number;
  /** Services with an open or mitigating stressor rated 4 or above. */
  highStress: number;
  /** Open and mitigating flags of its services. */
  openStressors: number;
  /** Those of them nobody rated yet. */
  unratedStressors: number;
  /**
   * Per stressor key, services with it open or mitigating: the eight always, and the
   * custom stressors of `ScorecardTeams.customStressors`.
   */
  open: Record<StressorKey, number> & Record<string, number>;
  /** Ops share of the group's own latest sampled week. */
  opsShare: number | null;
  /** The group's own active engagement. */
  engagement: { id: string; phase: EngagementPhase; sreRef: string } | null;
}

/** @public */
export interface ScorecardTeams {
  teams: ScorecardTeamRow[];
  /** The custom stressors open or mitigating on a service of the rows, sorted. */
  customStressors: string[];
}

/** What the scorecard's filters offer, from the synced copy of the catalog. @public */
export interface ScorecardFacets {
  /** Groups (tree order not implied) and the users that own services. */
  owners: Array<{ ref: string; label: string; type: string | null }>;
  systems: string[];
  lifecycles: string[];
  /** Custom stressors (`custom:<slug>`) open or mitigating on any service, sorted. */
  customStressors: string[];
}

/** A change between two days of the trend. @public */
export interface ScorecardChange {
  /** A group ref, or a stressor key. */
  key: string;
  label: string;
  from: number;
  to: number;
  /** `to - from`: negative is an improvement. */
  delta: number;
  /**
   * Of a rise, how many stressors an engagement under way found (discoveries, phase 1's
   * work, not regressions); absent when none.
   */
  found?: number;
}

/**
 * What changed, sorted: rises that an engagement found are `discovered`, not `worsened`
 * (a rise only partly found stays in `worsened` with its `found` part).
 * @public
 */
export interface ScorecardChangeLists {
  improved: ScorecardChange[];
  worsened: ScorecardChange[];
  /** Absent from servers older than the distinction. */
  discovered?: ScorecardChange[];
}

/**
 * Open stressors over time, from the daily snapshots. Every series is aligned with `days`
 * (oldest first); a day without a snapshot is absent from `days`.
 * @public
 */
export interface ScorecardTrends {
  days: string[];
  /** Per group (its nested groups included). */
  teams: Array<{ groupRef: string; label: string; series: number[] }>;
  /** Per stressor, for the selected owner (or the whole organisation). */
  stressors: Array<{ key: string; label: string; series: number[] }>;
  /** Totals, for the selected owner (or the whole organisation). */
  total: number[];
  /** Open stressors compared over the last `windowDays` days, largest change first. */
  changes: {
    windowDays: number;
    /** The two snapshots compared; null with fewer than two. */
    from: string | null;
    to: string | null;
    teams: ScorecardChangeLists;
    stressors: ScorecardChangeLists;
  };
}
