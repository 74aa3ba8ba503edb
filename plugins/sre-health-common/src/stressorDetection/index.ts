import type { Entity } from '@backstage/catalog-model';
import { SRE_HEALTH_ANNOTATION_PREFIX } from '../core/annotations';
import type { AlertDiagnosis, DeferredProblem, StressorFlag } from '../types';

/** The author of flags raised by detectors. @public */
export const DETECTOR_AUTHOR = 'sre-health:detector';

/** Link to the capacity plan of a production service. @public */
export const ANNOTATION_CAPACITY_PLAN = `${SRE_HEALTH_ANNOTATION_PREFIX}/capacity-plan`;
/** Date (YYYY-MM-DD) the capacity plan was last reviewed. @public */
export const ANNOTATION_CAPACITY_PLAN_REVIEWED = `${SRE_HEALTH_ANNOTATION_PREFIX}/capacity-plan-reviewed`;
/** The plan's strategy; `add-servers-on-demand` is the book's naive plan. @public */
export const ANNOTATION_CAPACITY_PLAN_STRATEGY = `${SRE_HEALTH_ANNOTATION_PREFIX}/capacity-plan-strategy`;
/** The group on call for the component (the "operating side"). @public */
export const ANNOTATION_ONCALL_GROUP = `${SRE_HEALTH_ANNOTATION_PREFIX}/oncall-group`;

/**
 * Thresholds of the stressor detectors. Defaults follow the book where it gives a number
 * (a bus factor of 1) and otherwise a conservative reading of it; all are set in
 * app-config under `sreHealth.detection`.
 * @public
 */
export interface DetectionThresholds {
  /** Tiers (`sre-health.dev/tier`) that make a component serving-critical. */
  servingCriticalTiers: string[];
  /** Lifecycles that also make a component serving-critical (e.g. `production`). */
  servingCriticalLifecycles: string[];
  /** An SRE-owned service with at least this many dependents is flagged... */
  sreServiceDependents: number;
  /** ...or one whose dependents grew by at least this since the last snapshot. */
  sreServiceGrowth: number;
  /** A deferred problem open longer than this is flagged even without a due date. */
  deferredMaxAgeDays: number;
  /** Alerts firing at least this often in the window without a diagnosis, runbook or owner. */
  alertFiringsMin: number;
  alertWindowDays: number;
  /** Complaints received in this window count. */
  complaintWindowDays: number;
  /** A capacity plan not reviewed for this long is flagged. */
  capacityPlanMaxAgeDays: number;
  /** Strategies that amount to "add more servers". */
  naiveCapacityStrategies: string[];
}

/** @public */
export const DEFAULT_DETECTION_THRESHOLDS: DetectionThresholds = {
  servingCriticalTiers: ['critical'],
  servingCriticalLifecycles: [],
  sreServiceDependents: 2,
  sreServiceGrowth: 1,
  deferredMaxAgeDays: 90,
  alertFiringsMin: 10,
  alertWindowDays: 30,
  complaintWindowDays: 90,
  capacityPlanMaxAgeDays: 180,
  naiveCapacityStrategies: ['add-servers-on-demand', 'add-servers'],
};

/** @public */
export function isServingCritical(entity: Entity, thresholds: DetectionThresholds): boolean {
  const tier = entity.metadata.annotations?.[`${SRE_HEALTH_ANNOTATION_PREFIX}/tier`] ?? '';
  const lifecycle = (entity.spec as { lifecycle?: unknown } | undefined)?.lifecycle;
  return (
    thresholds.servingCriticalTiers.includes(tier) ||
    (typeof lifecycle === 'string' && thresholds.servingCriticalLifecycles.includes(lifecycle))
  );
}

/** The stress level that counts: the team's rating, else the proposal (see flags.ts). @public */
export function effectiveStressLevel(flag: Pick<StressorFlag, 'stressLevel'>): number {
  return flag.stressLevel;
}

const DAY_MS = 86_400_000;

/**
 * A deferred problem is overdue when it is still open past its due date or, without one,
 * older than `maxAgeDays`: the "next big thing" never arrived. @public
 */
export function isDeferredProblemOverdue(
  problem: Pick<DeferredProblem, 'status' | 'dueDate' | 'createdAt'>,
  now: Date,
  maxAgeDays: number,
): boolean {
  if (problem.status !== 'open') return false;
  if (problem.dueDate) return problem.dueDate < now.toISOString().slice(0, 10);
  return now.getTime() - Date.parse(problem.createdAt) > maxAgeDays * DAY_MS;
}

/** An alert counts as understood once it has a diagnosis, a runbook or an owner. @public */
export function isAlertDiagnosed(
  diagnosis: Pick<AlertDiagnosis, 'diagnosis' | 'runbookUrl' | 'ownerRef'> | null | undefined,
): boolean {
  return !!diagnosis && !!(diagnosis.diagnosis.trim() || diagnosis.runbookUrl || diagnosis.ownerRef);
}

/** A stressor a detector found on one entity. @public */
export interface DetectedStressor {
  stressorKey: string;
  /** 1..5, the detector's estimate of how much stress it causes. */
  stressLevel: number;
  /** The facts that triggered it, in words and numbers. */
  evidence: string;
  facts: Record<string, number | string>;
}
export * from './operators';
