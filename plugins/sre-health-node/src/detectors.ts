import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  AlertSummary,
  Complaint,
  DeferredProblem,
  DetectedStressor,
  DetectionThresholds,
  Engagement,
  ExpertiseRecord,
  Postmortem,
  StressorFlag,
} from '@sre-health/backstage-plugin-sre-health-common';

/**
 * Everything a detector may read about one entity. The backend gathers it once per entity
 * and run, so detectors stay pure functions of their input and are easy to test.
 * @public
 */
export interface DetectionContext {
  entity: Entity;
  entityRef: string;
  ownerRef: string | null;
  now: Date;
  thresholds: DetectionThresholds;
  servingCritical: boolean;
  /** Group refs of the SRE groups (`sreHealth.sreGroups`). */
  sreGroups: string[];
  /** Entity refs of the catalog entities that depend on this one (dependencyOf, API consumers). */
  dependents: string[];
  /** Dependents counted at the previous snapshot, if any. */
  previousDependents: number | null;
  /**
   * People who can operate the component: expertise records, declared operators and the
   * people with recorded on-call shifts in the look-back window (holding the pager is
   * operating it). Never the embedded SRE of `engagement`: they leave when it ends.
   */
  operators: Array<{ userRef: string; level: ExpertiseRecord['level']; source: string }>;
  /**
   * Members of the operating side: the on-call group, the SRE groups and the people with
   * recorded on-call shifts in the look-back window; never the embedded SRE.
   */
  operatingSide: string[];
  /** The owning team's engagement under way, if any. */
  engagement: Engagement | null;
  hasSlo: boolean;
  postmortems: Postmortem[];
  deferredProblems: DeferredProblem[];
  complaints: Complaint[];
  /** Alerts that fired in the detection window. */
  alerts: AlertSummary[];
  /** Flags already stored for this entity (SRE and detected). */
  flags: StressorFlag[];
}

/**
 * A stressor detector: reads what the portal knows about an entity and reports the
 * stressor with its evidence, or nothing. One detector per stressor key.
 * @public
 */
export interface StressorDetector {
  /** One of the eight stressor keys, or `custom:<name>` for an adopter's own. */
  stressorKey: string;
  detect(context: DetectionContext): Promise<DetectedStressor | undefined> | DetectedStressor | undefined;
}

/** @public */
export interface SreHealthDetectorsExtensionPoint {
  addDetector(...detectors: StressorDetector[]): void;
}

/**
 * Adds stressor detectors to the SRE Health backend from a backend module.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'sre-health',
 *   moduleId: 'flaky-ci',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { detectors: sreHealthDetectorsExtensionPoint },
 *       async init({ detectors }) {
 *         detectors.addDetector({ stressorKey: 'custom:flaky-ci', detect: ctx => ... });
 *       },
 *     });
 *   },
 * });
 * ```
 * @public
 */
export const sreHealthDetectorsExtensionPoint = createExtensionPoint<SreHealthDetectorsExtensionPoint>({
  id: 'sre-health.detectors',
});
