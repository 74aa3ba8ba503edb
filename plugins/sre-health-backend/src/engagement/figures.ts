import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { nestedGroupRefs } from '../catalog/nestedGroups';
import {
  EngagementFigures,
  SloFigure,
  computeEngagementFigures,
  endOfDay,
  isSreHealthAvailable,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthStore } from '../store';
import type { SloService } from '../slo';

/** Most owned entities a snapshot reads SLOs of. */
const MAX_SLO_ENTITIES = 50;
/** Most groups a team's services are collected from (the team and the groups under it). */

const refOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

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
 * The quantitative picture of a team for the engagement record: its services (from the
 * catalog, nested groups included), their open stressor flags, the team's ops load and the
 * SLOs of those services.
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
   * The team's services, as the scorecard and the group page count them: entities with an
   * SRE Health tab (`isSreHealthAvailable`: components of type service, or opted in with
   * the enabled annotation) owned by the team or by a group nested under it. Systems, APIs
   * and resources the team owns are not services.
   */
  async services(
    teamRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const team = await this.deps.catalog.getEntityByRef(teamRef, {
      credentials,
    });
    const groups = team
      ? await nestedGroupRefs(this.deps.catalog, team, credentials)
      : [teamRef.toLocaleLowerCase('en-US')];
    const { items } = await this.deps.catalog.getEntities(
      { filter: { 'relations.ownedBy': groups } },
      { credentials },
    );
    const byRef = new Map<string, Entity>();
    for (const entity of items.filter(isSreHealthAvailable)) {
      byRef.set(refOf(entity), entity);
    }
    return [...byRef.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, entity]) => entity);
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
    const entities = await this.services(teamRef, credentials);
    const refs = entities.map(refOf);
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
    const entities = await this.services(teamRef, credentials);
    const refs = entities.map(refOf);
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
