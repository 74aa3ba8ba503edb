import type { Knex } from 'knex';
import {
  SCORECARD_CHANGE_WINDOW_DAYS,
  STRESSOR_KEYS,
  STRESSORS,
  ScorecardTrends,
  StressorKey,
  scorecardChangeWindow,
  scorecardChanges,
  splitDiscoveries,
} from '@sre-health/backstage-plugin-sre-health-common';
import { readEngagementFinds } from '../engagement';
import { ACTIVE } from './sql';

const DAY = 86_400_000;
/** Most groups listed as improved or worse. */
const MAX_CHANGES = 20;

/** UTC date of `date`, YYYY-MM-DD: the key of a day's snapshot. @internal */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A line of a trend chart: one group's open stressors per day. */
interface GroupSeries {
  groupRef: string;
  label: string;
  series: number[];
}

/**
 * The scorecard's history: one snapshot a day of the open stressors per group (through
 * nested groups) and stressor, pruned after the retention, and the trends read from it.
 * @internal
 */
export class ScorecardSnapshots {
  constructor(private readonly db: Knex) {}

  /** The snapshot of `now`'s UTC day, once per day; then prunes the days older than `retentionDays`. */
  async takeDaily(now: Date, retentionDays: number): Promise<boolean> {
    const taken = await this.takeSnapshot(utcDay(now), now);
    if (taken) {
      await this.pruneSnapshots(
        utcDay(new Date(now.getTime() - retentionDays * DAY)),
      );
    }
    return taken;
  }

  /**
   * Takes the snapshot of `day` unless it was taken already (by this or another replica):
   * the day row is the key, inserted first in the same transaction as the counts. Returns
   * false when there was nothing to do.
   */
  async takeSnapshot(day: string, now: Date): Promise<boolean> {
    return this.db.transaction(async trx => {
      const [{ n }] = await trx('scorecard_entities').count({ n: '*' });
      const services = Number(n);
      if (services === 0) return false; // not synced yet: nothing to count
      const claimed = await trx('scorecard_snapshot_days')
        .insert({
          day,
          taken_at: now,
          services,
          open_flags: 0,
        })
        .onConflict('day')
        .ignore()
        .returning('day');
      if (claimed.length === 0) return false;

      // Counts of open stressors only: stress levels of different stressors are never
      // added into one number.
      const flags = `FROM stressor_flags fl JOIN scorecard_entities e ON e.entity_ref = fl.entity_ref`;
      await trx.raw(
        `INSERT INTO scorecard_snapshots (day, group_ref, stressor_key, open_flags)
         SELECT CAST(? AS VARCHAR(10)), ga.ancestor_ref, fl.stressor_key, COUNT(*)
         ${flags} JOIN group_ancestors ga ON ga.descendant_ref = e.owner_ref
         WHERE fl.status IN ${ACTIVE}
         GROUP BY ga.ancestor_ref, fl.stressor_key
         UNION ALL
         SELECT CAST(? AS VARCHAR(10)), '*', fl.stressor_key, COUNT(*)
         ${flags}
         WHERE fl.status IN ${ACTIVE}
         GROUP BY fl.stressor_key`,
        [day, day],
      );
      const [totals] = await trx('scorecard_snapshots')
        .where({ day, group_ref: '*' })
        .sum({ open_flags: 'open_flags' });
      await trx('scorecard_snapshot_days')
        .where({ day })
        .update({ open_flags: Number(totals?.open_flags ?? 0) });
      return true;
    });
  }

  async pruneSnapshots(before: string): Promise<void> {
    await this.db('scorecard_snapshots').where('day', '<', before).delete();
    await this.db('scorecard_snapshot_days').where('day', '<', before).delete();
  }

  /**
   * The last `days` days up to `today` of the topmost of `owners` (or of the whole
   * organisation), and what changed over the change window: the groups (every group under
   * the selection, compared on the window's two days only) and the stressors that
   * improved or worsened.
   */
  async trends(
    owners: string[] | undefined,
    days: number,
    today: Date,
  ): Promise<ScorecardTrends> {
    const since = utcDay(new Date(today.getTime() - (days - 1) * DAY));
    const series = await this.trendSeries(since, owners);
    const window = scorecardChangeWindow(
      series.days,
      SCORECARD_CHANGE_WINDOW_DAYS,
    );
    const compared = window
      ? await this.groupTotalsOn([window.from, window.to], owners)
      : [];
    const teams = scorecardChanges(
      window ? [window.from, window.to] : [],
      compared.map(t => ({
        key: t.groupRef,
        label: t.label,
        series: t.series,
      })),
      SCORECARD_CHANGE_WINDOW_DAYS,
    );
    const stressors = scorecardChanges(
      series.days,
      series.stressors,
      SCORECARD_CHANGE_WINDOW_DAYS,
    );
    // Rises an engagement found are discoveries (its first job), not regressions.
    const found = window
      ? await readEngagementFinds(this.db, window, await this.topmost(owners))
      : { byGroup: new Map(), byStressor: new Map() };
    const teamLists = splitDiscoveries(teams, found.byGroup);
    return {
      ...series,
      changes: {
        windowDays: SCORECARD_CHANGE_WINDOW_DAYS,
        from: teams.from ?? stressors.from,
        to: teams.to ?? stressors.to,
        teams: {
          improved: teamLists.improved.slice(0, MAX_CHANGES),
          worsened: teamLists.worsened.slice(0, MAX_CHANGES),
          discovered: teamLists.discovered.slice(0, MAX_CHANGES),
        },
        stressors: splitDiscoveries(stressors, found.byStressor),
      },
    };
  }

