import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  ScorecardFilters,
  ScorecardTeams,
  ScorecardTrends,
  SloStatus,
  SloSummary,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Knex } from 'knex';
import type { SloService } from '../slo';
import { ScorecardCatalogCopy, SyncedEntity } from './ScorecardCatalogCopy';
import { ScorecardExportText } from './ScorecardExportText';
import { ScorecardQuery } from './ScorecardQuery';
import { ScorecardSnapshots, utcDay } from './ScorecardSnapshots';
import { ScorecardTeamRollup } from './ScorecardTeamRollup';
import { ServiceWithSlos, readGroups, readServices } from './readCatalog';

export { utcDay } from './ScorecardSnapshots';

const SLO_CONCURRENCY = 4;

const SLO_RANK: Record<SloStatus, number> = {
  breached: 4,
  'at-risk': 3,
  'no-data': 2,
  healthy: 1,
};

/** The worst of an entity's SLOs: the status and the least budget left. @internal */
export function worstSlo(slos: SloSummary[]): SyncedEntity['slo'] {
  if (slos.length === 0) return null;
  const worst = slos.reduce((a, b) =>
    SLO_RANK[b.status] > SLO_RANK[a.status] ? b : a,
  );
  const budgets = slos
    .map(s => s.budgetRemaining)
    .filter((b): b is number => b !== null && Number.isFinite(b));
  return {
    status: worst.status,
    budgetRemaining: budgets.length ? Math.min(...budgets) : null,
    count: slos.length,
  };
}

/**
 * What sees each service's computed SLOs during a sync (the error-budget policy, the
 * slo-page notifications), and what is left of them once the sync is through.
 * @internal
 */
export interface SloStatusObserver {
  /**
   * The SLOs of a service that has them, as the sync computes them; `complete` when every
   * definition was read, so that an SLO not listed is gone rather than unread.
   */
  observe(
    entityRef: string,
    ownerRef: string | null,
    slos: SloSummary[],
    complete: boolean,
  ): Promise<unknown>;
  /**
   * After a completed sync, the services that have SLOs: whatever the observer keeps open
   * for any other service ends, since its SLOs or the service itself are gone.
   */
  sweep(withSlos: ReadonlySet<string>): Promise<unknown>;
}

/** What one sync did. @internal */
export interface ScorecardSyncResult {
  entities: number;
  groups: number;
  removed: number;
  slosComputed: number;
  truckFactors: boolean;
  durationMs: number;
}

/**
 * The org-wide scorecard: keeps the local copy of the catalog (services, groups, their
 * closure) with each service's worst SLO status and truck factor, takes the daily
 * snapshot, and answers the scorecard's reads. Each concern is a part over the same
 * database: `catalogCopy` (the sync's writes), `query` (the page, facets, facts rows),
 * `exportText` (the export), `teamRollup` (group rows), `snapshots` (history, trends).
 * @internal
 */
export class ScorecardService {
  readonly catalogCopy: ScorecardCatalogCopy;
  readonly query: ScorecardQuery;
  readonly exportText: ScorecardExportText;
  readonly teamRollup: ScorecardTeamRollup;
  readonly snapshots: ScorecardSnapshots;

