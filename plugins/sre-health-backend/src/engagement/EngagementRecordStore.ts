import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  ChecklistTick,
  Engagement,
  EngagementFigures,
  EngagementPhase,
  EngagementSituation,
  PhaseTransition,
  WorkPhase,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { AuditLog } from '../database/AuditLog';
import { type WriteTransaction, unitOfWork } from '../database/unitOfWork';
import { isUniqueViolation } from '../database/errors';
import { isPostgres } from '../database/dialect';
import { versioned } from '../database/mapping';
import { toIso } from '../database/tables';
import { EngagementRow, NewEngagement, engagementMapping } from './mapping';
import { claimSeats, describeStartConflict } from './seats';
import { EntryTables, createEntryTables } from './entryTables';
import { Db, RecordTable, RecordTableMapping, stale } from './recordTable';
import { ProfileRows } from './profileRows';
import { ReportRows } from './reportRows';
import { ledPostmortemOf } from '../postmortems';
import type { ChecklistTickRow, TransitionRow } from './tables';

/*
 * The lifecycle rows of an engagement's record: the engagement itself, its profile, the
 * checklist ticks, the phase transitions and the frozen report. The entries (decisions,
 * kindling, questions) are in entryTables.ts; this store carries them for one handle.
 */

const tickMapping: RecordTableMapping<ChecklistTick, ChecklistTickRow> = {
  resourceType: 'engagement-checklist-item',
  table: 'engagement_checklist',
  orderBy: [['created_at', 'asc']],
  toRecord: row => ({
    ...versioned(row),
    engagementId: row.engagement_id,
    teamRef: row.team_ref,
    phase: row.phase as WorkPhase,
    itemKey: row.item_key,
    evidence: row.evidence,
    tickedBy: row.ticked_by,
    tickedInPhase: (row.ticked_in_phase ?? null) as EngagementPhase | null,
    postmortem: ledPostmortemOf(row),
  }),
};

function toTransition(row: TransitionRow): PhaseTransition {
  return {
    id: row.id,
    engagementId: row.engagement_id,
    teamRef: row.team_ref,
    from: row.from_phase as EngagementPhase,
    to: row.to_phase as EngagementPhase,
    reason: row.reason,
    openItems: JSON.parse(row.open_items),
    actor: row.actor,
    at: toIso(row.at),
    engagementVersion: Number(row.engagement_version),
  };
}

/**
 * Storage of the engagement record. Writes run in `inEngagement`, which reads the engagement
 * in the same transaction (locked on PostgreSQL), so a write cannot slip in after the
 * engagement closed: closing and every edit of the record are serialised per engagement.
 * @internal
 */
export class EngagementRecordStore implements EntryTables {
  readonly ticks: RecordTable<ChecklistTick, ChecklistTickRow>;
  readonly decisions: EntryTables['decisions'];
  readonly kindling: EntryTables['kindling'];
  readonly questions: EntryTables['questions'];
  private readonly profiles: ProfileRows;
  private readonly reports: ReportRows;

  constructor(readonly db: Knex, private readonly audit: AuditLog) {
    this.ticks = new RecordTable(audit, tickMapping);
    const entries = createEntryTables(audit);
    this.decisions = entries.decisions;
    this.kindling = entries.kindling;
    this.questions = entries.questions;
    this.profiles = new ProfileRows(db, audit);
    this.reports = new ReportRows(db, audit);
  }

  getProfile: ProfileRows['get'] = (...args) => this.profiles.get(...args);
  /** The profiles of several engagements (those that have one). */
  getProfiles: ProfileRows['getMany'] = (...args) =>
    this.profiles.getMany(...args);
  writeProfile: ProfileRows['write'] = (...args) =>
    this.profiles.write(...args);
  getReport: ReportRows['get'] = (...args) => this.reports.get(...args);
  engagementsWithReport: ReportRows['engagementsWithReport'] = (...args) =>
    this.reports.engagementsWithReport(...args);
  freezeReport: ReportRows['freeze'] = (...args) =>
    this.reports.freeze(...args);

  async getEngagement(id: string, db: Db = this.db): Promise<Engagement> {
    const row: EngagementRow | undefined = await db<EngagementRow>(
      'engagements',
    )
      .where({ id })
      .first();
    if (!row) {
      throw new NotFoundError(`engagement ${id} does not exist`);
    }
    return engagementMapping.toRecord(row);
  }

  /** Every engagement of a team, newest first. */
  async listEngagements(teamRef: string): Promise<Engagement[]> {
    const rows: EngagementRow[] = await this.db<EngagementRow>('engagements')
      .where({ team_ref: teamRef })
      .orderBy('start_date', 'desc')
      .orderBy('created_at', 'desc');
    return rows.map(engagementMapping.toRecord);
  }

