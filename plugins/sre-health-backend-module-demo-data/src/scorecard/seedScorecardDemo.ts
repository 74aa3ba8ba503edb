import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  utcDay,
  type ScorecardSnapshotDayRow,
  type ScorecardSnapshotRow,
  type SreHealthStore,
} from '@sre-health/backstage-plugin-sre-health-backend/seeding';

const DAY = 86_400_000;
const MARKER = 'demo-scorecard-history-seeded';
const HISTORY_DAYS = 90;

const team = (name: string) => `group:default/${name}`;
const DEPARTMENT = team('engineering');

/**
 * The demo organisation's last 90 days (examples/org.yaml, entities.yaml), as open
 * stressors that came and went: [team, stressor, first day ago, last day ago (0 = still
 * open), stress level]. Payments has carried its load for months (the engagement is 5
 * weeks old), Search's engagement cleared its alerts and rollbacks (resolved 12 and 11
 * weeks ago, engagement/searchHistory.ts) and left the indexer's two flags, Identity lost
 * its knowledge gap, the SREs' alert router grew. The still-open rows match the demo flags
 * seeded in seedDemoData and their ages.
 */
const HISTORY: ReadonlyArray<[string, string, number, number, number]> = [
  ['payments-team', 'undiagnosed-alerts', 90, 0, 5],
  ['payments-team', 'undiagnosed-alerts', 90, 35, 4], // ledger-service's alert, diagnosed
  ['payments-team', 'rollback-only-postmortems', 90, 0, 4],
  ['payments-team', 'next-big-thing', 90, 0, 3],
  ['payments-team', 'knowledge-gap', 90, 0, 5],
  ['payments-team', 'devs-own-it', 90, 28, 4],
  ['payments-team', 'naive-capacity-plan', 75, 20, 3],
  ['search-team', 'complaints-without-slo', 90, 0, 3],
  ['search-team', 'naive-capacity-plan', 90, 0, 4],
  ['search-team', 'undiagnosed-alerts', 90, 84, 5],
  ['search-team', 'rollback-only-postmortems', 90, 77, 3],
  ['identity-team', 'devs-own-it', 90, 0, 4],
  ['identity-team', 'knowledge-gap', 90, 40, 5],
  ['identity-team', 'undiagnosed-alerts', 45, 33, 3],
  ['sre', 'sre-service-growing', 50, 0, 3],
];
const DEMO_SERVICES = 7;

/**
 * Seeds 90 days of daily scorecard snapshots for the demo organisation (the days before
 * today; today's is taken by the scheduled task from the live flags). Once per database.
 * @internal
 */
export async function seedScorecardDemo(
  store: SreHealthStore,
  logger: LoggerService,
  now = new Date(),
): Promise<void> {
  if (!(await store.claimMeta(MARKER, now.toISOString()))) return;
  // days already taken for real stay as they are
  const taken = new Set(
    (
      await store
        .db('scorecard_snapshot_days')
        .where(
          'day',
          '>=',
          utcDay(new Date(now.getTime() - HISTORY_DAYS * DAY)),
        )
        .select('day')
    ).map(r => r.day as string),
  );
  const days: ScorecardSnapshotDayRow[] = [];
  const rows: ScorecardSnapshotRow[] = [];
  for (let ago = HISTORY_DAYS; ago >= 1; ago--) {
    const day = utcDay(new Date(now.getTime() - ago * DAY));
    if (taken.has(day)) continue;
    const counts = new Map<string, { open: number }>();
    const add = (groupRef: string, key: string) => {
      const k = `${groupRef}\0${key}`;
      const c = counts.get(k) ?? { open: 0 };
      c.open += 1;
      counts.set(k, c);
    };
    let open = 0;
    for (const [name, key, first, last] of HISTORY) {
      // open from `first` days ago until `last` days ago (exclusive; 0 = still open)
      if (ago > first || ago <= last) continue;
      add(team(name), key);
      add(DEPARTMENT, key);
      add('*', key);
      open += 1;
    }
    days.push({
      day,
      taken_at: new Date(Date.parse(`${day}T06:00:00Z`)),
      services: DEMO_SERVICES,
      open_flags: open,
    });
    for (const [k, c] of counts) {
      const [groupRef, stressorKey] = k.split('\0');
      rows.push({
        day,
        group_ref: groupRef,
        stressor_key: stressorKey,
        open_flags: c.open,
      });
    }
  }
  await store.db.transaction(async trx => {
    await trx('scorecard_snapshot_days')
      .insert(days)
      .onConflict('day')
      .ignore();
    for (let i = 0; i < rows.length; i += 400) {
      await trx('scorecard_snapshots')
        .insert(rows.slice(i, i + 400))
        .onConflict(['day', 'group_ref', 'stressor_key'])
        .ignore();
    }
  });
  logger.info(`Seeded ${HISTORY_DAYS} days of demo scorecard snapshots`);
}
