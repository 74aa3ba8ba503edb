import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_OPERATORS,
  EntityHealth,
  FIRE_KINDS,
  Operator,
  TAB_LIST_LIMITS,
  compareFlagsByPriority,
  normalizeEntityRef,
  servingTier,
  summarizeKnowledge,
  summarizeOpsLoad,
} from '@internal/backstage-plugin-sre-health-common';
import { KnowledgeSource, knowledgeFor } from '../knowledge/registry';
import { SloService } from '../slo/SloService';
import { SreHealthStore } from '../database';
import { entityRefOf } from './access';

/**
 * Builds everything the SRE Health tab shows for one entity. The reads run in parallel
 * and each is one set-based query, so the tab costs one request and a handful of queries;
 * lists that grow with history carry their newest records and a count (TAB_LIST_LIMITS).
 */
export class EntityHealthService {
  constructor(
    private readonly store: SreHealthStore,
    private readonly sloService: SloService,
    /** Truck factor and on-call; by default the one attached to the store (plugin.ts). */
    private readonly knowledge?: KnowledgeSource,
  ) {}

  async forEntity(entity: Entity): Promise<EntityHealth> {
    const entityRef = entityRefOf(entity);
    const ownerRef = ownerOf(entity);
    const [
      stressors,
      expertise,
      engagement,
      opsSamples,
      fires,
      fireCounts,
      postmortems,
      postmortemCount,
      slos,
      knowledge,
    ] = await Promise.all([
      this.store.flags.list(entityRef),
      this.store.expertise.list(entityRef),
      ownerRef ? this.store.activeEngagement(ownerRef) : undefined,
      ownerRef ? this.store.opsLoad.list(ownerRef) : [],
      this.store.fires.listFirst(entityRef, TAB_LIST_LIMITS.fires),
      this.store.fires.countBy(entityRef, 'kind'),
      this.store.postmortems.listFirst(entityRef, TAB_LIST_LIMITS.postmortems),
      this.store.postmortems.count(entityRef),
      this.sloService.forEntity(entity, entityRef),
      (this.knowledge ?? knowledgeFor(this.store))?.inputsFor(
        entity,
        entityRef,
      ),
    ]);

    const recorded: Operator[] = expertise.map(e => ({
      userRef: e.userRef,
      level: e.level,
      source: 'recorded',
    }));
    return {
      entityRef,
      ownerRef,
      slos: slos.slos,
      sloProblems: slos.problems,
      stressors: [...stressors].sort(compareFlagsByPriority),
      knowledgeSilo: summarizeKnowledge({
        tier: servingTier(entity),
        recorded,
        declared: declaredOperators(entity),
        ...knowledge,
      }),
      engagement: engagement ?? null,
      opsLoad: ownerRef ? summarizeOpsLoad(ownerRef, opsSamples) : null,
      fires,
      fireCounts: Object.fromEntries(
        FIRE_KINDS.map(kind => [kind, fireCounts.get(kind) ?? 0]),
      ) as EntityHealth['fireCounts'],
      postmortems,
      postmortemCount,
    };
  }
}

/** The owning group (or user) of an entity, from its relations or spec.owner. */
export function ownerOf(entity: Entity): string | null {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) {
    return relation.targetRef.toLocaleLowerCase('en-US');
  }
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner) {
    return null;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return null;
  }
}

/** Operators declared in catalog-info with the operators annotation. */
export function declaredOperators(entity: Entity): Operator[] {
  const raw = entity.metadata.annotations?.[ANNOTATION_OPERATORS] ?? '';
  return raw
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .flatMap(ref => {
      try {
        const userRef = normalizeEntityRef(
          ref.includes(':') ? ref : `user:${ref}`,
          'user',
        );
        return [
          {
            userRef,
            level: 'can-operate' as const,
            source: 'annotation' as const,
          },
        ];
      } catch {
        return [];
      }
    });
}
