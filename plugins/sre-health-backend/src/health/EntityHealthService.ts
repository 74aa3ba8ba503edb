import type { Entity } from '@backstage/catalog-model';
import {
  EntityHealth,
  FIRE_KINDS,
  Operator,
  TAB_LIST_LIMITS,
  compareFlagsByPriority,
  servingTier,
  summarizeKnowledge,
  summarizeOpsLoad,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { KnowledgeSource } from '../knowledge';
import { SloService } from '../slo';
import { SreHealthStore } from '../store';
import { entityRefOf } from '../http/access';
import { declaredOperators, ownerOf } from '../catalog/owners';
import { TabRecordsReader } from './tabRecords';

/**
 * Builds everything the SRE Health tab shows for one entity. The reads run in parallel and
 * are few: the entity's and its team's own records in one statement (TabRecordsReader), the
 * SLOs (their definitions, then one statement per SLO of pushed events) and the knowledge
 * inputs; lists that grow with history carry their newest records and a count
 * (TAB_LIST_LIMITS).
 */
export class EntityHealthService {
  private readonly records: TabRecordsReader;

  constructor(
    store: SreHealthStore,
    private readonly sloService: SloService,
    /** Truck factor and on-call, from the knowledge feature. */
    private readonly knowledge: KnowledgeSource,
    /** `sreHealth.detection.overloadWeeks`: the window overload is judged over. */
    private readonly overloadWeeks?: number,
  ) {
    this.records = new TabRecordsReader(store, TAB_LIST_LIMITS);
  }

  async forEntity(entity: Entity): Promise<EntityHealth> {
    const entityRef = entityRefOf(entity);
    const ownerRef = ownerOf(entity);
    const [records, slos, knowledge] = await Promise.all([
      this.records.read(entityRef, ownerRef),
      this.sloService.forEntity(entity, entityRef),
      this.knowledge.inputsFor(entity, entityRef),
    ]);

    const recorded: Operator[] = records.expertise.map(e => ({
      userRef: e.userRef,
      level: e.level,
      source: 'recorded',
    }));
    return {
      entityRef,
      ownerRef,
      slos: slos.slos,
      sloProblems: slos.problems,
      sloNotComputable: slos.notComputable,
      stressors: [...records.stressors].sort(compareFlagsByPriority),
      knowledgeSilo: summarizeKnowledge({
        tier: servingTier(entity),
        recorded,
        declared: declaredOperators(entity),
        ...knowledge,
        embeddedSre: records.engagement?.sreRef,
      }),
      engagement: records.engagement ?? null,
      opsLoad: ownerRef
        ? summarizeOpsLoad(
            ownerRef,
            records.opsSamples,
            this.overloadWeeks,
            // typed samples are read live; the computed terms as last recorded
            records.opsWeeks.flatMap(w => (w.computed ? [w.computed] : [])),
          )
        : null,
      fires: records.fires,
      fireCounts: Object.fromEntries(
        FIRE_KINDS.map(kind => [kind, records.fireCounts.get(kind) ?? 0]),
      ) as EntityHealth['fireCounts'],
      postmortems: records.postmortems,
      postmortemCount: records.postmortemCount,
    };
  }
}