  /**
   * Runs `fn` in one transaction with the engagement read (and locked on PostgreSQL).
   * 404 when it does not exist; 409 when it is closed, unless `allowClosed`.
   */
  async inEngagement<T>(
    id: string,
    fn: (trx: WriteTransaction, engagement: Engagement) => Promise<T>,
    options: { allowClosed?: boolean } = {},
  ): Promise<T> {
    return unitOfWork(this.db, {}, async trx => {
      let query = trx<EngagementRow>('engagements').where({ id });
      if (isPostgres(trx)) {
        query = query.forUpdate();
      }
      const row = await query.first();
      if (!row) {
        throw new NotFoundError(`engagement ${id} does not exist`);
      }
      const engagement = engagementMapping.toRecord(row);
      if (engagement.phase === 'closed' && !options.allowClosed) {
        throw new ConflictError(
          `engagement ${id} is closed${
            engagement.endDate ? ` (ended ${engagement.endDate})` : ''
          }: its record and after-action report are frozen and can no longer change`,
        );
      }
      return fn(trx, engagement);
    });
  }

  /**
   * Starts an engagement with its seats and (given a situation) its profile, in one
   * transaction. Partial unique indexes keep one active engagement per team and per group
   * (its seats), and one without an override per SRE: a start they refuse is a 409 naming
   * the engagement in the way.
   */
  async startEngagement(
    input: NewEngagement & {
      situation?: EngagementSituation;
      situationNotes?: string;
      startFigures?: EngagementFigures | null;
      /** The groups it occupies: the team and those nested under it (the team by default). */
      seats?: string[];
    },
    actor: string,
    now = new Date(),
  ): Promise<Engagement> {
    const id = randomUUID();
    const values = engagementMapping.fromCreate(input, actor, now);
    const seats = input.seats ?? [input.teamRef.toLocaleLowerCase('en-US')];
    try {
      return await unitOfWork(this.db, {}, async trx => {
        await trx('engagements').insert({
          ...values,
          id,
          version: 1,
          created_at: now,
          updated_at: now,
        });
        const engagement = await this.getEngagement(id, trx);
        await claimSeats(trx, engagement, seats);
        await this.audit.record(
          trx,
          {
            entityRef: engagement.teamRef,
            actor,
            action: 'create',
            resourceType: 'engagement',
            resourceId: id,
            before: null,
            after: engagement,
          },
          now,
        );
        if (input.situation) {
          await this.writeProfile(
            trx,
            engagement,
            undefined,
            input,
            actor,
            now,
            input.startFigures,
          );
        }
        return engagement;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          await describeStartConflict(this.db, { ...input, groups: seats }),
        );
      }
      throw error;
    }
  }

  async getTick(
    db: Db,
    engagementId: string,
    itemKey: string,
  ): Promise<ChecklistTick | undefined> {
    const row: ChecklistTickRow | undefined = await db<ChecklistTickRow>(
      'engagement_checklist',
    )
      .where({ engagement_id: engagementId, item_key: itemKey })
      .first();
    return row ? this.ticks.toRecord(row) : undefined;
  }

  async listTransitions(
    engagementId: string,
    db: Db = this.db,
  ): Promise<PhaseTransition[]> {
    const rows: TransitionRow[] = await db<TransitionRow>(
      'engagement_transitions',
    )
      .where({ engagement_id: engagementId })
      .orderBy('engagement_version', 'asc');
    return rows.map(toTransition);
  }

  /**
   * Moves the engagement to `to` if `expectedVersion` is still current, records the
   * transition with its reason, and audits both, in the caller's transaction.
   */
  async changePhase(
    trx: WriteTransaction,
    current: Engagement,
    expectedVersion: number,
    change: {
      to: EngagementPhase;
      reason: string | null;
      openItems: string[];
      endDate?: string;
    },
    actor: string,
    now: Date,
  ): Promise<{ engagement: Engagement; transition: PhaseTransition }> {
    if (current.version !== expectedVersion) {
      throw stale('engagement', current.id, expectedVersion, current.version);
    }
    const updated = await trx('engagements')
      .where({ id: current.id, version: expectedVersion })
      .update({
        phase: change.to,
        ...(change.endDate ? { end_date: change.endDate } : {}),
        version: expectedVersion + 1,
        updated_at: now,
      });
    if (updated !== 1) {
      throw stale('engagement', current.id, expectedVersion);
    }
    const engagement = await this.getEngagement(current.id, trx);
    const id = randomUUID();
    await trx<TransitionRow>('engagement_transitions').insert({
      id,
      engagement_id: current.id,
      team_ref: current.teamRef,
      from_phase: current.phase,
      to_phase: change.to,
      reason: change.reason,
      open_items: JSON.stringify(change.openItems),
      actor,
      at: now as unknown as TransitionRow['at'],
      engagement_version: engagement.version,
    });
    const transition = toTransition(
      (await trx<TransitionRow>('engagement_transitions')
        .where({ id })
        .first())!,
    );
    await this.audit.record(
      trx,
      {
        entityRef: current.teamRef,
        actor,
        action: 'update',
        resourceType: 'engagement',
        resourceId: current.id,
        before: current,
        after: engagement,
      },
      now,
    );
    await this.audit.record(
      trx,
      {
        entityRef: current.teamRef,
        actor,
        action: 'create',
        resourceType: 'engagement-transition',
        resourceId: id,
        before: null,
        after: transition,
      },
      now,
    );
    return { engagement, transition };
  }
}
