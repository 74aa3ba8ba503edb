import type { Entity } from '@backstage/catalog-model';
import {
  CompoundRisk,
  EntityHealth,
  compoundRiskFactsOf,
  compoundRisks,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Knex } from 'knex';
import { entityRefOf } from '../http/access';

/** A row of `compound_risks`. @internal */
export interface CompoundRiskRow {
  entity_ref: string;
  risk_key: string;
  summary: string;
  computed_at: Date | string;
}

/**
 * Keeps `compound_risks`: each service's compound risks, computed with the tab's own
 * rules over the tab's own read (`compoundRisks(compoundRiskFactsOf(health))`, the
 * verdict's), so that the scorecard column and filter and the tab never disagree. The
 * detection run calls `record` for each service after its flags are reconciled.
 * @internal
 */
export class CompoundRiskRecorder {
  constructor(
    private readonly db: Knex,
    /** The tab's read of one entity (EntityHealthService.forEntity). */
    private readonly read: (entity: Entity) => Promise<EntityHealth>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Computes the entity's compound risks and replaces its rows; returns them. */
  async record(entity: Entity): Promise<CompoundRisk[]> {
    const risks = compoundRisks(compoundRiskFactsOf(await this.read(entity)));
    await this.replace(entityRefOf(entity), risks);
    return risks;
  }

  /** Replaces the service's rows with `risks`, in one transaction. */
  async replace(
    entityRef: string,
    risks: ReadonlyArray<Pick<CompoundRisk, 'key' | 'summary'>>,
  ): Promise<void> {
    const at = this.now();
    await this.db.transaction(async trx => {
      await trx('compound_risks').where({ entity_ref: entityRef }).delete();
      if (risks.length) {
        await trx('compound_risks').insert(
          risks.map(r => ({
            entity_ref: entityRef,
            risk_key: r.key,
            summary: r.summary,
            computed_at: at,
          })),
        );
      }
    });
  }

  /** The stored rows of a service, by key. */
  async list(entityRef: string): Promise<CompoundRiskRow[]> {
    return this.db<CompoundRiskRow>('compound_risks')
      .where({ entity_ref: entityRef })
      .orderBy('risk_key');
  }
}
