import {
  CompoundRisk,
  EntityHealth,
  compoundRiskFactsOf,
  compoundRisks,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Knex } from 'knex';

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
 * detection run hands it each service's read once the service's flags are reconciled.
 * @internal
 */
export class CompoundRiskRecorder {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Computes the service's compound risks from its health and replaces its rows. */
  async record(health: EntityHealth): Promise<CompoundRisk[]> {
    const risks = compoundRisks(compoundRiskFactsOf(health));
    await this.replace(health.entityRef, risks);
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
