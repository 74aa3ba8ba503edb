import type { AuthService } from '@backstage/backend-plugin-api';
import { RELATION_HAS_MEMBER } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  InterruptCauseClass,
  InterruptLedger,
  LedgerEvent,
  TeamOpsTime,
  TeamOpsWeek,
  computeOpsTimeWeeks,
  fireCauseKey,
  interruptCauseKey,
  interruptLedger,
  pageCauseKey,
  pageMinutes,
  teamOpsWeeks,
} from '@sre-health/backstage-plugin-sre-health-common';
import { ownerOf } from '../catalog/owners';
import { entityRefOf } from '../http/access';
import { unitOfWork } from '../database/unitOfWork';
import { toIso } from '../database/tables';
import type { AlertFiringStore } from '../stressors';
import type { SreHealthStore } from '../store';
import type { InterruptStore } from './InterruptStore';
import { OpsTimeWeekRow, fromTeamOpsWeek, toTeamOpsWeek } from './mapping';

/** Weeks of history the computed ops time and the ledger look back over. @internal */
export const OPS_TIME_LOOKBACK_WEEKS = 26;

const WEEK_MS = 7 * 86_400_000;

/**
 * Gathers a team's recorded work (the fires and pages of the components it owns, its
 * pushed interrupts, its Group's members in the catalog, its typed samples) and applies the
 * -common rules to it. `record` keeps `ops_time_weeks`, which the scorecard reads and the
 * tab merges with the typed samples; the detection run calls it for every owning team.
 * @internal
 */
