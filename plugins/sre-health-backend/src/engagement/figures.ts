import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EngagementFigures,
  SloFigure,
  computeEngagementFigures,
  endOfDay,
} from '@internal/backstage-plugin-sre-health-common';
import type { SreHealthStore } from '../database';
import type { SloService } from '../slo/SloService';

/** Most owned entities a snapshot reads SLOs of. */
const MAX_SLO_ENTITIES = 50;

/** The SLO figures of some entities, as their SLO service computes them now. @internal */
export type SloFigureReader = (entities: Entity[]) => Promise<SloFigure[]>;

/** Reads SLOs through the plugin's SLO service (each source's failure stays on its SLO). @internal */
export function sloFiguresFrom(slos: SloService): SloFigureReader {
  return async entities => {
    const components = entities
      .filter(e => e.kind.toLocaleLowerCase('en-US') === 'component')
      .slice(0, MAX_SLO_ENTITIES);
    const results = await Promise.all(
      components.map(async entity => {
        const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
        const { slos: summaries } = await slos.forEntity(entity, entityRef);
        return summaries.map(s => ({
          entityRef,
          name: s.name,
          displayName: s.displayName,
          target: s.target,
          sli: s.sli,
          budgetRemaining: s.budgetRemaining,
          status: s.status,
        }));
      }),
    );
    return results.flat();
  };
}

/**
 * The quantitative picture of a team for the engagement record: the entities it owns (from
 * the catalog), their open stressor flags, the team's ops load and the SLOs of its services.
 * @internal
 */
export class EngagementFiguresReader {
  constructor(
    private readonly deps: {
      store: SreHealthStore;
      catalog: CatalogService;
      slos?: SloFigureReader;
      now?: () => Date;
    },
  ) {}

  /** Entities the team owns (not users or groups), as the caller may see them. */
  async ownedEntities(
    teamRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const { items } = await this.deps.catalog.getEntities(
      { filter: { 'relations.ownedBy': teamRef } },
      { credentials },
    );
    return items.filter(
      e => !['user', 'group'].includes(e.kind.toLocaleLowerCase('en-US')),
    );
  }

  /**
   * The figures now: flags open now, SLOs now, and the ops share of the weeks before
   * `opsDate` (`before`, a start) or until it (`until`, an end).
   */
  async current(
    teamRef: string,
    credentials: BackstageCredentials,
    opsDate: string,
    ops: 'before' | 'until',
  ): Promise<EngagementFigures> {
    const entities = await this.ownedEntities(teamRef, credentials);
    const refs = entities.map(e =>
      stringifyEntityRef(e).toLocaleLowerCase('en-US'),
    );
    const [samples, flags, slos] = await Promise.all([
      this.deps.store.opsLoad.list(teamRef),
      refs.length
        ? this.deps.store.flags.listWhere(q => q.whereIn('entity_ref', refs))
        : [],
      this.deps.slos ? this.deps.slos(entities) : Promise.resolve([]),
    ]);
    return computeEngagementFigures({
      at: (this.deps.now?.() ?? new Date()).toISOString(),
      source: 'snapshot',
      opsDate,
      ops,
      services: refs,
      samples,
      flags,
      slos,
    });
  }

  /**
   * The figures at an engagement's start, derived from stored history when no snapshot was
   * taken: flags replayed to the end of the start day, the ops weeks before it. SLO status
   * is not replayed, so it is unknown.
   */
  async atStartFromHistory(
    teamRef: string,
    credentials: BackstageCredentials,
    startDate: string,
  ): Promise<EngagementFigures> {
    const entities = await this.ownedEntities(teamRef, credentials);
    const refs = entities.map(e =>
      stringifyEntityRef(e).toLocaleLowerCase('en-US'),
    );
    const [samples, flags] = await Promise.all([
      this.deps.store.opsLoad.list(teamRef),
      refs.length
        ? this.deps.store.flags.listWhere(q => q.whereIn('entity_ref', refs))
        : [],
    ]);
    return computeEngagementFigures({
      at: endOfDay(startDate),
      source: 'history',
      opsDate: startDate,
      ops: 'before',
      services: refs,
      samples,
      flags,
      slos: null,
    });
  }
}
