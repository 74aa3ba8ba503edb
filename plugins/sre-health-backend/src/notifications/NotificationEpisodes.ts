import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  entityPagePath,
  NotificationCondition,
  NotificationKind,
  NotificationObservation,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Knex } from 'knex';
import type { AuditLog } from '../database/AuditLog';
import { notifyOnce } from '../database/notifyOnce';
import { DbTimestamp, toIso, toIsoOrNull } from '../database/tables';
import { unitOfWork, type WriteTransaction } from '../database/unitOfWork';
import type { NotificationSender } from '../engagement';

/** Who the audit log names for the episodes SRE Health records by itself. @internal */
export const NOTIFICATIONS_ACTOR = 'sre-health:notifications';
const RESOURCE = 'notification-episode';
const TABLE = 'notification_episodes';

/** @internal */
export interface NotificationEpisodeRow {
  id: string;
  kind: NotificationKind;
  subject_ref: string;
  episode_key: string;
  entity_ref: string;
  recipient_ref: string | null;
  severity: NotificationCondition['severity'];
  title: string;
  description: string;
  link: string;
  started_at: DbTimestamp;
  ended_at: DbTimestamp | null;
  notified_at: DbTimestamp | null;
  version: number;
}

/** An episode of a condition: from when it started to when it ended. @internal */
export interface NotificationEpisode {
  id: string;
  kind: NotificationKind;
  subjectRef: string;
  key: string;
  entityRef: string;
  recipientRef: string | null;
  severity: NotificationCondition['severity'];
  title: string;
  description: string;
  link: string;
  startedAt: string;
  endedAt: string | null;
  notifiedAt: string | null;
  version: number;
}

function toEpisode(row: NotificationEpisodeRow): NotificationEpisode {
  return {
    id: row.id,
    kind: row.kind,
    subjectRef: row.subject_ref,
    key: row.episode_key,
    entityRef: row.entity_ref,
    recipientRef: row.recipient_ref,
    severity: row.severity,
    title: row.title,
    description: row.description,
    link: row.link,
    startedAt: toIso(row.started_at),
    endedAt: toIsoOrNull(row.ended_at),
    notifiedAt: toIsoOrNull(row.notified_at),
    version: Number(row.version),
  };
}

/** The notification of an episode: to its recipient, scoped to the condition. @internal */
export function episodeNotification(episode: NotificationEpisode) {
  return {
    recipients: { type: 'entity' as const, entityRef: episode.recipientRef! },
    payload: {
      title: episode.title,
      description: episode.description,
      link: episode.link,
      severity: episode.severity,
      topic: `sre-health-${episode.kind}`,
      // one notification per condition in the inbox: a new episode brings it back unread
      scope: `sre-health:${episode.kind}:${episode.subjectRef}:${episode.key}`,
    },
  };
}

/**
 * Episodes of the conditions worth a notification, keyed by (kind, subject, key), and the
 * one notification each episode's start sends. "Once" is the database's: a partial unique
 * index keeps one open episode per key, the start is an insert that only one run or
 * replica wins (`on conflict do nothing`), the end a conditional update, and the send is
 * claimed through `notified_at` (notifyOnce). Starts and ends are audited as the system
 * actor; sends and failures are logged. Without a sender or a recipient the episode is
 * recorded and its start only logged.
 * @internal
 */
