import { createRouteRef } from '@backstage/core-plugin-api';

/** Mount point of the entity tab in the classic frontend system. */
export const rootRouteRef = createRouteRef({
  id: 'sre-health',
});

/** The org-wide SRE Scorecard page in the classic frontend system. */
export const scorecardRouteRef = createRouteRef({
  id: 'sre-health-scorecard',
});
