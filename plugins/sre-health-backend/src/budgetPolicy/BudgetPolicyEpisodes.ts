import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  entityPagePath,
  type SloPolicyEpisode,
  type SloSummary,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Knex } from 'knex';
import type { AuditLog } from '../database/AuditLog';
import { isUniqueViolation } from '../database/errors';
import { notifyOnce } from '../database/notifyOnce';
import { DbTimestamp, toIso, toIsoOrNull } from '../database/tables';
import { unitOfWork, type WriteTransaction } from '../database/unitOfWork';
import type { NotificationSender } from '../engagement';

/** Who the audit log names for what the policy records by itself. @internal */
export const BUDGET_POLICY_ACTOR = 'sre-health:budget-policy';
const RESOURCE = 'slo-policy-episode';

/** @internal */
export interface SloPolicyEpisodeRow {
  id: string;
  entity_ref: string;
  owner_ref: string | null;
  slo_name: string;
  step_key: string;
  action: string;
  budget_remaining: number | null;
  entered_at: DbTimestamp;
  left_at: DbTimestamp | null;
  notified_at: DbTimestamp | null;
  decision: 'accepted' | 'declined' | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: DbTimestamp | null;
  decision_log: 'engagement' | 'service' | null;
  decision_id: string | null;
  version: number;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
}

/** @internal */
export function toEpisode(row: SloPolicyEpisodeRow): SloPolicyEpisode {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    ownerRef: row.owner_ref,
    sloName: row.slo_name,
    stepKey: row.step_key,
    action: row.action,
    budgetRemaining:
      row.budget_remaining === null ? null : Number(row.budget_remaining),
    enteredAt: toIso(row.entered_at),
    leftAt: toIsoOrNull(row.left_at),
    notifiedAt: toIsoOrNull(row.notified_at),
    decision:
      row.decision && row.decided_at
        ? {
            decision: row.decision,
            reason: row.decision_reason ?? '',
            decidedBy: row.decided_by ?? '',
            decidedAt: toIso(row.decided_at),
            log: row.decision_log ?? 'service',
            entryId: row.decision_id ?? '',
          }
        : null,
    version: Number(row.version),
  };
}

/**
 * The error-budget policy acting: each observation of a service's SLO statuses (the
 * scorecard sync's) records the steps its SLOs entered and left, and notifies the owning
 * team once per step entered. "Once" is the database's: a partial unique index keeps one
 * open episode per SLO, so a second run or replica seeing the same step records nothing,
 * and the notification is claimed by a conditional update of `notified_at` (a failed send
 * gives the claim back, so the next run tries again). The notification's scope,
 * `sre-health:budget-policy:<ref>:<slo>:<step>`, de-duplicates it in the notifications
 * backend too.
 * @internal
 */
