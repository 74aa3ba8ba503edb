import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type {
  Fire,
  StressorFlag,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { EngagementEntryService } from '../engagement';
import type { EntityHealthService } from '../health';
import type { Access } from '../http/access';
import type { RecordService } from '../http/recordService';
import type { KnowledgeService } from '../knowledge';
import type { ScorecardService } from '../scorecard';
import type { SreHealthStore } from '../store';

/**
 * What the actions need: the registry, and the very services behind the routes (the
 * features hand them over), so an action and its route share every rule.
 * @internal
 */
export interface SreHealthActionsDeps {
  actionsRegistry: ActionsRegistryService;
  store: SreHealthStore;
  access: Access;
  /** The tab's single read. */
  health: EntityHealthService;
  knowledge: KnowledgeService;
  scorecard: ScorecardService;
  /** `POST /stressor-flags`'s service. */
  flags: RecordService<StressorFlag>;
  /** `POST /fires`'s service. */
  fires: RecordService<Fire>;
  /** `POST /engagements/:id/decisions`'s service. */
  entries: EngagementEntryService;
}
