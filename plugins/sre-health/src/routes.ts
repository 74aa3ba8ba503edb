import { createRouteRef } from '@backstage/core-plugin-api';

/** Mount point of the entity tab in the classic frontend system. */
export const rootRouteRef = createRouteRef({
  id: 'sre-health',
});
