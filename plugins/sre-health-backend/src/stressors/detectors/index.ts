import { StressorDetector } from '@sre-health/backstage-plugin-sre-health-node';
import { complaintsWithoutSloDetector } from './complaintsWithoutSlo';
import { devsOwnItDetector } from './devsOwnIt';
import { knowledgeGapDetector } from './knowledgeGap';
import { naiveCapacityPlanDetector } from './naiveCapacityPlan';
import { nextBigThingDetector } from './nextBigThing';
import { rollbackOnlyPostmortemsDetector } from './rollbackOnlyPostmortems';
import { sreServiceGrowingDetector } from './sreServiceGrowing';
import { undiagnosedAlertsDetector } from './undiagnosedAlerts';

/** One detector for each of the eight stressors of the book. */
export const BUILT_IN_DETECTORS: StressorDetector[] = [
  knowledgeGapDetector,
  sreServiceGrowingDetector,
  nextBigThingDetector,
  undiagnosedAlertsDetector,
  complaintsWithoutSloDetector,
  naiveCapacityPlanDetector,
  rollbackOnlyPostmortemsDetector,
  devsOwnItDetector,
];
