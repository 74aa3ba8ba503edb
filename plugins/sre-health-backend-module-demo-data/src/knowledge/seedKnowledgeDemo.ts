import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  LEDGER_SERVICE_HISTORY,
  PAYMENTS_API_HISTORY,
  createDemoRepository,
  type DemoCommit,
} from './demoRepositories';
import type { KnowledgeService } from '@sre-health/backstage-plugin-sre-health-backend/seeding';

const WEEK_MS = 7 * 86_400_000;

const DEMO_REPOSITORIES: Record<string, readonly DemoCommit[]> = {
  'component:default/ledger-service': LEDGER_SERVICE_HISTORY,
  'component:default/payments-api': PAYMENTS_API_HISTORY,
};

/** Weekly on-call rotations of the last twelve weeks. */
const DEMO_ROTATIONS: Record<string, string[]> = {
  'component:default/ledger-service': ['user:default/carol'],
  'component:default/payments-api': [
    'user:default/carol',
    'user:default/dan',
    'user:default/bob',
  ],
};

/**
 * Alice, embedded with Payments five weeks ago, has shadowed Carol's ledger on-call weeks
 * since: shifts she held, yet she is leaving, so the ledger still has one operator.
 */
const DEMO_SHADOW_WEEKS: Record<string, { userRef: string; weeks: number }> = {
  'component:default/ledger-service': {
    userRef: 'user:default/alice',
    weeks: 4,
  },
};

/** Monday 09:00 UTC of the week `weeksAgo` weeks before `now`. */
function weekStart(now: Date, weeksAgo: number): Date {
  const d = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9),
  );
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 7 * weeksAgo);
  return d;
}

/**
 * Demo knowledge data: the git repositories of ledger-service and payments-api, created at
 * the paths `sreHealth.knowledge.repositories` configures for them (skipped when present),
 * and weekly on-call shifts (aligned to weeks, so a restart rewrites the same rows).
 * @internal
 */
export async function seedKnowledgeDemo(
  knowledge: KnowledgeService,
  logger: LoggerService,
  now = new Date(),
): Promise<void> {
  for (const { entityRef, path } of knowledge.config.repositories) {
    const history = DEMO_REPOSITORIES[entityRef];
    if (!history) continue;
    try {
      const outcome = await createDemoRepository(path, history);
      if (outcome === 'created') {
        logger.info(
          `Created the demo git repository of ${entityRef} at ${path}`,
        );
      }
    } catch (error) {
      logger.warn(
        `Could not create the demo git repository of ${entityRef} at ${path}: ${
          (error as Error).message
        }`,
      );
    }
  }

  for (const [entityRef, rotation] of Object.entries(DEMO_ROTATIONS)) {
    const shifts = Array.from({ length: 12 }, (_, i) => {
      const starts = weekStart(now, 12 - i);
      return {
        userRef: rotation[i % rotation.length],
        startsAt: starts.toISOString(),
        endsAt: new Date(starts.getTime() + WEEK_MS).toISOString(),
      };
    });
    await knowledge.pushShifts(entityRef, shifts, 'demo');
  }
  for (const [entityRef, shadow] of Object.entries(DEMO_SHADOW_WEEKS)) {
    const shifts = Array.from({ length: shadow.weeks }, (_, i) => {
      const starts = weekStart(now, shadow.weeks - i);
      return {
        userRef: shadow.userRef,
        startsAt: starts.toISOString(),
        endsAt: new Date(starts.getTime() + WEEK_MS).toISOString(),
      };
    });
    await knowledge.pushShifts(entityRef, shifts, 'demo');
  }
}
