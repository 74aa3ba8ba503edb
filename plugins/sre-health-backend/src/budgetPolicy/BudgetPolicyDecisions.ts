import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  DecideSloPolicyEpisodeRequest,
  SloPolicyEpisode,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Knex } from 'knex';
import type { AuditLog } from '../database/AuditLog';
import { type WriteTransaction, unitOfWork } from '../database/unitOfWork';
import type { EngagementRecordStore } from '../engagement';
import type { SreHealthStore } from '../store';
import { SloPolicyEpisodeRow, toEpisode } from './BudgetPolicyEpisodes';

const RESOURCE = 'slo-policy-episode';

/** The decision log entry's words: what the policy asked, and what the team decided. */
export function decisionText(
  episode: SloPolicyEpisode,
  decision: 'accepted' | 'declined',
): { decision: string; example: string } {
  const { name } = parseEntityRef(episode.entityRef);
  const left =
    episode.budgetRemaining === null
      ? ''
      : `, ${Math.max(
          0,
          Math.round(episode.budgetRemaining * 1000) / 10,
        )}% of its error budget left`;
  return {
    decision: `Error-budget policy for the SLO ${episode.sloName} of ${name}: "${episode.action}" ${decision}`,
    example: `${name}'s SLO ${episode.sloName} entered the step ${
      episode.stepKey
    } on ${episode.enteredAt.slice(0, 10)}${left}`,
  };
}

/**
 * An SRE records the team's decision on a step's action — accepted or declined, with the
 * reason — in the owning team's engagement decision log while an engagement runs (so the
 * after-action report lists it), else in the service's own decision log. The log entry, the
 * episode's decision and their audit rows are one transaction; the episode's version is
 * checked (stale → 409) and a decided episode cannot be decided again (409).
 * @internal
 */
export class BudgetPolicyDecisions {
  constructor(
    private readonly deps: {
      db: Knex;
      audit: AuditLog;
      store: SreHealthStore;
      records: EngagementRecordStore;
      now?: () => Date;
    },
  ) {}

  async get(id: string): Promise<SloPolicyEpisode> {
    const row = await this.deps
      .db<SloPolicyEpisodeRow>('slo_policy_episodes')
      .where({ id })
      .first();
    if (!row) {
      throw new NotFoundError(`slo-policy-episode ${id} does not exist`);
    }
    return toEpisode(row);
  }

  async decide(
    id: string,
    input: DecideSloPolicyEpisodeRequest & { reason: string },
    actor: string,
  ): Promise<SloPolicyEpisode> {
    const episode = await this.get(id);
    if (episode.decision) {
      throw new ConflictError(
        `slo-policy-episode ${id} was already ${episode.decision.decision} by ${episode.decision.decidedBy}`,
      );
    }
    const { store, records } = this.deps;
    const now = this.deps.now?.() ?? new Date();
    const text = decisionText(episode, input.decision);
    const engagement = episode.ownerRef
      ? await store.activeEngagement(episode.ownerRef)
      : undefined;
    if (engagement) {
      return records.inEngagement(engagement.id, async (trx, current) => {
        const entry = await records.decisions.create(
          trx,
          current,
          {
            phase: current.phase,
            decision: text.decision,
            reason: input.reason,
            example: text.example,
            author: actor,
          },
          actor,
          now,
        );
        return this.markDecided(trx, episode, input, actor, now, {
          log: 'engagement',
          entryId: entry.id,
        });
      });
    }
    return unitOfWork(
      this.deps.db,
      { entityRefs: [episode.entityRef] },
      async trx => {
        const entryId = randomUUID();
        const row = {
          id: entryId,
          entity_ref: episode.entityRef,
          decision: text.decision,
          reason: input.reason,
          example: text.example,
          author: actor,
          version: 1,
          created_at: now,
          updated_at: now,
        };
        await trx('service_decisions').insert(row);
        await this.deps.audit.record(
          trx,
          {
            entityRef: episode.entityRef,
            actor,
            action: 'create',
            resourceType: 'service-decision',
            resourceId: entryId,
            before: null,
            after: {
              id: entryId,
              entityRef: episode.entityRef,
              decision: text.decision,
              reason: input.reason,
              example: text.example,
              author: actor,
            },
          },
          now,
        );
        return this.markDecided(trx, episode, input, actor, now, {
          log: 'service',
          entryId,
        });
      },
    );
  }

  /** The service's own decision log, newest first. */
  async serviceDecisions(entityRef: string) {
    const rows = await this.deps
      .db('service_decisions')
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(r => ({
      id: r.id as string,
      decision: r.decision as string,
      reason: r.reason as string,
      example: r.example as string,
      author: r.author as string,
      version: Number(r.version),
    }));
  }

  private async markDecided(
    trx: WriteTransaction,
    episode: SloPolicyEpisode,
    input: DecideSloPolicyEpisodeRequest & { reason: string },
    actor: string,
    now: Date,
    where: { log: 'engagement' | 'service'; entryId: string },
  ): Promise<SloPolicyEpisode> {
    const changed = await trx<SloPolicyEpisodeRow>('slo_policy_episodes')
      .where({ id: episode.id, version: input.version })
      .whereNull('decision')
      .update({
        decision: input.decision,
        decision_reason: input.reason,
        decided_by: actor,
        decided_at: now as any,
        decision_log: where.log,
        decision_id: where.entryId,
        version: input.version + 1,
        updated_at: now as any,
      });
    if (changed === 0) {
      throw new ConflictError(
        `slo-policy-episode ${episode.id} was changed by someone else: you sent version ${input.version} (current version ${episode.version}); reload and try again`,
      );
    }
    const after = toEpisode(
      (await trx<SloPolicyEpisodeRow>('slo_policy_episodes')
        .where({ id: episode.id })
        .first())!,
    );
    await this.deps.audit.record(
      trx,
      {
        entityRef: episode.entityRef,
        actor,
        action: 'update',
        resourceType: RESOURCE,
        resourceId: episode.id,
        before: episode,
        after,
      },
      now,
    );
    return after;
  }
}
