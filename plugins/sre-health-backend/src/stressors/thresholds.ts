import { Config } from '@backstage/config';
import {
  DEFAULT_DETECTION_THRESHOLDS,
  DetectionThresholds,
} from '@internal/backstage-plugin-sre-health-common';

/** `sreHealth.detection` over the book's defaults. @internal */
export function readDetectionThresholds(config: Config): DetectionThresholds {
  const c = config.getOptionalConfig('sreHealth.detection');
  const d = DEFAULT_DETECTION_THRESHOLDS;
  const num = (key: keyof DetectionThresholds) =>
    c?.getOptionalNumber(key) ?? (d[key] as number);
  const list = (key: keyof DetectionThresholds) =>
    c?.getOptionalStringArray(key) ?? (d[key] as string[]);
  return {
    servingCriticalTiers: list('servingCriticalTiers'),
    servingCriticalLifecycles: list('servingCriticalLifecycles'),
    sreServiceDependents: num('sreServiceDependents'),
    sreServiceGrowth: num('sreServiceGrowth'),
    deferredMaxAgeDays: num('deferredMaxAgeDays'),
    alertFiringsMin: num('alertFiringsMin'),
    alertWindowDays: num('alertWindowDays'),
    complaintWindowDays: num('complaintWindowDays'),
    capacityPlanMaxAgeDays: num('capacityPlanMaxAgeDays'),
    naiveCapacityStrategies: list('naiveCapacityStrategies'),
  };
}