  constructor(
    private readonly deps: {
      /** The plugin's database, its migrations applied. */
      db: Knex;
      catalog: CatalogService;
      auth: AuthService;
      slos: SloService;
      logger: LoggerService;
      /** Days of snapshots kept; 400 by default. */
      retentionDays?: number;
      /**
       * Told each service's computed SLOs as the sync computes them, in turn (the
       * error-budget policy, the notifications); a failure is logged and leaves the sync
       * and the other observers alone.
       */
      sloObservers?: SloStatusObserver[];
      now?: () => Date;
    },
  ) {
    this.catalogCopy = new ScorecardCatalogCopy(deps.db);
    this.query = new ScorecardQuery(deps.db);
    this.exportText = new ScorecardExportText(deps.db);
    this.teamRollup = new ScorecardTeamRollup(deps.db);
    this.snapshots = new ScorecardSnapshots(deps.db);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The scheduled run: sync, then the day's snapshot if it was not taken yet. */
  async run(signal?: AbortSignal): Promise<void> {
    const result = await this.sync(signal);
    this.deps.logger.info(
      `Scorecard sync: ${result.entities} services, ${result.groups} groups, ${result.removed} removed, ${result.slosComputed} SLO statuses in ${result.durationMs} ms`,
    );
    if (await this.snapshot()) {
      this.deps.logger.info(
        `Scorecard snapshot of ${utcDay(this.now())} taken`,
      );
    }
  }

  /** Copies services and groups from the catalog and computes their SLO statuses. */
  async sync(signal?: AbortSignal): Promise<ScorecardSyncResult> {
    const { catalog, auth, db } = this.deps;
    const started = Date.now();
    const syncedAt = this.now();
    const credentials = await auth.getOwnServiceCredentials();

    const groups = await readGroups(catalog, credentials);
    const sloRefs = new Set(
      (await db('slo_definitions').distinct('entity_ref')).map(
        r => r.entity_ref as string,
      ),
    );
    const { entities, withSlos } = await readServices(
      catalog,
      credentials,
      sloRefs,
      signal,
    );
    await this.computeSlos(withSlos, signal);
    await this.sweep(withSlos);

    await this.catalogCopy.replaceGroups(groups);
    const { removed } = await this.catalogCopy.replaceEntities(
      entities,
      syncedAt,
    );
    const truckFactors = await this.catalogCopy.copyTruckFactors();
    return {
      entities: entities.length,
      groups: groups.length,
      removed,
      slosComputed: withSlos.length,
      truckFactors,
      durationMs: Date.now() - started,
    };
  }

  /** SLO statuses: only services that have SLOs, a few at a time; a failure leaves one blank. */
  private async computeSlos(
    withSlos: ServiceWithSlos[],
    signal?: AbortSignal,
  ): Promise<void> {
    const { slos, logger } = this.deps;
    let next = 0;
    const worker = async () => {
      while (next < withSlos.length) {
        if (signal?.aborted) throw new Error('Scorecard sync aborted');
        const { entity, synced } = withSlos[next++];
        try {
          const result = await slos.forEntity(entity, synced.entityRef);
          synced.slo = worstSlo(result.slos);
          await this.observe(synced, result.slos, result.problems.length === 0);
        } catch (e) {
          logger.warn(
            `Scorecard: SLO status of ${synced.entityRef} failed: ${e}`,
          );
        }
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(SLO_CONCURRENCY, withSlos.length) },
        worker,
      ),
    );
  }

  private async observe(
    synced: SyncedEntity,
    computed: SloSummary[],
    complete: boolean,
  ) {
    for (const observer of this.deps.sloObservers ?? []) {
      try {
        await observer.observe(
          synced.entityRef,
          synced.ownerRef,
          computed,
          complete,
        );
      } catch (e) {
        this.deps.logger.warn(
          `Scorecard: observing the SLOs of ${synced.entityRef} failed: ${e}`,
        );
      }
    }
  }

  /** Once the statuses are through: the services with SLOs, for what ends elsewhere. */
  private async sweep(withSlos: ServiceWithSlos[]) {
    const present = new Set(withSlos.map(s => s.synced.entityRef));
    for (const observer of this.deps.sloObservers ?? []) {
      try {
        await observer.sweep(present);
      } catch (e) {
        this.deps.logger.warn(
          `Scorecard: ending the SLO episodes of services without SLOs failed: ${e}`,
        );
      }
    }
  }

  /** Today's snapshot (UTC), once per day; old snapshots are pruned. */
  snapshot(): Promise<boolean> {
    return this.snapshots.takeDaily(this.now(), this.deps.retentionDays ?? 400);
  }

  /** Open stressors per day over the last `days` days, and what changed. */
  trends(owners: string[] | undefined, days = 90): Promise<ScorecardTrends> {
    return this.snapshots.trends(owners, days, this.now());
  }

  /** Group rows rolled up through nested groups. */
  teams(filters: ScorecardFilters): Promise<ScorecardTeams> {
    return this.teamRollup.teams(filters);
  }
}
