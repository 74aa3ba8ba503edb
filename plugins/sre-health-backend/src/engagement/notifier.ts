import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  Engagement,
  entityPagePath,
  PHASES,
  PhaseTransition,
} from '@sre-health/backstage-plugin-sre-health-common';

/**
 * What the notifier needs of `@backstage/plugin-notifications-node`'s `notificationService`
 * (structurally the same `send`), so this module does not depend on the package.
 * @internal
 */
export interface NotificationSender {
  send(options: {
    recipients: {
      type: 'entity';
      entityRef: string | string[];
      excludeEntityRef?: string | string[];
    };
    payload: {
      title: string;
      description?: string;
      link?: string;
      severity?: 'critical' | 'high' | 'normal' | 'low';
      topic?: string;
      scope?: string;
    };
  }): Promise<void>;
}

/** Tells people about an engagement's phase changes. @internal */
export interface EngagementNotifier {
  phaseChanged(event: {
    engagement: Engagement;
    transition: PhaseTransition;
  }): Promise<void>;
}

const phaseTitle = (phase: string) =>
  PHASES.find(p => p.phase === phase)?.title ?? phase;

/**
 * Notifies the team (the notifications backend resolves a group to its members) and the
 * embedded SRE, except whoever made the change. A failed notification is logged, never
 * fails the phase change: the engagement record is the source of truth.
 * @internal
 */
export class NotificationsEngagementNotifier implements EngagementNotifier {
  constructor(
    private readonly sender: NotificationSender,
    private readonly logger: LoggerService,
  ) {}

  async phaseChanged(event: {
    engagement: Engagement;
    transition: PhaseTransition;
  }): Promise<void> {
    const { engagement, transition } = event;
    const { name } = parseEntityRef(engagement.teamRef);
    const closed = transition.to === 'closed';
    const title = closed
      ? `SRE engagement with ${name} closed: the after-action report is ready`
      : `SRE engagement with ${name}: ${phaseTitle(
          transition.from,
        )} → ${phaseTitle(transition.to)}`;
    const parts = [
      `${transition.actor} moved the engagement to ${phaseTitle(
        transition.to,
      )}.`,
      transition.reason ? `Reason: “${transition.reason}”.` : undefined,
      transition.openItems.length
        ? `Open checklist items left behind: ${transition.openItems.join(
            ', ',
          )}.`
        : undefined,
    ].filter(Boolean);
    try {
      await this.sender.send({
        recipients: {
          type: 'entity',
          entityRef: [engagement.teamRef, engagement.sreRef],
          excludeEntityRef: transition.actor,
        },
        payload: {
          title,
          description: parts.join(' '),
          // the group's page, where its engagement card lives
          link: entityPagePath(engagement.teamRef),
          severity: 'normal',
          topic: 'sre-health-engagement',
          scope: `sre-health-engagement:${engagement.id}:${transition.engagementVersion}`,
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not notify ${engagement.teamRef} of engagement ${
          engagement.id
        } moving to ${transition.to}: ${(error as Error).message}`,
      );
    }
  }
}

/** Without the notifications service: phase changes are only logged. @internal */
export class LoggingEngagementNotifier implements EngagementNotifier {
  constructor(private readonly logger: LoggerService) {}

  async phaseChanged(event: {
    engagement: Engagement;
    transition: PhaseTransition;
  }): Promise<void> {
    this.logger.info(
      `Engagement ${event.engagement.id} of ${event.engagement.teamRef} moved ${event.transition.from} → ${event.transition.to} (notifications not configured)`,
    );
  }
}
