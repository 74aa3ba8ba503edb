import { mockServices } from '@backstage/backend-test-utils';
import type {
  Engagement,
  PhaseTransition,
} from '@sre-health/backstage-plugin-sre-health-common';
import { NotificationsEngagementNotifier } from './notifier';

const engagement: Engagement = {
  id: 'e1',
  version: 8,
  createdAt: '2026-01-05T00:00:00.000Z',
  updatedAt: '2026-01-30T00:00:00.000Z',
  teamRef: 'group:default/payments-team',
  sreRef: 'user:default/alice',
  phase: 'drive-change',
  startDate: '2026-01-05',
  endDate: null,
  plannedEndDate: '2026-03-27',
  concurrentReason: null,
  goals: '',
  createdBy: 'user:default/alice',
};

const transition: PhaseTransition = {
  id: 't1',
  engagementId: 'e1',
  teamRef: engagement.teamRef,
  from: 'share-context',
  to: 'drive-change',
  reason: 'SLO work cannot wait',
  openItems: ['fires-shared'],
  actor: 'user:default/alice',
  at: '2026-01-30T00:00:00.000Z',
  engagementVersion: 8,
};

describe('NotificationsEngagementNotifier', () => {
  it("tells the team and the SRE, but not whoever moved it, with the reason and the team's page", async () => {
    const send = jest.fn(async () => {});
    await new NotificationsEngagementNotifier(
      { send },
      mockServices.logger.mock(),
    ).phaseChanged({ engagement, transition });
    expect(send).toHaveBeenCalledWith({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/payments-team', 'user:default/alice'],
        excludeEntityRef: 'user:default/alice',
      },
      payload: {
        title:
          'SRE engagement with payments-team: Share context → Drive change',
        description:
          'user:default/alice moved the engagement to Drive change. Reason: “SLO work cannot wait”. Open checklist items left behind: fires-shared.',
        link: '/catalog/default/group/payments-team',
        severity: 'normal',
        topic: 'sre-health-engagement',
        scope: 'sre-health-engagement:e1:8',
      },
    });
  });

  it('logs a failed notification instead of failing the phase change', async () => {
    const logger = mockServices.logger.mock();
    const send = jest.fn(async () => {
      throw new Error('notifications backend unavailable');
    });
    await expect(
      new NotificationsEngagementNotifier({ send }, logger).phaseChanged({
        engagement,
        transition,
      }),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('notifications backend unavailable'),
    );
  });
});
