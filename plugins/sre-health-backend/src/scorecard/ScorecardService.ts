import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_PART_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ENABLED,
  ANNOTATION_OPENSLO,
  ANNOTATION_SLO_TARGET,
  SCORECARD_CHANGE_WINDOW_DAYS,
  ScorecardFilters,
  ScorecardTrends,
  SloStatus,
  SloSummary,
  isSreHealthAvailable,
  scorecardChangeWindow,
  scorecardChanges,
  servingTier,
} from '@internal/backstage-plugin-sre-health-common';
import { ownerOf } from '../service/EntityHealthService';
import { entityRefOf } from '../service/access';
import type { SloService } from '../slo/SloService';
import { ScorecardStore, SyncedEntity, SyncedGroup } from './ScorecardStore';

const DAY = 86_400_000;
const PAGE_SIZE = 500;
const SLO_CONCURRENCY = 4;
/** Most groups listed as improved or worse. */
const MAX_CHANGES = 20;

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

/** UTC date of `date`, YYYY-MM-DD. @internal */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
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

function refOrNull(
  value: unknown,
  defaultKind: string,
  namespace: string,
): string | null {
  if (typeof value !== 'string' || !value) return null;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: namespace }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return null;
  }
}

function systemOf(entity: Entity): string | null {
  const relation = entity.relations?.find(
    r =>
      r.type === RELATION_PART_OF &&
      r.targetRef.toLocaleLowerCase('en-US').startsWith('system:'),
  );
  if (relation) return relation.targetRef.toLocaleLowerCase('en-US');
  return refOrNull(
    (entity.spec as { system?: unknown } | undefined)?.system,
    'system',
    entity.metadata.namespace ?? 'default',
  );
}

function parentOf(group: Entity): string | null {
  const relation = group.relations?.find(
    r =>
      r.type === RELATION_CHILD_OF &&
      r.targetRef.toLocaleLowerCase('en-US').startsWith('group:'),
  );
  if (relation) return relation.targetRef.toLocaleLowerCase('en-US');
  return refOrNull(
    (group.spec as { parent?: unknown } | undefined)?.parent,
    'group',
    group.metadata.namespace ?? 'default',
  );
}

/**
 * The org-wide scorecard: keeps the local copy of the catalog (services, groups, their
 * closure) with each service's worst SLO status and truck factor, takes the daily
 * snapshot, and answers the scorecard's reads from the store.
 * @internal
 */
export class ScorecardService {
  constructor(
    private readonly deps: {
      store: ScorecardStore;
      catalog: CatalogService;
      auth: AuthService;
      slos: SloService;
      logger: LoggerService;
      retentionDays?: number;
      now?: () => Date;
    },
  ) {}

  get store(): ScorecardStore {
    return this.deps.store;
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
    const { catalog, auth, store, logger } = this.deps;
    const started = Date.now();
    const syncedAt = this.now();
    const credentials = await auth.getOwnServiceCredentials();

    const groups: SyncedGroup[] = [];
    for await (const page of catalog.streamEntities(
      {
        filter: { kind: 'group' },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.title',
          'spec.type',
          'spec.parent',
          'spec.profile.displayName',
          'relations',
        ],
        pageSize: PAGE_SIZE,
      },
      { credentials },
    )) {
      for (const g of page) {
        const spec = (g.spec ?? {}) as {
          type?: string;
          profile?: { displayName?: string };
        };
        groups.push({
          groupRef: entityRefOf(g),
          name: g.metadata.name,
          title: g.metadata.title ?? spec.profile?.displayName ?? null,
          type: typeof spec.type === 'string' ? spec.type : null,
          parentRef: parentOf(g),
        });
      }
    }