export class BudgetPolicyEpisodes {
  constructor(
    private readonly deps: {
      db: Knex;
      audit: AuditLog;
      logger: LoggerService;
      /** Undefined: episodes are recorded, and the steps entered only logged. */
      notifications?: NotificationSender;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The entity's episodes, newest first. */
  async list(entityRef: string): Promise<SloPolicyEpisode[]> {
    const rows = await this.deps
      .db<SloPolicyEpisodeRow>('slo_policy_episodes')
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'entered_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(toEpisode);
  }

  /**
   * Records what the entity's computed SLOs show, then notifies the owner of every episode
   * not yet notified; returns the episodes it notified. An SLO whose source failed keeps
   * its episode (one failure says nothing about the budget), and so does an SLO missing
   * from the list unless it is `complete` (every definition read): then it is gone and
   * its episode ends.
   */
  async observe(
    entityRef: string,
    ownerRef: string | null,
    slos: ReadonlyArray<SloSummary>,
    complete = false,
  ): Promise<SloPolicyEpisode[]> {
    for (const slo of slos) {
      if (slo.unavailable) continue;
      await this.record(entityRef, ownerRef, slo);
    }
    if (complete) {
      // every definition was read: an SLO not listed is no longer defined
      const defined = new Set(slos.map(s => s.name));
      await this.leaveOpen(
        this.open().where({ entity_ref: entityRef }),
        row => !defined.has(row.slo_name),
      );
    }
    return this.notifyPending(entityRef);
  }

  /** After a scorecard sync: the episodes of services that no longer have SLOs end. */
  async sweep(withSlos: ReadonlySet<string>): Promise<void> {
    await this.leaveOpen(this.open(), row => !withSlos.has(row.entity_ref));
  }

  private open() {
    return this.deps
      .db<SloPolicyEpisodeRow>('slo_policy_episodes')
      .whereNull('left_at');
  }

  /** Ends each open episode `gone` picks, each in its own audited write. */
  private async leaveOpen(
    open: PromiseLike<SloPolicyEpisodeRow[]>,
    gone: (row: SloPolicyEpisodeRow) => boolean,
  ): Promise<void> {
    for (const row of (await open).filter(gone)) {
      const now = this.now();
      await unitOfWork(this.deps.db, { entityRefs: [row.entity_ref] }, trx =>
        this.leave(trx, row, now),
      );
    }
  }

  /** Closes an open episode; false when another run got there first. */
  private async leave(
    trx: WriteTransaction,
    open: SloPolicyEpisodeRow,
    now: Date,
  ): Promise<boolean> {
    const left = await trx<SloPolicyEpisodeRow>('slo_policy_episodes')
      .where({ id: open.id, version: open.version })
      .whereNull('left_at')
      .update({
        left_at: now as any,
        version: open.version + 1,
        updated_at: now as any,
      });
    if (left === 0) return false;
    await this.deps.audit.record(
      trx,
      {
        entityRef: open.entity_ref,
        actor: BUDGET_POLICY_ACTOR,
        action: 'update',
        resourceType: RESOURCE,
        resourceId: open.id,
        before: toEpisode(open),
        after: { ...toEpisode(open), leftAt: now.toISOString() },
      },
      now,
    );
    return true;
  }

  /** Closes the SLO's open episode when its step changed, and opens the new one. */
  private async record(
    entityRef: string,
    ownerRef: string | null,
    slo: SloSummary,
  ): Promise<void> {
    const { db, audit } = this.deps;
    const step = slo.policyStep;
    const open = await this.open()
      .where({ entity_ref: entityRef, slo_name: slo.name })
      .first();
    if ((open?.step_key ?? null) === (step?.key ?? null)) return;
    const now = this.now();
    try {
      await unitOfWork(db, { entityRefs: [entityRef] }, async trx => {
        // another run got there first: it records the step too
        if (open && !(await this.leave(trx, open, now))) return;
        if (!step) return;
        const row: SloPolicyEpisodeRow = {
          id: randomUUID(),
          entity_ref: entityRef,
          owner_ref: ownerRef,
          slo_name: slo.name,
          step_key: step.key,
          action: step.action,
          budget_remaining: slo.budgetRemaining,
          entered_at: now as any,
          left_at: null,
          notified_at: null,
          decision: null,
          decision_reason: null,
          decided_by: null,
          decided_at: null,
          decision_log: null,
          decision_id: null,
          version: 1,
          created_at: now as any,
          updated_at: now as any,
        };
        await trx('slo_policy_episodes').insert(row);
        await audit.record(
          trx,
          {
            entityRef,
            actor: BUDGET_POLICY_ACTOR,
            action: 'create',
            resourceType: RESOURCE,
            resourceId: row.id,
            before: null,
            after: toEpisode(row),
          },
          now,
        );
      });
    } catch (error) {
      // another replica opened the same SLO's episode in the meantime: it is recorded
      if (!isUniqueViolation(error)) throw error;
    }
  }

  /** Claims each open, unnotified episode of the entity and notifies its owner. */
  private async notifyPending(entityRef: string): Promise<SloPolicyEpisode[]> {
    const { db, logger, notifications } = this.deps;
    const pending = await db<SloPolicyEpisodeRow>('slo_policy_episodes')
      .where({ entity_ref: entityRef })
      .whereNull('left_at')
      .whereNull('notified_at');
    const notified: SloPolicyEpisode[] = [];
    for (const row of pending) {
      const episode = toEpisode(row);
      if (!row.owner_ref || !notifications) {
        logger.info(
          `${entityRef}: SLO ${
            row.slo_name
          } entered the error-budget policy step ${row.step_key} (${
            row.action
          }); ${
            row.owner_ref
              ? 'notifications not configured'
              : 'no owner to notify'
          }`,
        );
        continue;
      }
      const result = await notifyOnce(
        db,
        { table: 'slo_policy_episodes', id: row.id },
        this.now(),
        () => notifications.send(budgetPolicyNotification(episode)),
      );
      if (result.sent) {
        notified.push({ ...episode, notifiedAt: result.at.toISOString() });
      } else if (result.error) {
        logger.warn(
          `Could not notify ${row.owner_ref} of ${entityRef}'s SLO ${row.slo_name} entering ${row.step_key}: ${result.error.message}`,
        );
      }
    }
    return notified;
  }
}

/** The notification of a step entered: to the owning team, scoped to the step. @internal */
export function budgetPolicyNotification(episode: SloPolicyEpisode) {
  const { name } = parseEntityRef(episode.entityRef);
  const left =
    episode.budgetRemaining === null
      ? ''
      : ` (${Math.max(
          0,
          Math.round(episode.budgetRemaining * 1000) / 10,
        )}% of the error budget left)`;
  return {
    recipients: { type: 'entity' as const, entityRef: episode.ownerRef! },
    payload: {
      title: `${name}: SLO ${episode.sloName} calls for "${episode.action}"`,
      description: `The SLO ${episode.sloName} of ${name} entered the error-budget policy step ${episode.stepKey}${left}. The policy recommends: ${episode.action}. An SRE records whether the team accepts or declines it, and why.`,
      link: entityPagePath(episode.entityRef),
      severity:
        episode.stepKey === 'exhausted'
          ? ('high' as const)
          : ('normal' as const),
      topic: 'sre-health-budget-policy',
      scope: `sre-health:budget-policy:${episode.entityRef}:${episode.sloName}:${episode.stepKey}`,
    },
  };
}