export class OpsTimeRecorder {
  constructor(
    private readonly deps: {
      store: SreHealthStore;
      alerts: AlertFiringStore;
      interrupts: InterruptStore;
      catalog: CatalogService;
      auth: AuthService;
      /** `sreHealth.opsLoad.hoursPerPersonWeek`, or the team's override. */
      hoursPerPersonWeek(teamRef: string): number;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /** The team's members and owned components, as the plugin itself sees the catalog. */
  private async catalogOf(teamRef: string) {
    const { catalog, auth } = this.deps;
    const credentials = await auth.getOwnServiceCredentials();
    const [group, { items }] = await Promise.all([
      catalog.getEntityByRef(teamRef, { credentials }),
      catalog.getEntities({ filter: { kind: 'Component' } }, { credentials }),
    ]);
    const members = new Set(
      (group?.relations ?? [])
        .filter(r => r.type === RELATION_HAS_MEMBER)
        .map(r => r.targetRef.toLocaleLowerCase('en-US')),
    ).size;
    const owned = items.filter(e => ownerOf(e) === teamRef).map(entityRefOf);
    return { members, owned };
  }

  /** Everything the rules read, from `since` on. */
  private async gather(teamRef: string) {
    const { store, alerts, interrupts } = this.deps;
    const since = new Date(
      this.now().getTime() - OPS_TIME_LOOKBACK_WEEKS * WEEK_MS,
    );
    const { members, owned } = await this.catalogOf(teamRef);
    const [fireRows, pages, pushed, causes, typed] = await Promise.all([
      owned.length
        ? store
            .db('fires')
            .whereIn('entity_ref', owned)
            .andWhere('occurred_at', '>=', since)
        : Promise.resolve([]),
      alerts.pages(owned, since),
      interrupts.list(teamRef, since),
      store.interruptCauses.list(teamRef),
      store.opsLoad.list(teamRef),
    ]);
    const fires = fireRows.map(r => store.fires.mapping.toRecord(r));
    return { members, fires, pages, pushed, causes, typed };
  }

  /** The team's weeks, computed now from what is recorded (nothing is written). */
  async compute(teamRef: string): Promise<TeamOpsTime> {
    const { members, fires, pages, pushed, causes, typed } = await this.gather(
      teamRef,
    );
    const hoursPerPersonWeek = this.deps.hoursPerPersonWeek(teamRef);
    const computed = computeOpsTimeWeeks({
      members,
      hoursPerPersonWeek,
      now: this.now(),
      fires: fires.map(f => ({
        occurredAt: f.occurredAt,
        timeSpentMinutes: f.timeSpentMinutes,
        kind: f.kind,
        causeKey: fireCauseKey(f.title),
      })),
      pages: pages.map(p => ({
        startsAt: p.startsAt,
        endsAt: p.endsAt,
        causeKey: pageCauseKey(p.alertName),
      })),
      interrupts: pushed.map(i => ({
        weekStart: i.weekStart,
        count: i.count,
        minutes: i.minutes,
        causeKey: interruptCauseKey(i.cause),
      })),
      causeClasses: Object.fromEntries(
        causes.map(c => [c.causeKey, c.causeClass as InterruptCauseClass]),
      ),
    });
    return {
      teamRef,
      members,
      hoursPerPersonWeek,
      weeks: teamOpsWeeks(typed, computed),
    };
  }

  /** Computes the team's weeks and replaces its stored ones (unchanged weeks write nothing). */
  async record(teamRef: string): Promise<TeamOpsWeek[]> {
    const { weeks } = await this.compute(teamRef);
    const at = this.now();
    const rows = weeks.map(w => fromTeamOpsWeek(teamRef, w, at));
    const same = (a: OpsTimeWeekRow[], b: OpsTimeWeekRow[]) =>
      JSON.stringify(a.map(r => ({ ...r, computed_at: 0 }))) ===
      JSON.stringify(b.map(r => ({ ...r, computed_at: 0 })));
    const before = await this.storedRows(teamRef);
    if (same(before.map(normalizeRow), rows.map(normalizeRow))) return weeks;
    await unitOfWork(
      this.deps.store.db,
      { entityRefs: [teamRef] },
      async trx => {
        await trx('ops_time_weeks').where({ team_ref: teamRef }).delete();
        for (let i = 0; i < rows.length; i += 200) {
          await trx('ops_time_weeks').insert(rows.slice(i, i + 200));
        }
      },
    );
    return weeks;
  }

  private storedRows(teamRef: string): Promise<OpsTimeWeekRow[]> {
    return this.deps.store
      .db<OpsTimeWeekRow>('ops_time_weeks')
      .where({ team_ref: teamRef })
      .orderBy('week_start');
  }

  /** The team's stored weeks, oldest first. */
  async stored(teamRef: string): Promise<TeamOpsWeek[]> {
    return (await this.storedRows(teamRef)).map(toTeamOpsWeek);
  }

  /** The interrupt ledger of the team: its pages, fires and interrupts by cause. */
  async ledger(teamRef: string): Promise<InterruptLedger> {
    const { fires, pages, pushed, causes } = await this.gather(teamRef);
    const now = this.now();
    const events: LedgerEvent[] = [
      ...fires.map(f => ({
        causeKey: fireCauseKey(f.title),
        source: 'fire' as const,
        at: f.occurredAt,
        minutes: f.timeSpentMinutes ?? 0,
      })),
      ...pages.map(p => ({
        causeKey: pageCauseKey(p.alertName),
        source: 'page' as const,
        at: p.startsAt,
        minutes: pageMinutes(p.startsAt, p.endsAt, now),
      })),
      ...pushed.map(i => ({
        causeKey: interruptCauseKey(i.cause),
        source: 'interrupt' as const,
        at: i.weekStart,
        minutes: i.minutes,
        count: i.count,
      })),
    ];
    const kindling = (
      await this.deps.store
        .db('engagement_kindling')
        .select('id', 'title', 'state', 'done_at')
        .where({ team_ref: teamRef })
        .orderBy('created_at')
    ).map((r: any) => ({
      id: r.id as string,
      title: r.title as string,
      state: r.state as string,
      doneAt: r.done_at ? toIso(r.done_at) : null,
    }));
    const cleared = new Map(
      kindling.flatMap(k =>
        k.state === 'done' && k.doneAt ? [[k.id, k.doneAt] as const] : [],
      ),
    );
    return {
      teamRef,
      causes: interruptLedger(events, causes, cleared, now),
      kindling,
    };
  }
}

/**
 * The ledger's evidence by kindling item id, as the after-action report quotes it:
 * "interrupt:refund replay: fell from 6/wk to 1/wk".
 * @internal
 */
export function interruptEvidenceOf(
  ledger: InterruptLedger,
): Map<string, string[]> {
  const byItem = new Map<string, string[]>();
  for (const cause of ledger.causes) {
    if (!cause.effect) continue;
    const id = cause.effect.kindlingItemId;
    byItem.set(id, [
      ...(byItem.get(id) ?? []),
      `${cause.causeKey}: ${cause.effect.words}`,
    ]);
  }
  return byItem;
}

/** Rows as both databases hand them back: numbers as numbers. */
function normalizeRow(row: OpsTimeWeekRow): OpsTimeWeekRow {
  const out: Record<string, unknown> = { ...row };
  for (const [k, v] of Object.entries(out)) {
    if (
      k !== 'team_ref' &&
      k !== 'week_start' &&
      k !== 'source' &&
      k !== 'computed_at' &&
      v !== null &&
      v !== undefined
    ) {
      out[k] = Math.round(Number(v) * 1e9) / 1e9;
    }
  }
  return out as unknown as OpsTimeWeekRow;
}
