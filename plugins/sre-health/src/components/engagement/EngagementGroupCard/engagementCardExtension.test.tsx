import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import sreHealthPlugin, { sreHealthEngagementCard } from '../../../alpha';
import { serviceEntity } from '../../../testUtils/fixtures';

describe('the engagement card (new frontend system)', () => {
  it('is an entity card of the plugin, shown on Group pages only', () => {
    expect(
      sreHealthPlugin.getExtension('entity-card:sre-health/engagement'),
    ).toBeDefined();
    const tester = createExtensionTester(sreHealthEngagementCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(
      filter?.({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'payments' },
        spec: { type: 'team', children: [] },
      }),
    ).toBe(true);
    expect(filter?.(serviceEntity)).toBe(false);
  });
});
