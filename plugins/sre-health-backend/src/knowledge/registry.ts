import type { Entity } from '@backstage/catalog-model';
import type {
  OnCallOperator,
  TruckFactorSummary,
} from '@internal/backstage-plugin-sre-health-common';

/** What the tab's single read needs from the knowledge area for one entity. @internal */
export interface KnowledgeInputs {
  truckFactor: TruckFactorSummary;
  onCall: OnCallOperator[];
}

/** @internal */
export interface KnowledgeSource {
  inputsFor(entity: Entity, entityRef: string): Promise<KnowledgeInputs>;
}

const sources = new WeakMap<object, KnowledgeSource>();

/**
 * Makes the knowledge inputs of a plugin instance reachable from its store, so the entity
 * health read (built from the store) includes them without another wiring path.
 * @internal
 */
export function attachKnowledge(store: object, source: KnowledgeSource): void {
  sources.set(store, source);
}

/** @internal */
export function knowledgeFor(store: object): KnowledgeSource | undefined {
  return sources.get(store);
}
