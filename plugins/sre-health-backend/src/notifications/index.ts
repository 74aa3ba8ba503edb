import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityHealth,
  NotificationObservation,
  NotificationSettings,
  serviceObservations,
  sloPageObservation,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { NotificationSender } from '../engagement';
import type { SreHealthFeature } from '../feature';
import type { SloStatusObserver } from '../scorecard';
import type { SreHealthStore } from '../store';
import { NotificationEpisodes } from './NotificationEpisodes';

export {
  NOTIFICATIONS_ACTOR,
  NotificationEpisodes,
  episodeNotification,
} from './NotificationEpisodes';
export type { NotificationEpisode } from './NotificationEpisodes';

/**
 * Notifications that matter, once per episode (issue #18 part 4): a stressor at a high
 * level, an SLO paging, a team above the ops cap, an exemption about to end. The detection
 * run hands each service's tab read to `observeService`, the scorecard sync each service's
 * computed SLOs to `sloStatuses`; `episodes` records the episodes and sends one
 * notification at each start. Observing never fails its caller: a failure is logged.
 * @internal
 */
export function createNotificationsFeature(deps: {
  store: SreHealthStore;
  logger: LoggerService;
  /** `sreHealth.notifications`. */
  settings: NotificationSettings;
  /** Undefined: episodes are recorded and their starts only logged. */
  notifications?: NotificationSender;
  now?: () => Date;
}): SreHealthFeature & {
  episodes: NotificationEpisodes;
  observeService(health: EntityHealth): Promise<void>;
  /** The scorecard sync's SLO statuses: slo-page episodes. */
  sloStatuses: SloStatusObserver;
} {
  const logger = deps.logger.child({ feature: 'notifications' });
  const episodes = new NotificationEpisodes({
    db: deps.store.db,
    audit: deps.store.audit,
    logger,
    notifications: deps.notifications,
    now: deps.now,
  });
  const observeAll = async (look: () => NotificationObservation[]) => {
    let observations: NotificationObservation[];
    try {
      observations = look();
    } catch (error) {
      logger.warn(`Notifications: could not read the conditions: ${error}`);
      return;
    }
    for (const observation of observations) {
      try {
        await episodes.observe(observation);
      } catch (error) {
        logger.warn(
          `Notifications: ${observation.kind} on ${observation.subjectRef} failed: ${error}`,
        );
      }
    }
  };
  return {
    episodes,
    tasks: [],
    observeService: health =>
      observeAll(() =>
        serviceObservations(health, deps.settings, deps.now?.() ?? new Date()),
      ),
    sloStatuses: {
      observe: (entityRef, ownerRef, slos, complete) =>
        observeAll(() =>
          deps.settings['slo-page'].enabled
            ? [sloPageObservation(entityRef, ownerRef, slos, complete)]
            : [],
        ),
      // a service that no longer has SLOs (or is gone) no longer pages
      sweep: withSlos => episodes.endAllBut('slo-page', withSlos),
    },
  };
}