    const sloRefs = new Set(
      (await store.db('slo_definitions').distinct('entity_ref')).map(
        r => r.entity_ref as string,
      ),
    );
    const entities: SyncedEntity[] = [];
    const withSlos: Array<{ entity: Entity; synced: SyncedEntity }> = [];
    for await (const page of catalog.streamEntities(
      {
        filter: [
          { kind: 'component', 'spec.type': 'service' },
          { [`metadata.annotations.${ANNOTATION_ENABLED}`]: 'true' },
        ],
        fields: [
          'apiVersion',
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.title',
          'metadata.annotations',
          'spec.type',
          'spec.owner',
          'spec.system',
          'spec.lifecycle',
          'relations',
        ],
        pageSize: PAGE_SIZE,
      },
      { credentials },
    )) {
      if (signal?.aborted) throw new Error('Scorecard sync aborted');
      for (const entity of page) {
        if (!isSreHealthAvailable(entity)) continue;
        const entityRef = entityRefOf(entity);
        const lifecycle = (entity.spec as { lifecycle?: unknown } | undefined)
          ?.lifecycle;
        const synced: SyncedEntity = {
          entityRef,
          name: entity.metadata.name,
          title: entity.metadata.title ?? null,
          ownerRef: ownerOf(entity),
          systemRef: systemOf(entity),
          lifecycle: typeof lifecycle === 'string' ? lifecycle : null,
          tier: servingTier(entity),
          slo: null,
        };
        entities.push(synced);
        const annotations = entity.metadata.annotations ?? {};
        if (
          annotations[ANNOTATION_SLO_TARGET] ||
          annotations[ANNOTATION_OPENSLO] ||
          sloRefs.has(entityRef)
        ) {
          withSlos.push({ entity, synced });
        }
      }
    }

    // SLO statuses: only services that have SLOs, a few at a time.
    let next = 0;
    const worker = async () => {
      while (next < withSlos.length) {
        if (signal?.aborted) throw new Error('Scorecard sync aborted');
        const { entity, synced } = withSlos[next++];
        try {
          const { slos } = await this.deps.slos.forEntity(
            entity,
            synced.entityRef,
          );
          synced.slo = worstSlo(slos);
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

    await store.replaceGroups(groups);
    const { removed } = await store.replaceEntities(entities, syncedAt);
    const truckFactors = await store.copyTruckFactors();
    return {
      entities: entities.length,
      groups: groups.length,
      removed,
      slosComputed: withSlos.length,
      truckFactors,
      durationMs: Date.now() - started,
    };
  }

  /** Today's snapshot (UTC), once per day; old snapshots are pruned. */
  async snapshot(): Promise<boolean> {
    const now = this.now();
    const taken = await this.deps.store.takeSnapshot(utcDay(now), now);
    if (taken) {
      const retention = this.deps.retentionDays ?? 400;
      await this.deps.store.pruneSnapshots(
        utcDay(new Date(now.getTime() - retention * DAY)),
      );
    }
    return taken;
  }

  async trends(
    owners: string[] | undefined,
    days = 90,
  ): Promise<ScorecardTrends> {
    const since = utcDay(new Date(this.now().getTime() - (days - 1) * DAY));
    const { store } = this.deps;
    const series = await store.trendSeries(since, owners);
    // every group under the selection, compared on the two days only
    const window = scorecardChangeWindow(
      series.days,
      SCORECARD_CHANGE_WINDOW_DAYS,
    );
    const compared = window
      ? await store.groupTotalsOn([window.from, window.to], owners)
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
    return {
      ...series,
      changes: {
        windowDays: SCORECARD_CHANGE_WINDOW_DAYS,
        from: teams.from ?? stressors.from,
        to: teams.to ?? stressors.to,
        teams: {
          improved: teams.improved.slice(0, MAX_CHANGES),
          worsened: teams.worsened.slice(0, MAX_CHANGES),
        },
        stressors: {
          improved: stressors.improved,
          worsened: stressors.worsened,
        },
      },
    };
  }

  teams(filters: ScorecardFilters) {
    return this.deps.store.teams(filters);
  }
}
