import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AfterActionReportDocument,
  ENGAGEMENT_CHECKLIST,
  Engagement,
  EngagementFigures,
  EngagementPhase,
  EngagementRecord,
  EngagementSummary,
  KindlingItem,
  KindlingState,
  KindlingTarget,
  KindlingTargetOptions,
  WorkPhase,
  buildAfterActionReport,
  checklistItem,
  createEngagementDecisionSchema,
  createKindlingItemSchema,
  createLeadingQuestionSchema,
  engagementTransitionProblem,
  kindlingProgress,
  kindlingStateProblem,
  openChecklistItems,
  phaseIndex,
  phasesLeft,
  renderAfterActionReportMarkdown,
  startEngagementSchema,
  stressorTitle,
  tickChecklistItemSchema,
  transitionEngagementSchema,
  updateEngagementDecisionSchema,
  updateEngagementProfileSchema,
  updateKindlingItemSchema,
  updateLeadingQuestionSchema,
} from '@internal/backstage-plugin-sre-health-common';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { SreHealthStore } from '../database';
import type { WriteTransaction } from '../database/unitOfWork';
import type { Access } from '../service/access';
import { ownerOf } from '../service/EntityHealthService';
import { EngagementFiguresReader } from './figures';
import { EngagementRecordStore } from './EngagementRecordStore';
import { EngagementNotifier } from './notifier';
import { buildTimeline, genericTransitions } from './timeline';

const DAY = 86_400_000;
/** A start recorded within this many days is snapshotted now; older ones are derived. */
const SNAPSHOT_GRACE_DAYS = 7;
/** Who freezes the report of an engagement closed through the generic PATCH route. */
const SYSTEM_ACTOR = 'sre-health:engagement-record';
/** Most postmortems and flags offered as kindling targets. */
const MAX_TARGETS = 200;

type Out<T extends z.ZodTypeAny> = z.output<T>;

/** @internal */
export interface EngagementServiceOptions {
  store: SreHealthStore;
  records: EngagementRecordStore;
  figures: EngagementFiguresReader;
  access: Access;
  notifier: EngagementNotifier;
  sreGroups: string[];
  logger: LoggerService;
  now?: () => Date;
}

/**
 * The engagement record's rules: checklists with evidence, reasons to move on or back,
 * decisions, kindling linked to what it fixes, leading questions, and the after-action
 * report generated and frozen at close.
 * @internal
 */
export class EngagementService {
  private readonly records: EngagementRecordStore;

