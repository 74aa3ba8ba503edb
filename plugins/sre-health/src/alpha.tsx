import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isGroupEntity } from '@backstage/catalog-model';
import { isSreHealthAvailable } from '@sre-health/backstage-plugin-sre-health-common';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { sreHealthApiRef, SreHealthClient } from './api';

/** The SRE Scorecard page. @alpha */
export const scorecardPageRouteRef = createRouteRef();

/**
 * The "SRE Scorecard" page (and its sidebar item): every service × every stressor,
 * rolled up by team, with trends and CSV/JSON export.
 * @alpha
 */
export const sreHealthScorecardPage = PageBlueprint.make({
  name: 'scorecard',
  params: {
    path: '/sre-scorecard',
    title: 'SRE Scorecard',
    icon: <AssessmentIcon />,
    routeRef: scorecardPageRouteRef,
    // the page has its own header, which states the verdict
    noHeader: true,
    loader: () =>
      import('./components/scorecard/ScorecardPage').then(m => (
        <m.ScorecardPage />
      )),
  },
});

/** The client of the sre-health backend. @alpha */
export const sreHealthApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sreHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SreHealthClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The "SRE Health" tab on entity pages of services (and of any entity that opts in
 * with the `sre-health.dev/enabled` annotation).
 * @alpha
 */
export const sreHealthEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/sre-health',
    title: 'SRE Health',
    filter: isSreHealthAvailable,
    loader: () =>
      import('./components/entityTab/SreHealthContent').then(m => (
        <m.SreHealthContent />
      )),
  },
});

/**
 * The SRE Health summary on the Overview tab of the entities that have the SRE Health tab:
 * the verdict, the first thing to do, budget left, the top stressor, the truck factor.
 * @alpha
 */
export const sreHealthEntityCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    // Beside "About", above the fold: the verdict is what a reader needs first.
    type: 'info',
    filter: isSreHealthAvailable,
    loader: () =>
      import('./components/overviewCard/EntitySreHealthCard').then(m => (
        <m.EntitySreHealthCard />
      )),
  },
});

/**
 * A team's SRE engagement on Group pages: the active engagement's record, a way to start
 * one, and the team's past engagements with their after-action reports.
 * @alpha
 */
export const sreHealthEngagementCard = EntityCardBlueprint.make({
  name: 'engagement',
  params: {
    filter: isGroupEntity,
    loader: () =>
      import('./components/engagement/EngagementGroupCard').then(m => (
        <m.EngagementGroupCard />
      )),
  },
});

/**
 * The SRE Health plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'sre-health',
  title: 'SRE Health',
  routes: { scorecard: scorecardPageRouteRef },
  info: { packageJson: () => import('../package.json') },
  extensions: [
    sreHealthApi,
    sreHealthScorecardPage,
    sreHealthEntityContent,
    sreHealthEntityCard,
    sreHealthEngagementCard,
  ],
});
