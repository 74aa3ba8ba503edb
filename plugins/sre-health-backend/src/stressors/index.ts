import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createStressorFlagSchema,
  DetectionThresholds,
  EntityHealth,
  StressorFlag,
  updateStressorFlagSchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { StressorDetector } from '@sre-health/backstage-plugin-sre-health-node';
import type { AlertmanagerConfig } from '../config';
import type { SreHealthFeature } from '../feature';
import type { Access } from '../http/access';
import { RecordService } from '../http/recordService';
import {
  ANNOTATION_PERMISSIONS,
  createResourceRouter,
} from '../http/resourceRouter';
import type { SloService } from '../slo';
import type { SreHealthStore } from '../store';
import { AlertFiringStore } from './AlertFiringStore';

export { AlertFiringStore } from './AlertFiringStore';
export type { ServiceHealthObserver } from './DetectionService';
import { pollAlertmanager } from './Alertmanager';
import {
  DetectionService,
  type OnCallShiftSource,
  type ServiceHealthObserver,
} from './DetectionService';
import { BUILT_IN_DETECTORS } from './detectors';
import { checkExemptionChange, flagChangePermission } from './flagTriage';
import { createRatingRouter } from './rating';
import { createStressorRouter } from './router';

/** Id of the scheduled detection run (after polling Alertmanager, when configured). @internal */
export const DETECTION_TASK_ID = 'sre-health-detect-stressors';

/**
 * The eight stressors: flags set by hand (`/stressor-flags`) and by the detectors, run on
 * a schedule and on demand, with the alert firings they read.
 * @internal
 */
export function createStressorsFeature(deps: {
  store: SreHealthStore;
  access: Access;
  catalog: CatalogService;
  auth: AuthService;
  slos: SloService;
  /** Recorded on-call shifts (the knowledge feature): the pager's holders operate. */
  shifts: OnCallShiftSource;
  logger: LoggerService;
  /** Adopters' detectors (the extension point); one for a built-in key replaces it. */
  extraDetectors: StressorDetector[];
  /** `sreHealth.detection`. */
  detection: { intervalMinutes: number; thresholds: DetectionThresholds };
  /** `sreHealth.sreGroups`. */
  sreGroups: string[];
  /** `sreHealth.alertmanager`, when configured. */
  alertmanager?: AlertmanagerConfig;
  /** What looks at each service's health after its detection (DetectionService). */
  afterService?: {
    read(entity: Entity): Promise<EntityHealth>;
    observers: ServiceHealthObserver[];
  };
  /** Records each owning team's computed ops share after a run (the scorecard's table). */
  opsTime?: { record(teamRef: string): Promise<unknown> };
}): SreHealthFeature & {
  detection: DetectionService;
  /** The flags' write path, for the actions too. */
  flags: RecordService<StressorFlag>;
} {
  const { store, access, logger, extraDetectors, alertmanager } = deps;
  const { thresholds } = deps.detection;
  const alerts = new AlertFiringStore(store.db);
  const detection = new DetectionService({
    store,
    alerts,
    catalog: deps.catalog,
    auth: deps.auth,
    slos: deps.slos,
    shifts: deps.shifts,
    detectors: [
      ...BUILT_IN_DETECTORS.filter(
        d => !extraDetectors.some(e => e.stressorKey === d.stressorKey),
      ),
      ...extraDetectors,
    ],
    thresholds,
    sreGroups: deps.sreGroups,
    logger,
    afterService: deps.afterService,
    opsTime: deps.opsTime,
  });

  const flags = new RecordService(store.flags, {
    beforeUpdate: (changes, current) => checkExemptionChange(changes, current),
  });
  const router = createStressorRouter({
    store,
    access,
    alerts,
    detection,
    thresholds,
  });
  router.use(createRatingRouter({ access, flags }));
  router.use(
    createResourceRouter(access, {
      path: 'stressor-flags',
      refField: 'entityRef',
      createSchema: createStressorFlagSchema,
      updateSchema: updateStressorFlagSchema,
      ...ANNOTATION_PERMISSIONS,
      // dismissal and exemption are the SRE's verdicts: their own permission
      permissionFor: flagChangePermission,
      service: flags,
    }),
  );
  return {
    router,
    detection,
    flags,
    tasks: [
      {
        // The scheduler runs the task on one replica at a time.
        id: DETECTION_TASK_ID,
        frequency: { minutes: deps.detection.intervalMinutes },
        timeout: { minutes: 15 },
        initialDelay: { seconds: 15 },
        fn: async () => {
          if (alertmanager) {
            await pollAlertmanager(alertmanager, alerts, logger).catch(e =>
              logger.warn(`Alertmanager unavailable: ${e.message}`),
            );
          }
          await detection.runAll('schedule');
        },
      },
    ],
  };
}