  constructor(private readonly deps: EngagementServiceOptions) {
    this.records = deps.records;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  getEngagement(id: string): Promise<Engagement> {
    return this.records.getEngagement(id);
  }

  /** Embeds one SRE with a team, its situation sorted and its figures snapshotted. */
  async start(
    input: Out<typeof startEngagementSchema>,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<EngagementRecord> {
    await this.deps.access.resolveEntity(input.teamRef, credentials, 'teamRef');
    const sre = await this.deps.access.resolveRef(
      { ref: input.sreRef, field: 'sreRef' },
      credentials,
      ['User'],
    );
    const { sreGroups } = this.deps;
    const memberOf = (sre.relations ?? [])
      .filter(r => r.type === RELATION_MEMBER_OF)
      .map(r => r.targetRef.toLocaleLowerCase('en-US'));
    if (sreGroups.length > 0 && !memberOf.some(g => sreGroups.includes(g))) {
      throw new InputError(
        `sreRef: ${
          input.sreRef
        } is not a member of an SRE group (sreHealth.sreGroups: ${sreGroups.join(
          ', ',
        )})`,
      );
    }
    const startDate = input.startDate ?? this.today();
    if (startDate > this.today()) {
      throw new InputError(`startDate: ${startDate} is in the future`);
    }
    const recent =
      this.now().getTime() - Date.parse(`${startDate}T00:00:00Z`) <=
      SNAPSHOT_GRACE_DAYS * DAY;
    const startFigures = recent
      ? await this.deps.figures.current(
          input.teamRef,
          credentials,
          startDate,
          'before',
        )
      : await this.deps.figures.atStartFromHistory(
          input.teamRef,
          credentials,
          startDate,
        );
    const engagement = await this.records.startEngagement(
      {
        teamRef: input.teamRef,
        sreRef: input.sreRef,
        startDate,
        goals: input.goals,
        situation: input.situation,
        situationNotes: input.situationNotes,
        startFigures,
      },
      actor,
      this.now(),
    );
    return this.record(engagement.id);
  }

  /** Everything about one engagement, in one read. */
  async record(id: string): Promise<EngagementRecord> {
    const engagement = await this.records.getEngagement(id);
    const db = this.records.db;
    const [
      profile,
      ticks,
      decisions,
      kindling,
      questions,
      recorded,
      samples,
      audit,
      report,
    ] = await Promise.all([
      this.records.getProfile(id),
      this.records.ticks.list(db, id),
      this.records.decisions.list(db, id),
      this.records.kindling.list(db, id),
      this.records.questions.list(db, id),
      this.records.listTransitions(id),
      this.deps.store.opsLoad.list(engagement.teamRef),
      this.deps.store.audit.listForEntity(engagement.teamRef, 2000),
      this.records.getReport(id),
    ]);
    const transitions = [
      ...recorded,
      ...genericTransitions(engagement, audit, recorded),
    ].sort((a, b) => a.engagementVersion - b.engagementVersion);
    const tickOf = new Map(ticks.map(t => [t.itemKey, t]));
    return {
      engagement,
      profile,
      checklist: ENGAGEMENT_CHECKLIST.map(i => ({
        phase: i.phase,
        key: i.key,
        title: i.title,
        tick: tickOf.get(i.key) ?? null,
      })),
      decisions,
      kindling,
      kindlingProgress: kindlingProgress(kindling),
      questions,
      transitions,
      timeline: buildTimeline({
        engagement,
        transitions,
        ticks,
        decisions,
        kindling,
        questions,
      }),
      opsLoad: samples,
      report: report ? { generatedAt: report.generatedAt, frozen: true } : null,
    };
  }

  /** A team's engagements, newest first: the history stays readable. */
  async history(teamRef: string): Promise<EngagementSummary[]> {
    const engagements = await this.records.listEngagements(teamRef);
    const ids = engagements.map(e => e.id);
    const db = this.records.db;
    const [profiles, kindling, decisions, reports] = await Promise.all([
      db('engagement_profiles')
        .whereIn('engagement_id', ids)
        .select('engagement_id', 'situation'),
      db('engagement_kindling')
        .whereIn('engagement_id', ids)
        .select('engagement_id', 'state'),
      db('engagement_decisions')
        .whereIn('engagement_id', ids)
        .select('engagement_id'),
      this.records.engagementsWithReport(ids),
    ]);
    return engagements.map(engagement => ({
      engagement,
      situation:
        profiles.find(p => p.engagement_id === engagement.id)?.situation ??
        null,
      kindlingProgress: kindlingProgress(
        kindling
          .filter(k => k.engagement_id === engagement.id)
          .map(k => ({ state: k.state as KindlingState })),
      ),
      decisions: decisions.filter(d => d.engagement_id === engagement.id)
        .length,
      hasReport: reports.has(engagement.id),
    }));
  }

  async updateProfile(
    id: string,
    input: Out<typeof updateEngagementProfileSchema>,
    actor: string,
  ) {
    const { version, ...changes } = input;
    return this.records.inEngagement(id, (trx, engagement) =>
      this.records.writeProfile(
        trx,
        engagement,
        version,
        changes,
        actor,
        this.now(),
      ),
    );
  }

  /** Ticks a checklist item with evidence, or updates the evidence (with its version). */
  async tick(
    id: string,
    itemKey: string,
    input: Out<typeof tickChecklistItemSchema>,
    actor: string,
  ) {
    const item = checklistItem(itemKey);
    if (!item) {
      throw new InputError(
        `itemKey: ${itemKey} is not a checklist item; one of ${ENGAGEMENT_CHECKLIST.map(
          i => i.key,
        ).join(', ')}`,
      );
    }
    return this.records.inEngagement(id, async (trx, engagement) => {
      this.requireReached(
        engagement,
        item.phase,
        'itemKey',
        `${itemKey} belongs to`,
      );
      const now = this.now();
      const current = await this.records.getTick(trx, id, itemKey);
      if (!current) {
        if (input.version !== undefined) {
          throw new ConflictError(
            `engagement-checklist-item ${itemKey} is not ticked (anymore); reload and try again`,
          );
        }
        return this.records.ticks.create(
          trx,
          engagement,
          {
            phase: item.phase,
            item_key: itemKey,
            evidence: input.evidence,
            ticked_by: actor,
          },
          actor,
          now,
        );
      }
      if (input.version === undefined) {
        throw new ConflictError(
          `engagement-checklist-item ${itemKey} is already ticked by ${current.tickedBy} (version ${current.version}); send its version to change the evidence`,
        );
      }
      return this.records.ticks.update(
        trx,
        engagement,
        current.id,
        input.version,
        () => ({ evidence: input.evidence, ticked_by: actor }),
        actor,
        now,
      );
    });
  }

  async untick(id: string, itemKey: string, version: number, actor: string) {
    return this.records.inEngagement(id, async (trx, engagement) => {
      const current = await this.records.getTick(trx, id, itemKey);
      if (!current) {
        throw new NotFoundError(
          `engagement-checklist-item ${itemKey} is not ticked in engagement ${id}`,
        );
      }
      await this.records.ticks.delete(
        trx,
        engagement,
        current.id,
        version,
        actor,
        this.now(),
      );
    });
  }

  async createDecision(
    id: string,
    input: Out<typeof createEngagementDecisionSchema>,
    actor: string,
  ) {
    return this.records.inEngagement(id, (trx, engagement) => {
      const phase = this.phaseFor(engagement, input.phase);
      return this.records.decisions.create(
        trx,
        engagement,
        {
          phase,
          decision: input.decision,
          reason: input.reason,
          example: input.example,
          author: actor,
        },
        actor,
        this.now(),
      );
    });
  }

  async updateDecision(
    id: string,
    entryId: string,
    input: Out<typeof updateEngagementDecisionSchema>,
    actor: string,
  ) {
    const { version, ...changes } = input;
    return this.records.inEngagement(id, (trx, engagement) => {
      if (changes.phase) this.phaseFor(engagement, changes.phase);
      return this.records.decisions.update(
        trx,
        engagement,
        entryId,
        version,
        () => pickDefined(changes),
        actor,
        this.now(),
      );
    });
  }

  async createQuestion(
    id: string,
    input: Out<typeof createLeadingQuestionSchema>,
    actor: string,
  ) {
    return this.records.inEngagement(id, (trx, engagement) => {
      const now = this.now();
      return this.records.questions.create(
        trx,
        engagement,
        {
          phase: this.phaseFor(engagement, input.phase),
          question: input.question,
          asked_to: input.askedTo,
          answer: input.answer,
          answered_at: input.answer ? now : null,
          author: actor,
        },
        actor,
        now,
      );
    });
  }

  async updateQuestion(
    id: string,
    entryId: string,
    input: Out<typeof updateLeadingQuestionSchema>,
    actor: string,
  ) {
    const { version, ...changes } = input;
    return this.records.inEngagement(id, (trx, engagement) => {
      const now = this.now();
      return this.records.questions.update(
        trx,
        engagement,
        entryId,
        version,
        current => ({
          ...pickDefined({
            question: changes.question,
            asked_to: changes.askedTo,
          }),
          ...(changes.answer !== undefined && changes.answer !== current.answer
            ? {
                answer: changes.answer,
                answered_at: changes.answer ? now : null,
              }
            : {}),
        }),
        actor,
        now,
      );
    });
  }

  /**
   * What a kindling item fixes for good: a postmortem or stressor flag about an entity the
   * team owns. 400 naming `fixes.id` otherwise.
   */
  private async kindlingTarget(
    fixes: { kind: 'postmortem' | 'stressor-flag'; id: string },
    teamRef: string,
    credentials: BackstageCredentials,
  ): Promise<KindlingTarget> {
    let label: string;
    let entityRef: string;
    if (fixes.kind === 'postmortem') {
      const postmortem = await this.deps.store.postmortems.get(fixes.id);
      if (!postmortem) {
        throw new InputError(`fixes.id: postmortem ${fixes.id} does not exist`);
      }
      label = postmortem.title;
      entityRef = postmortem.entityRef;
    } else {
      const flag = await this.deps.store.flags.get(fixes.id);
      if (!flag) {
        throw new InputError(
          `fixes.id: stressor flag ${fixes.id} does not exist`,
        );
      }
      label = `${stressorTitle(flag.stressorKey)} on ${flag.entityRef}`;
      entityRef = flag.entityRef;
    }
    const entity = await this.deps.access
      .resolveEntity(entityRef, credentials, 'fixes.id')
      .catch(error => {
        if ((error as Error)?.name === 'NotFoundError') {
          throw new InputError(
            `fixes.id: the ${fixes.kind} is about ${entityRef}, which is not in the catalog`,
          );
        }
        throw error;
      });
    if (ownerOf(entity) !== teamRef) {
      throw new InputError(
        `fixes.id: the ${fixes.kind} is about ${entityRef}, which ${teamRef} does not own`,
      );
    }
    return {
      kind: fixes.kind,
      id: fixes.id,
      label: label.slice(0, 255),
      entityRef,
    };
  }

  /**
   * What kindling can fix for good: the postmortems and unresolved stressor flags of the
   * entities the engagement's team owns.
   */
  async kindlingTargets(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<KindlingTargetOptions> {
    const engagement = await this.records.getEngagement(id);
    const entities = await this.deps.figures.ownedEntities(
      engagement.teamRef,
      credentials,
    );
    const refs = entities.map(e =>
      stringifyEntityRef(e).toLocaleLowerCase('en-US'),
    );
    if (refs.length === 0) return { postmortems: [], flags: [] };
    const [postmortems, flags] = await Promise.all([
      this.deps.store.postmortems.listWhere(q =>
        q.whereIn('entity_ref', refs).limit(MAX_TARGETS),
      ),
      this.deps.store.flags.listWhere(q =>
        q
          .whereIn('entity_ref', refs)
          .whereNotIn('status', ['resolved', 'dismissed'])
          .limit(MAX_TARGETS),
      ),
    ]);
    return {
      postmortems: postmortems.map(p => ({
        kind: 'postmortem' as const,
        id: p.id,
        label: p.title,
        entityRef: p.entityRef,
      })),
      flags: flags.map(f => ({
        kind: 'stressor-flag' as const,
        id: f.id,
        label: `${stressorTitle(f.stressorKey)} on ${f.entityRef}`,
        entityRef: f.entityRef,
      })),
    };
  }

  /** One team member does the work: the assignee must be a member of the team. */
  private async requireMember(
    userRef: string,
    teamRef: string,
    credentials: BackstageCredentials,
  ) {
    const user = await this.deps.access.resolveRef(
      { ref: userRef, field: 'assigneeRef' },
      credentials,
      ['User'],
    );
    const member = (user.relations ?? []).some(
      r =>
        r.type === RELATION_MEMBER_OF &&
        r.targetRef.toLocaleLowerCase('en-US') === teamRef,
    );
    if (!member) {
      throw new InputError(
        `assigneeRef: ${userRef} is not a member of ${teamRef}; kindling is work one team member can do`,
      );
    }
  }

  async createKindling(
    id: string,
    input: Out<typeof createKindlingItemSchema>,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<KindlingItem> {
    const engagement = await this.records.getEngagement(id);
    const state = input.state as KindlingState;
    const problem = kindlingStateProblem('proposed', state);
    if (problem) {
      throw new InputError(`state: ${problem}`);
    }
    // Catalog reads before the transaction, which must not wait on the network.
    const fixes = await this.kindlingTarget(
      input.fixes,
      engagement.teamRef,
      credentials,
    );
    await this.requireMember(
      input.assigneeRef,
      engagement.teamRef,
      credentials,
    );
    if (input.reviewerRef) {
      await this.deps.access.resolveRef(
        { ref: input.reviewerRef, field: 'reviewerRef' },
        credentials,
        ['User'],
      );
    }
    return this.records.inEngagement(id, (trx, current) =>
      this.records.kindling.create(
        trx,
        current,
        {
          title: input.title,
          explanation: input.explanation,
          fixes_kind: fixes.kind,
          fixes_id: fixes.id,
          fixes_label: fixes.label,
          fixes_entity_ref: fixes.entityRef,
          assignee_ref: input.assigneeRef,
          reviewer_ref: input.reviewerRef ?? current.sreRef,
          state,
          reviewed_by: null,
          done_at: null,
          author: actor,
        },
        actor,
        this.now(),
      ),
    );
  }

  async updateKindling(
    id: string,
    entryId: string,
    input: Out<typeof updateKindlingItemSchema>,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<KindlingItem> {
    const engagement = await this.records.getEngagement(id);
    const fixes = input.fixes
      ? await this.kindlingTarget(input.fixes, engagement.teamRef, credentials)
      : undefined;
    if (input.assigneeRef) {
      await this.requireMember(
        input.assigneeRef,
        engagement.teamRef,
        credentials,
      );
    }
    if (input.reviewerRef) {
      await this.deps.access.resolveRef(
        { ref: input.reviewerRef, field: 'reviewerRef' },
        credentials,
        ['User'],
      );
    }
    return this.records.inEngagement(id, (trx, current) => {
      const now = this.now();
      return this.records.kindling.update(
        trx,
        current,
        entryId,
        input.version,
        item => {
          const state = input.state as KindlingState | undefined;
          if (state) {
            const problem = kindlingStateProblem(item.state, state);
            if (problem) throw new InputError(`state: ${problem}`);
          }
          return {
            ...pickDefined({
              title: input.title,
              explanation: input.explanation,
              assignee_ref: input.assigneeRef,
              reviewer_ref: input.reviewerRef,
            }),
            ...(fixes
              ? {
                  fixes_kind: fixes.kind,
                  fixes_id: fixes.id,
                  fixes_label: fixes.label,
                  fixes_entity_ref: fixes.entityRef,
                }
              : {}),
            ...(state && state !== item.state
              ? {
                  state,
                  done_at: state === 'done' ? now : null,
                  reviewed_by: state === 'done' ? actor : null,
                }
              : {}),
          };
        },
        actor,
        now,
      );
    });
  }

  async deleteEntry(
    kind: 'decisions' | 'kindling' | 'questions',
    id: string,
    entryId: string,
    version: number,
    actor: string,
  ) {
    const table = this.records[kind];
    return this.records.inEngagement(id, (trx, engagement) =>
      table.delete(trx, engagement, entryId, version, actor, this.now()),
    );
  }

  /**
   * Moves the engagement to another phase. Open checklist items left behind, or a move
   * back, need a reason (kept with the transition). Closing generates the after-action
   * report and freezes it in the same transaction; the team is notified after the commit.
   */
  async transition(
    id: string,
    input: Out<typeof transitionEngagementSchema>,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<EngagementRecord> {
    const before = await this.records.getEngagement(id);
    const to = input.to as EngagementPhase;
    const closing = to === 'closed' && before.phase !== 'closed';
    // Figures read before the transaction: the catalog and SLO sources are remote.
    const figures = closing
      ? await this.reportFigures(before, credentials)
      : undefined;

    const { engagement, transition } = await this.records.inEngagement(
      id,
      async (trx, current) => {
        const ticks = await this.records.ticks.list(trx, id);
        const openItems = openChecklistItems(
          phasesLeft(current.phase, to),
          ticks.map(t => t.itemKey),
        );
        const problem = engagementTransitionProblem({
          from: current.phase,
          to,
          reason: input.reason,
          openItems,
          endDate: current.endDate,
        });
        if (problem?.status === 409) {
          throw new ConflictError(`engagement ${id}: ${problem.message}`);
        }
        if (current.version !== input.version) {
          throw new ConflictError(
            `engagement ${id} was changed by someone else: you sent version ${input.version} (current version ${current.version}); reload and try again`,
          );
        }
        if (problem) {
          throw new InputError(`${problem.field}: ${problem.message}`);
        }
        const now = this.now();
        const changed = await this.records.changePhase(
          trx,
          current,
          input.version,
          {
            to,
            reason: input.reason ?? null,
            openItems,
            endDate: to === 'closed' ? this.today() : undefined,
          },
          actor,
          now,
        );
        if (to === 'closed') {
          await this.freeze(trx, changed.engagement, figures!, {
            actor,
            now,
            frozenLate: false,
          });
        }
        return changed;
      },
      { allowClosed: true },
    );
    // Not awaited: a slow notifications backend must not hold up the phase change.
    this.deps.notifier
      .phaseChanged({ engagement, transition })
      .catch(error =>
        this.deps.logger.warn(`Engagement notification failed: ${error}`),
      );
    return this.record(engagement.id);
  }

  /** The start (snapshot, or derived from history) and end figures of a report. */
  private async reportFigures(
    engagement: Engagement,
    credentials: BackstageCredentials,
  ): Promise<{ start: EngagementFigures; end: EngagementFigures }> {
    const profile = await this.records.getProfile(engagement.id);
    const endDate = engagement.endDate ?? this.today();
    const [start, end] = await Promise.all([
      profile?.startFigures ??
        this.deps.figures.atStartFromHistory(
          engagement.teamRef,
          credentials,
          engagement.startDate,
        ),
      this.deps.figures.current(
        engagement.teamRef,
        credentials,
        endDate,
        'until',
      ),
    ]);
    return { start, end };
  }

  /** Generates the report from the record as read in `trx` and stores it once. */
  private async freeze(
    trx: WriteTransaction,
    engagement: Engagement,
    figures: { start: EngagementFigures; end: EngagementFigures },
    options: { actor: string; now: Date; frozenLate: boolean },
  ) {
    const report = await this.generate(trx, engagement, figures, options);
    return this.records.freezeReport(
      trx,
      engagement,
      report,
      renderAfterActionReportMarkdown(report),
      options,
    );
  }

  private async generate(
    db: Knex | Knex.Transaction,
    engagement: Engagement,
    figures: { start: EngagementFigures; end: EngagementFigures },
    options: { actor: string; now: Date },
  ) {
    const id = engagement.id;
    const [
      profile,
      ticks,
      decisions,
      kindling,
      questions,
      transitions,
      samples,
    ] = await Promise.all([
      this.records.getProfile(id, db),
      this.records.ticks.list(db, id),
      this.records.decisions.list(db, id),
      this.records.kindling.list(db, id),
      this.records.questions.list(db, id),
      this.records.listTransitions(id, db),
      db('ops_load_samples')
        .where({ team_ref: engagement.teamRef })
        .orderBy('week_start', 'asc')
        .then(rows => rows.map(this.deps.store.opsLoad.mapping.toRecord)),
    ]);
    return buildAfterActionReport({
      engagement,
      profile,
      ticks,
      decisions,
      kindling,
      questions,
      transitions,
      samples,
      startFigures: figures.start,
      endFigures: figures.end,
      endDate: engagement.endDate ?? options.now.toISOString().slice(0, 10),
      generatedAt: options.now.toISOString(),
      generatedBy: options.actor,
    });
  }

  /**
   * The after-action report: frozen once the engagement is closed, a live preview before.
   * An engagement closed through the generic PATCH route gets its report frozen at the
   * first read (marked `frozenLate`).
   */
  async report(
    id: string,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<AfterActionReportDocument> {
    const engagement = await this.records.getEngagement(id);
    const stored = await this.records.getReport(id);
    if (stored) {
      return {
        frozen: true,
        ...(stored.frozenLate ? { frozenLate: true } : {}),
        report: stored.report,
        // Rendered from the frozen report, not the Markdown stored beside it: a report
        // frozen by an older writer must not serve user text unescaped.
        markdown: renderAfterActionReportMarkdown(stored.report),
      };
    }
    const figures = await this.reportFigures(engagement, credentials);
    const now = this.now();
    if (engagement.phase === 'closed') {
      const frozen = await this.records.inEngagement(
        id,
        (trx, current) =>
          this.freeze(trx, current, figures, {
            actor: SYSTEM_ACTOR,
            now,
            frozenLate: true,
          }),
        { allowClosed: true },
      );
      return {
        frozen: true,
        ...(frozen.frozenLate ? { frozenLate: true } : {}),
        report: frozen.report,
        markdown: frozen.markdown,
      };
    }
    const report = await this.generate(this.records.db, engagement, figures, {
      actor,
      now,
    });
    return {
      frozen: false,
      report,
      markdown: renderAfterActionReportMarkdown(report),
    };
  }

  /** The phase a decision or question belongs to: the current one by default, never later. */
  private phaseFor(engagement: Engagement, phase?: WorkPhase): WorkPhase {
    const current = engagement.phase as WorkPhase;
    if (!phase) return current;
    this.requireReached(engagement, phase, 'phase', 'the entry is for');
    return phase;
  }

  private requireReached(
    engagement: Engagement,
    phase: WorkPhase,
    field: string,
    what: string,
  ) {
    if (phaseIndex(phase) > phaseIndex(engagement.phase)) {
      throw new InputError(
        `${field}: ${what} ${phase}, a later phase than the engagement's (${engagement.phase})`,
      );
    }
  }
}

/** Only the entries that are set. */
function pickDefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  );
}