  /**
   * Open stressors per day since `since`, for the topmost of `owners` (or the whole
   * organisation): in total, per stressor, and per group for the groups a chart can hold,
   * the selected groups and the groups right under them (without owners: the top-level
   * groups and the groups right under them).
   */
  async trendSeries(
    since: string,
    owners: string[] | undefined,
  ): Promise<{
    days: string[];
    teams: GroupSeries[];
    stressors: Array<{ key: string; label: string; series: number[] }>;
    total: number[];
  }> {
    const { db } = this;
    const dayRows = await db('scorecard_snapshot_days')
      .where('day', '>=', since)
      .orderBy('day')
      .select('day');
    const days: string[] = dayRows.map(r => r.day);
    const index = new Map(days.map((d, i) => [d, i]));
    const scope = await this.topmost(owners);

    const charted = db('group_ancestors')
      .select('descendant_ref')
      .where('depth', '<=', 1);
    if (owners?.length) {
      charted.whereIn('ancestor_ref', scope);
    } else {
      charted.whereIn(
        'ancestor_ref',
        db('scorecard_groups as sg')
          .select('sg.group_ref')
          .whereNull('sg.parent_ref')
          .orWhereNotExists(
            db('scorecard_groups as p')
              .select(db.raw('1'))
              .whereRaw('p.group_ref = sg.parent_ref'),
          ),
      );
    }
    const [teams, stressorRows] = await Promise.all([
      this.groupSeries(days, charted),
      db('scorecard_snapshots')
        .where('day', '>=', since)
        .whereIn('group_ref', scope)
        .groupBy('day', 'stressor_key')
        .select('day', 'stressor_key', db.raw('SUM(open_flags) AS open_flags')),
    ]);

    const stressors = new Map<string, number[]>();
    const total = days.map(() => 0);
    for (const r of stressorRows) {
      const i = index.get(r.day);
      if (i === undefined) continue;
      const series = stressors.get(r.stressor_key) ?? days.map(() => 0);
      series[i] += Number(r.open_flags);
      stressors.set(r.stressor_key, series);
      total[i] += Number(r.open_flags);
    }
    return {
      days,
      teams,
      stressors: [
        ...STRESSORS.map(s => ({
          key: s.key as string,
          label: s.title,
          series: stressors.get(s.key) ?? days.map(() => 0),
        })),
        ...[...stressors.entries()]
          .filter(([key]) => !STRESSOR_KEYS.includes(key as StressorKey))
          .map(([key, series]) => ({ key, label: key, series })),
      ],
      total,
    };
  }

  /**
   * Open stressors of every group under the topmost of `owners` (or of every group) on
   * the given days only: what the changes over the last 30 days compare.
   */
  async groupTotalsOn(
    days: string[],
    owners: string[] | undefined,
  ): Promise<GroupSeries[]> {
    const groups = owners?.length
      ? this.db('group_ancestors')
          .select('descendant_ref')
          .whereIn('ancestor_ref', await this.topmost(owners))
      : undefined;
    return this.groupSeries(days, groups);
  }

  /** Open stressors per day of the given groups (or all), aligned with `days`. */
  private async groupSeries(
    days: string[],
    groups: Knex.QueryBuilder | undefined,
  ): Promise<GroupSeries[]> {
    const { db } = this;
    if (days.length === 0) return [];
    const index = new Map(days.map((d, i) => [d, i]));
    const query = db('scorecard_snapshots as s')
      .where('s.group_ref', '<>', '*')
      .groupBy('s.day', 's.group_ref')
      .select(
        's.day',
        's.group_ref',
        db.raw('SUM(s.open_flags) AS open_flags'),
      );
    if (days.length <= 2) query.whereIn('s.day', days);
    else query.where('s.day', '>=', days[0]);
    if (groups) query.whereIn('s.group_ref', groups);
    const [rows, labels] = await Promise.all([
      query,
      db('scorecard_groups').select('group_ref', 'name', 'title'),
    ]);
    const labelOf = new Map<string, string>(
      labels.map(g => [g.group_ref, g.title ?? g.name]),
    );
    const series = new Map<string, GroupSeries>();
    for (const r of rows) {
      const i = index.get(r.day);
      const label = labelOf.get(r.group_ref);
      if (i === undefined || label === undefined) continue; // a group gone from the catalog
      let t = series.get(r.group_ref);
      if (!t) {
        t = { groupRef: r.group_ref, label, series: days.map(() => 0) };
        series.set(r.group_ref, t);
      }
      t.series[i] += Number(r.open_flags);
    }
    return [...series.values()].sort((a, b) => a.label.localeCompare(b.label));
  }

  /** The selected owners without those nested in another selected one; '*' for none. */
  private async topmost(owners: string[] | undefined): Promise<string[]> {
    if (!owners?.length) return ['*'];
    const nested = await this.db('group_ancestors')
      .whereIn('descendant_ref', owners)
      .whereIn('ancestor_ref', owners)
      .where('depth', '>', 0)
      .select('descendant_ref');
    const under = new Set(nested.map(r => r.descendant_ref));
    return owners.filter(o => !under.has(o));
  }
}
