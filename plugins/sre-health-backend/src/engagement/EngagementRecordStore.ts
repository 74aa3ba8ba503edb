import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  AfterActionReport,
  ChecklistTick,
  Engagement,
  EngagementDecision,
  EngagementFigures,
  EngagementPhase,
  EngagementProfile,
  EngagementSituation,
  KindlingItem,
  KindlingState,
  LeadingQuestion,
  PhaseTransition,
  Versioned,
  WorkPhase,
} from '@internal/backstage-plugin-sre-health-common';
import { AuditLog } from '../database/AuditLog';
import { type WriteTransaction, unitOfWork } from '../database/unitOfWork';
import { isUniqueViolation } from '../database/errors';
import { isPostgres } from '../database/dialect';
import {
  NewEngagement,
  activeEngagementRow,
  engagementMapping,
} from '../database/mappings';
import {
  EngagementRow,
  VersionedRow,
  toIso,
  toIsoOrNull,
} from '../database/tables';
import type {
  ChecklistTickRow,
  DecisionRow,
  EngagementProfileRow,
  KindlingRow,
  QuestionRow,
  ReportRow,
  TransitionRow,
} from './tables';

/** The database handle a read runs on: the store's, or a transaction's. */
type Db = Knex | Knex.Transaction;

function versioned(row: VersionedRow) {
  return {
    id: row.id,
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function stale(
  resourceType: string,
  id: string,
  sent: number | undefined,
  current?: number,
): ConflictError {
  return new ConflictError(
    `${resourceType} ${id} was changed by someone else: you sent version ${
      sent ?? '(none)'
    }${
      current === undefined ? '' : ` (current version ${current})`
    }; reload and try again`,
  );
}

/**
 * One kind of versioned row of an engagement's record (decisions, kindling, questions,
 * checklist ticks): created, updated and deleted inside the caller's transaction, each
 * write audited against the engagement's team in that same transaction.
 * @internal
 */
export class RecordTable<TRecord extends Versioned, TRow extends VersionedRow> {
  constructor(
    private readonly audit: AuditLog,
    readonly resourceType: string,
    readonly table: string,
    readonly toRecord: (row: TRow) => TRecord,
    private readonly orderBy: Array<[string, 'asc' | 'desc']>,
  ) {}

  async list(db: Db, engagementId: string): Promise<TRecord[]> {
    let query = db<TRow>(this.table).where({
      engagement_id: engagementId,
    } as any);
    for (const [column, order] of this.orderBy) {
      query = query.orderBy(column, order);
    }
    const rows = (await query) as TRow[];
    return rows.map(this.toRecord);
  }

  /** The row `id` of this engagement; 404 naming the resource when there is none. */
  async getIn(db: Db, engagement: Engagement, id: string): Promise<TRecord> {
    const row = (await db(this.table)
      .where({ id, engagement_id: engagement.id })
      .first()) as TRow | undefined;
    if (!row) {
      throw new NotFoundError(
        `${this.resourceType} ${id} does not exist in engagement ${engagement.id}`,
      );
    }
    return this.toRecord(row);
  }

  async create(
    trx: WriteTransaction,
    engagement: Engagement,
    values: Record<string, unknown>,
    actor: string,
    now: Date,
  ): Promise<TRecord> {
    const id = randomUUID();
    await trx(this.table).insert({
      ...values,
      id,
      engagement_id: engagement.id,
      team_ref: engagement.teamRef,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    const created = await this.getIn(trx, engagement, id);
    await this.record(trx, engagement, actor, 'create', null, created, now);
    return created;
  }

  /** Applies the changes if `expectedVersion` is still current, else 409 and nothing changes. */
  async update(
    trx: WriteTransaction,
    engagement: Engagement,
    id: string,
    expectedVersion: number,
    changes: (current: TRecord) => Record<string, unknown>,
    actor: string,
    now: Date,
  ): Promise<TRecord> {
    const before = await this.getIn(trx, engagement, id);
    if (before.version !== expectedVersion) {
      throw stale(this.resourceType, id, expectedVersion, before.version);
    }
    const updated = await trx(this.table)
      .where({ id, version: expectedVersion })
      .update({
        ...changes(before),
        version: expectedVersion + 1,
        updated_at: now,
      });
    if (updated !== 1) {
      throw stale(this.resourceType, id, expectedVersion);
    }
    const after = await this.getIn(trx, engagement, id);
    await this.record(trx, engagement, actor, 'update', before, after, now);
    return after;
  }

  async delete(
    trx: WriteTransaction,
    engagement: Engagement,
    id: string,
    expectedVersion: number,
    actor: string,
    now: Date,
  ): Promise<void> {
    const before = await this.getIn(trx, engagement, id);
    if (before.version !== expectedVersion) {
      throw stale(this.resourceType, id, expectedVersion, before.version);
    }
    const deleted = await trx(this.table)
      .where({ id, version: expectedVersion })
      .delete();
    if (deleted !== 1) {
      throw stale(this.resourceType, id, expectedVersion);
    }
    await this.record(trx, engagement, actor, 'delete', before, null, now);
  }

  private async record(
    trx: WriteTransaction,
    engagement: Engagement,
    actor: string,
    action: 'create' | 'update' | 'delete',
    before: TRecord | null,
    after: TRecord | null,
    now: Date,
  ) {
    await this.audit.record(
      trx,
      {
        entityRef: engagement.teamRef,
        actor,
        action,
        resourceType: this.resourceType,
        resourceId: (after ?? before)!.id,
        before,
        after,
      },
      now,
    );
  }
}

/** @internal */
export function toProfile(row: EngagementProfileRow): EngagementProfile {
  return {
    engagementId: row.engagement_id,
    teamRef: row.team_ref,
    version: Number(row.version),
    situation: row.situation as EngagementSituation | null,
    situationNotes: row.situation_notes,
    summary: row.summary,
    principles: JSON.parse(row.principles),
    startFigures: row.start_figures ? JSON.parse(row.start_figures) : null,
    updatedAt: toIso(row.updated_at),
    updatedBy: row.updated_by,
  };
}

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

/** The stored, frozen report of a closed engagement. @internal */
export interface StoredReport {
  report: AfterActionReport;
  markdown: string;
  frozenLate: boolean;
  generatedAt: string;
}

/** Profile fields a write may set. @internal */
export interface ProfileChanges {
  situation?: EngagementSituation;
  situationNotes?: string;
  summary?: string;
  principles?: string[];
}

/**
 * Storage of the engagement record. Writes run in `inEngagement`, which reads the engagement
 * in the same transaction (locked on PostgreSQL), so a write cannot slip in after the
 * engagement closed: closing and every edit of the record are serialised per engagement.
 * @internal
 */
export class EngagementRecordStore {
  readonly ticks: RecordTable<ChecklistTick, ChecklistTickRow>;
  readonly decisions: RecordTable<EngagementDecision, DecisionRow>;
  readonly kindling: RecordTable<KindlingItem, KindlingRow>;
  readonly questions: RecordTable<LeadingQuestion, QuestionRow>;

  constructor(readonly db: Knex, private readonly audit: AuditLog) {
    this.ticks = new RecordTable<ChecklistTick, ChecklistTickRow>(
      audit,
      'engagement-checklist-item',
      'engagement_checklist',
      row => ({
        ...versioned(row),
        engagementId: row.engagement_id,
        teamRef: row.team_ref,
        phase: row.phase as WorkPhase,
        itemKey: row.item_key,
        evidence: row.evidence,
        tickedBy: row.ticked_by,
      }),
      [['created_at', 'asc']],
    );
    this.decisions = new RecordTable<EngagementDecision, DecisionRow>(
      audit,
      'engagement-decision',
      'engagement_decisions',
      row => ({
        ...versioned(row),
        engagementId: row.engagement_id,
        teamRef: row.team_ref,
        phase: row.phase as WorkPhase,
        decision: row.decision,
        reason: row.reason,
        example: row.example,
        author: row.author,
      }),
      [
        ['created_at', 'asc'],
        ['id', 'asc'],
      ],
    );
    this.kindling = new RecordTable<KindlingItem, KindlingRow>(
      audit,
      'engagement-kindling',
      'engagement_kindling',
      row => ({
        ...versioned(row),
        engagementId: row.engagement_id,
        teamRef: row.team_ref,
        title: row.title,
        explanation: row.explanation,
        fixes: {
          kind: row.fixes_kind as KindlingItem['fixes']['kind'],
          id: row.fixes_id,
          label: row.fixes_label,
          entityRef: row.fixes_entity_ref,
        },
        assigneeRef: row.assignee_ref,
        reviewerRef: row.reviewer_ref,
        state: row.state as KindlingState,
        reviewedBy: row.reviewed_by,
        doneAt: toIsoOrNull(row.done_at),
        author: row.author,
      }),
      [
        ['created_at', 'asc'],
        ['id', 'asc'],
      ],
    );
    this.questions = new RecordTable<LeadingQuestion, QuestionRow>(
      audit,
      'engagement-question',
      'engagement_questions',
      row => ({
        ...versioned(row),
        engagementId: row.engagement_id,
        teamRef: row.team_ref,
        phase: row.phase as WorkPhase,
        question: row.question,
        askedTo: row.asked_to,
        answer: row.answer,
        answeredAt: toIsoOrNull(row.answered_at),
        author: row.author,
      }),
      [
        ['created_at', 'asc'],
        ['id', 'asc'],
      ],
    );
  }

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
   * Starts an engagement with its profile, in one transaction. The partial unique index
   * keeps one active engagement per team: a second one is a 409 naming the embedded SRE.
   */
  async startEngagement(
    input: NewEngagement & {
      situation: EngagementSituation;
      situationNotes: string;
      startFigures: EngagementFigures | null;
    },
    actor: string,
    now = new Date(),
  ): Promise<Engagement> {
    const id = randomUUID();
    const values = engagementMapping.fromCreate(input, actor, now);
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
        await this.writeProfile(
          trx,
          engagement,
          undefined,
          input,
          actor,
          now,
          input.startFigures,
        );
        return engagement;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        const active = await activeEngagementRow(this.db, input.teamRef);
        throw new ConflictError(
          active
            ? `${input.teamRef} already has an embedded SRE: ${active.sre_ref} (engagement ${active.id}, phase ${active.phase}). Only one SRE is embedded in a team at a time.`
            : `${input.teamRef} already has an active engagement. Only one SRE is embedded in a team at a time.`,
        );
      }
      throw error;
    }
  }

  async getProfile(
    engagementId: string,
    db: Db = this.db,
  ): Promise<EngagementProfile | null> {
    const row: EngagementProfileRow | undefined =
      await db<EngagementProfileRow>('engagement_profiles')
        .where({ engagement_id: engagementId })
        .first();
    return row ? toProfile(row) : null;
  }

  /**
   * Creates the profile (`expectedVersion` undefined, and there is none yet) or updates it
   * (`expectedVersion` current). Anything else is a 409.
   */
  async writeProfile(
    trx: WriteTransaction,
    engagement: Engagement,
    expectedVersion: number | undefined,
    changes: ProfileChanges,
    actor: string,
    now: Date,
    startFigures?: EngagementFigures | null,
  ): Promise<EngagementProfile> {
    const before = await this.getProfile(engagement.id, trx);
    const columns: Partial<EngagementProfileRow> = {};
    if (changes.situation !== undefined) columns.situation = changes.situation;
    if (changes.situationNotes !== undefined)
      columns.situation_notes = changes.situationNotes;
    if (changes.summary !== undefined) columns.summary = changes.summary;
    if (changes.principles !== undefined)
      columns.principles = JSON.stringify(changes.principles);
    const resourceType = 'engagement-profile';
    if (!before) {
      if (expectedVersion !== undefined) {
        throw stale(resourceType, engagement.id, expectedVersion);
      }
      await trx('engagement_profiles').insert({
        situation: null,
        situation_notes: '',
        summary: '',
        principles: '[]',
        ...columns,
        start_figures: startFigures ? JSON.stringify(startFigures) : null,
        id: engagement.id,
        engagement_id: engagement.id,
        team_ref: engagement.teamRef,
        updated_by: actor,
        version: 1,
        created_at: now,
        updated_at: now,
      });
    } else {
      if (expectedVersion !== before.version) {
        throw stale(
          resourceType,
          engagement.id,
          expectedVersion,
          before.version,
        );
      }
      const updated = await trx('engagement_profiles')
        .where({ engagement_id: engagement.id, version: expectedVersion })
        .update({
          ...columns,
          updated_by: actor,
          version: expectedVersion + 1,
          updated_at: now,
        });
      if (updated !== 1) {
        throw stale(resourceType, engagement.id, expectedVersion);
      }
    }
    const after = (await this.getProfile(engagement.id, trx))!;
    await this.audit.record(
      trx,
      {
        entityRef: engagement.teamRef,
        actor,
        action: before ? 'update' : 'create',
        resourceType,
        resourceId: engagement.id,
        before,
        after,
      },
      now,
    );
    return after;
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

  async getReport(
    engagementId: string,
    db: Db = this.db,
  ): Promise<StoredReport | undefined> {
    const row: ReportRow | undefined = await db<ReportRow>('engagement_reports')
      .where({ engagement_id: engagementId })
      .first();
    return row
      ? {
          report: JSON.parse(row.report),
          markdown: row.markdown,
          frozenLate: Boolean(row.frozen_late),
          generatedAt: toIso(row.generated_at),
        }
      : undefined;
  }

  /** Which engagements of a list have a frozen report. */
  async engagementsWithReport(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: Array<{ engagement_id: string }> = await this.db(
      'engagement_reports',
    )
      .whereIn('engagement_id', ids)
      .select('engagement_id');
    return new Set(rows.map(r => r.engagement_id));
  }

  /**
   * Stores the report of a closed engagement once. A second freeze finds the first and
   * returns it: the report never changes after it is stored.
   */
  async freezeReport(
    trx: WriteTransaction,
    engagement: Engagement,
    report: AfterActionReport,
    markdown: string,
    options: { frozenLate: boolean; actor: string; now: Date },
  ): Promise<StoredReport> {
    const existing = await this.getReport(engagement.id, trx);
    if (existing) {
      return existing;
    }
    await trx<ReportRow>('engagement_reports').insert({
      engagement_id: engagement.id,
      team_ref: engagement.teamRef,
      report: JSON.stringify(report),
      markdown,
      frozen_late: options.frozenLate,
      generated_by: options.actor,
      generated_at: options.now as unknown as ReportRow['generated_at'],
    });
    await this.audit.record(
      trx,
      {
        entityRef: engagement.teamRef,
        actor: options.actor,
        action: 'create',
        resourceType: 'engagement-report',
        resourceId: engagement.id,
        before: null,
        after: {
          generatedAt: report.generatedAt,
          frozenLate: options.frozenLate,
        },
      },
      options.now,
    );
    return (await this.getReport(engagement.id, trx))!;
  }
}
