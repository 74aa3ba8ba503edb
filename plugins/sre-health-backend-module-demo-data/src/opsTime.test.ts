import { mockServices } from '@backstage/backend-test-utils';
import {
  OpsTimeRecorder,
  AlertFiringStore,
  InterruptStore,
} from '@sre-health/backstage-plugin-sre-health-backend/seeding';
import { createTestDatabases } from './__testUtils__/databases';
import { demoStore } from './__testUtils__/demoStore';
import { seedEngagementDemo } from './engagement/seedEngagementDemo';
import { seedOpsTimeDemo } from './opsTime';
import { seedDemoData } from './seedDemoData';

jest.setTimeout(120_000);

const PAYMENTS = 'group:default/payments-team';
const owned = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'payments-team' },
  relations: [{ type: 'ownedBy', targetRef: PAYMENTS }],
});

// examples/org.yaml: Payments' Group has two members, carol and dan
const catalog = {
  getEntityByRef: async () => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    relations: [
      { type: 'hasMember', targetRef: 'user:default/carol' },
      { type: 'hasMember', targetRef: 'user:default/dan' },
    ],
  }),
  getEntities: async () => ({
    items: [owned('payments-api'), owned('ledger-service')],
  }),
} as any;

describe('seedOpsTimeDemo', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'gives Payments a computed share unlike its typed one, and a cause that fell after its kindling was cleared, on %p',
    async id => {
      const { knex, store, logger, now } = await demoStore(databases, id, [
        seedDemoData,
        seedEngagementDemo,
        seedOpsTimeDemo,
      ]);
      await seedOpsTimeDemo(store, logger, now); // once

      const recorder = new OpsTimeRecorder({
        store,
        alerts: new AlertFiringStore(store.db),
        interrupts: new InterruptStore(store.db),
        catalog,
        auth: mockServices.auth(),
        hoursPerPersonWeek: () => 40,
        now: () => now,
      });
      const { weeks } = await recorder.compute(PAYMENTS);
      const lastWeek = weeks.find(w => w.weekStart === '2026-11-16')!;
      // typed 63% (a team of five's hours); computed from two members' 80 h
      expect(lastWeek.source).toBe('typed');
      expect(lastWeek.typedShare).toBeCloseTo(0.63, 2);
      expect(lastWeek.computedShare).toBeGreaterThan(0.25);
      expect(lastWeek.computedShare).toBeLessThan(0.45);
      expect(lastWeek.computed).toMatchObject({
        members: 2,
        capacityHours: 80,
      });
      expect(lastWeek.computed!.pageHours).toBeGreaterThan(0);
      expect(lastWeek.computed!.interruptHours).toBeGreaterThan(15);

      const ledger = await recorder.ledger(PAYMENTS);
      const replay = ledger.causes.find(
        c => c.causeKey === 'interrupt:refund replay',
      )!;
      expect(replay.causeClass).toBe('toil');
      expect(replay.effect?.words).toBe('fell from 6/wk to 1/wk');
      expect(await knex('interrupt_causes')).toHaveLength(1);
    },
  );
});
