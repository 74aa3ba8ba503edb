import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ENGAGEMENT_CHECKLIST,
  Engagement,
  EngagementPhase,
  EngagementRecord,
  EngagementSummary,
  checklistItem,
  engagementTransitionProblem,
  createEngagementSchema,
  kindlingProgress,
  openChecklistItems,
  phasesLeft,
  plannedEndProblem,
  startEngagementSchema,
  tickChecklistItemSchema,
  transitionEngagementSchema,
  updateEngagementProfileSchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { z } from 'zod';
import type { SreHealthStore } from '../store';
import type { Access } from '../http/access';
import { assertSreMember } from '../catalog/sreGroups';
import { ledPostmortemColumns, linkLedPostmortem } from '../postmortems';
import type { AfterActionReportService } from './AfterActionReportService';
import type { EngagementRecordStore } from './EngagementRecordStore';
import type { EngagementFiguresReader } from './figures';
import type { EngagementNotifier } from './notifier';
import { assertCanStart, planSeats } from './seats';
import { expiredExemptions } from './exemptions';
import { buildTimeline, genericTransitions } from './timeline';

const DAY = 86_400_000;
/** A start recorded within this many days is snapshotted now; older ones are derived. */
const SNAPSHOT_GRACE_DAYS = 7;

type Out<T extends z.ZodTypeAny> = z.output<T>;

/** @internal */
export interface EngagementLifecycleServiceOptions {
  store: SreHealthStore;
  records: EngagementRecordStore;
  figures: EngagementFiguresReader;
  reports: AfterActionReportService;
  access: Access;
  /** Where the team's nested and parent groups are read (one SRE across nested groups). */
  catalog: CatalogService;
  notifier: EngagementNotifier;
  /** `sreHealth.sreGroups`, canonical group refs. */
  sreGroups: string[];
  logger: LoggerService;
  now?: () => Date;
}

/**
 * An engagement's lifecycle: started with one SRE and its situation, the phase checklists
 * ticked with evidence, moved on (or back) with reasons, and closed with its after-action
 * report frozen. Also the reads of the whole record and of a team's history.
 * @internal
 */
export class EngagementLifecycleService {
  private readonly records: EngagementRecordStore;

  constructor(private readonly deps: EngagementLifecycleServiceOptions) {
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

  /**
   * The rules every new engagement passes, before its transaction: a real SRE, a start
   * that has come, an end planned after it, and one SRE at a time (the seats it takes).
   */
  private async admit(
    input: Out<typeof createEngagementSchema>,
    team: Entity,
    credentials: BackstageCredentials,
  ) {
    const sre = await this.deps.access.resolveRef(
      { ref: input.sreRef, field: 'sreRef' },
      credentials,
      ['User'],
    );
    assertSreMember(sre, input.sreRef, this.deps.sreGroups);
    const startDate = input.startDate ?? this.today();
    if (startDate > this.today()) {
      throw new InputError(`startDate: ${startDate} is in the future`);
    }
    const problem = plannedEndProblem(startDate, input.plannedEndDate);
    if (problem) throw new InputError(`plannedEndDate: ${problem}`);
    const seats = await planSeats(this.deps.catalog, team, credentials);
    await assertCanStart(
      this.records.db,
      seats,
      input.sreRef,
      input.concurrentReason,
    );
    return {
      teamRef: input.teamRef,
      sreRef: input.sreRef,
      startDate,
      plannedEndDate: input.plannedEndDate,
      concurrentReason: input.concurrentReason ?? null,
      goals: input.goals,
      seats: seats.groups,
    };
  }

  /** An engagement as a bare record (`POST /engagements`): no profile, no figures. */
  async create(
    input: Out<typeof createEngagementSchema>,
    team: Entity,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<Engagement> {
    const values = await this.admit(input, team, credentials);
    return this.records.startEngagement(values, actor, this.now());
  }

  /** Embeds one SRE with a team, its situation sorted and its figures snapshotted. */
  async start(
    input: Out<typeof startEngagementSchema>,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<EngagementRecord> {
    const team = await this.deps.access.resolveEntity(
      input.teamRef,
      credentials,
      'teamRef',
    );
    const values = await this.admit(input, team, credentials);
    const { startDate } = values;
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
        ...values,
        situation: input.situation,
        situationNotes: input.situationNotes,
        startFigures,
      },
      actor,
      this.now(),
    );
    return this.record(engagement.id, credentials);
  }

  /** Everything about one engagement, in one read (the team's services as `credentials` see them). */
  async record(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<EngagementRecord> {
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
    const exemptions = await expiredExemptions(
      { audit: this.deps.store.audit, figures: this.deps.figures },
      engagement,
      credentials,
      transitions.find(t => t.to === 'closed')?.at,
    );
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
        exemptions,
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
      this.records.getProfiles(ids),
      this.records.kindling.listIn(db, ids),
      this.records.decisions.listIn(db, ids),
      this.records.engagementsWithReport(ids),
    ]);
    const of = (engagement: Engagement) => (entry: { engagementId: string }) =>
      entry.engagementId === engagement.id;
    return engagements.map(engagement => ({
      engagement,
      situation: profiles.find(of(engagement))?.situation ?? null,
      kindlingProgress: kindlingProgress(kindling.filter(of(engagement))),
      decisions: decisions.filter(of(engagement)).length,
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

  /**
   * Ticks a checklist item with evidence, or updates the evidence (with its version). Any
   * item in any phase: phases guide, they do not gate. The tick keeps the phase it was made
   * in, so one ticked before its phase says so.
   */
  async tick(
    id: string,
    itemKey: string,
    input: Out<typeof tickChecklistItemSchema>,
    actor: string,
    credentials: BackstageCredentials,
  ) {
    const item = checklistItem(itemKey);
    if (!item) {
      throw new InputError(
        `itemKey: ${itemKey} is not a checklist item; one of ${ENGAGEMENT_CHECKLIST.map(
          i => i.key,
        ).join(', ')}`,
      );
    }
    // "Led the next postmortem" links to the postmortem led (resolved before the write).
    const led = ledPostmortemColumns(
      await linkLedPostmortem(this.deps, {
        itemKey,
        postmortemId: input.postmortemId,
        creating: input.version === undefined,
        teamRef: (await this.records.getEngagement(id)).teamRef,
        credentials,
      }),
    );
    return this.records.inEngagement(id, async (trx, engagement) => {
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
            ticked_in_phase: engagement.phase,
            ...led,
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
        () => ({ evidence: input.evidence, ticked_by: actor, ...led }),
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
      ? await this.deps.reports.figures(before, credentials)
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
          await this.deps.reports.freeze(trx, changed.engagement, figures!, {
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
    return this.record(engagement.id, credentials);
  }
}
