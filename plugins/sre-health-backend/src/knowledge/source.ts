import type { Entity } from '@backstage/catalog-model';
import type {
  OnCallOperator,
  TruckFactorSummary,
} from '@sre-health/backstage-plugin-sre-health-common';

/** What the tab's single read needs from the knowledge area for one entity. @internal */
export interface KnowledgeInputs {
  truckFactor: TruckFactorSummary;
  onCall: OnCallOperator[];
}

/** @internal */
export interface KnowledgeSource {
  inputsFor(entity: Entity, entityRef: string): Promise<KnowledgeInputs>;
}