export class NotificationEpisodes {
  constructor(
    private readonly deps: {
      db: Knex;
      audit: AuditLog;
      logger: LoggerService;
      notifications?: NotificationSender;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Episodes of a subject (every kind), newest first. */
  async list(subjectRef: string): Promise<NotificationEpisode[]> {
    const rows = await this.deps
      .db<NotificationEpisodeRow>(TABLE)
      .where({ subject_ref: subjectRef })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(toEpisode);
  }

  /**
   * Records what one look at a subject shows: episodes of conditions no longer holding end
   * (not those of unknown keys), conditions newly holding start one; then notifies every
   * open, unnotified episode of what holds. Returns the episodes it notified.
   */
  async observe(
    observation: NotificationObservation,
  ): Promise<NotificationEpisode[]> {
    const { kind, subjectRef, holding } = observation;
    const open = await this.deps
      .db<NotificationEpisodeRow>(TABLE)
      .where({ kind, subject_ref: subjectRef })
      .whereNull('ended_at');
    const holds = new Set(holding.map(c => c.key));
    const unknown = new Set(observation.unknown ?? []);
    for (const row of observation.partial ? [] : open) {
      if (!holds.has(row.episode_key) && !unknown.has(row.episode_key)) {
        await this.end(row);
      }
    }
    const openKeys = new Set(open.map(r => r.episode_key));
    for (const condition of holding) {
      if (!openKeys.has(condition.key)) await this.start(condition);
    }
    return this.notifyPending(kind, subjectRef, [...holds]);
  }

  /** Ends the open episodes of a kind whose subject is not among `subjects`. */
  async endAllBut(
    kind: NotificationKind,
    subjects: ReadonlySet<string>,
  ): Promise<void> {
    const open = await this.deps
      .db<NotificationEpisodeRow>(TABLE)
      .where({ kind })
      .whereNull('ended_at');
    for (const row of open) {
      if (!subjects.has(row.subject_ref)) await this.end(row);
    }
  }

  /** Ends an open episode, unless another run ended it first. */
  private async end(row: NotificationEpisodeRow): Promise<void> {
    // never before its start, should this replica's clock lag the one that started it
    const now = new Date(
      Math.max(this.now().getTime(), Date.parse(toIso(row.started_at))),
    );
    await unitOfWork(this.deps.db, {}, async trx => {
      const ended = await trx<NotificationEpisodeRow>(TABLE)
        .where({ id: row.id })
        .whereNull('ended_at')
        .update({ ended_at: now as any, version: row.version + 1 });
      if (ended === 0) return;
      const before = toEpisode(row);
      await this.audit(trx, row.entity_ref, row.id, before, {
        ...before,
        endedAt: now.toISOString(),
        version: row.version + 1,
      });
    });
  }

  /** Starts an episode, unless one of the same key is open (another run won the insert). */
  private async start(condition: NotificationCondition): Promise<void> {
    const now = this.now();
    const row: NotificationEpisodeRow = {
      id: randomUUID(),
      kind: condition.kind,
      subject_ref: condition.subjectRef,
      episode_key: condition.key,
      entity_ref: condition.entityRef,
      recipient_ref: condition.recipientRef,
      severity: condition.severity,
      title: condition.title,
      description: condition.description,
      link: entityPagePath(condition.entityRef, condition.tab),
      started_at: now as any,
      ended_at: null,
      notified_at: null,
      version: 1,
    };
    const started = await unitOfWork(this.deps.db, {}, async trx => {
      const inserted = await trx(TABLE)
        .insert(row)
        .onConflict()
        .ignore()
        .returning('id');
      if (inserted.length === 0) return false;
      await this.audit(trx, row.entity_ref, row.id, null, toEpisode(row));
      return true;
    });
    if (started && (!row.recipient_ref || !this.deps.notifications)) {
      this.deps.logger.info(
        `${condition.kind} started for ${condition.subjectRef} (${
          condition.key
        }); ${
          row.recipient_ref
            ? 'notifications not configured'
            : 'no owner to notify'
        }`,
      );
    }
  }

  private audit(
    trx: WriteTransaction,
    entityRef: string,
    id: string,
    before: NotificationEpisode | null,
    after: NotificationEpisode,
  ): Promise<void> {
    return this.deps.audit.record(
      trx,
      {
        entityRef,
        actor: NOTIFICATIONS_ACTOR,
        action: before ? 'update' : 'create',
        resourceType: RESOURCE,
        resourceId: id,
        before,
        after,
      },
      this.now(),
    );
  }

  /** Claims and sends each open, unnotified episode of the keys that hold. */
  private async notifyPending(
    kind: NotificationKind,
    subjectRef: string,
    keys: string[],
  ): Promise<NotificationEpisode[]> {
    const { db, logger, notifications } = this.deps;
    if (!notifications || keys.length === 0) return [];
    const pending = await db<NotificationEpisodeRow>(TABLE)
      .where({ kind, subject_ref: subjectRef })
      .whereIn('episode_key', keys)
      .whereNull('ended_at')
      .whereNull('notified_at')
      .whereNotNull('recipient_ref');
    const notified: NotificationEpisode[] = [];
    for (const row of pending) {
      const episode = toEpisode(row);
      const result = await notifyOnce(
        db,
        { table: TABLE, id: row.id },
        this.now(),
        () => notifications.send(episodeNotification(episode)),
      );
      if (result.sent) {
        logger.info(
          `Notified ${row.recipient_ref} of ${kind} on ${subjectRef} (${row.episode_key})`,
        );
        notified.push({ ...episode, notifiedAt: result.at.toISOString() });
      } else if (result.error) {
        logger.warn(
          `Could not notify ${row.recipient_ref} of ${kind} on ${subjectRef} (${row.episode_key}); the next run tries again: ${result.error.message}`,
        );
      }
    }
    return notified;
  }
}
