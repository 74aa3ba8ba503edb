import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { sreHealthApiRef, SreHealthClient } from './api';
import { rootRouteRef, scorecardRouteRef } from './routes';

/**
 * The SRE Health plugin for the classic frontend system.
 * @public
 */
export const sreHealthPlugin = createPlugin({
  id: 'sre-health',
  apis: [
    createApiFactory({
      api: sreHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SreHealthClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    scorecard: scorecardRouteRef,
  },
});

/**
 * The SRE Health tab of an entity page. Mount it in an `EntityLayout.Route`
 * with `if={isSreHealthAvailable}`.
 * @public
 */
export const EntitySreHealthContent: () => JSX.Element | null =
  sreHealthPlugin.provide(
    createRoutableExtension({
      name: 'EntitySreHealthContent',
      component: () =>
        import('./components/entityTab/SreHealthContent').then(
          m => m.SreHealthContent,
        ),
      mountPoint: rootRouteRef,
    }),
  );

/**
 * The SRE Health summary for an entity's Overview tab: the verdict, the first thing to
 * do, budget left, the top stressor, the truck factor and a link to the SRE Health tab.
 * Mount it in the Overview's grid with `if={isSreHealthAvailable}`.
 * @public
 */
export const EntitySreHealthCard: () => JSX.Element = sreHealthPlugin.provide(
  createComponentExtension({
    name: 'EntitySreHealthCard',
    component: {
      lazy: () =>
        import('./components/overviewCard/EntitySreHealthCard').then(
          m => m.EntitySreHealthCard,
        ),
    },
  }),
);

/**
 * A team's SRE engagement on its group page: the active engagement's record (phases with
 * checklists, decisions, kindling, leading questions, ops load), a way to start one, and
 * every past engagement with its frozen after-action report. Mount it on Group pages.
 * @public
 */
export const EntityEngagementCard: () => JSX.Element = sreHealthPlugin.provide(
  createComponentExtension({
    name: 'EntityEngagementCard',
    component: {
      lazy: () =>
        import('./components/engagement/EngagementGroupCard').then(
          m => m.EngagementGroupCard,
        ),
    },
  }),
);

/**
 * The "SRE Scorecard" page: every service × every stressor, rolled up by team, with
 * trends and CSV/JSON export. Mount it on a route, e.g. `/sre-scorecard`, and add a
 * sidebar item.
 * @public
 */
export const SreScorecardPage: () => JSX.Element = sreHealthPlugin.provide(
  createRoutableExtension({
    name: 'SreScorecardPage',
    component: () =>
      import('./components/scorecard/ScorecardPage').then(m => m.ScorecardPage),
    mountPoint: scorecardRouteRef,
  }),
);
