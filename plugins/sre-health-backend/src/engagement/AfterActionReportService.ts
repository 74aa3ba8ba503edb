import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AfterActionReportDocument,
  Engagement,
  EngagementFigures,
  buildAfterActionReport,
  renderAfterActionReportMarkdown,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthStore } from '../store';
import type { WriteTransaction } from '../database/unitOfWork';
import type { EngagementRecordStore } from './EngagementRecordStore';
import type { EngagementFiguresReader } from './figures';
import type { Db } from './recordTable';
import type { StoredReport } from './reportRows';

/** Who freezes the report of an engagement closed through the generic PATCH route. */
const SYSTEM_ACTOR = 'sre-health:engagement-record';

/** The figures at the start and at the end of an engagement. @internal */
export interface ReportFigures {
  start: EngagementFigures;
  end: EngagementFigures;
}

/** @internal */
export interface AfterActionReportServiceOptions {
  store: SreHealthStore;
  records: EngagementRecordStore;
  figures: EngagementFiguresReader;
  /**
   * The interrupt ledger's evidence by kindling item id (the opsTime feature's ledger):
   * the report quotes whether a cleared item's causes fell. A failure leaves it out.
   */
  interruptEvidence?: (
    teamRef: string,
  ) => Promise<ReadonlyMap<string, string[]>>;
  now?: () => Date;
}

/**
 * The after-action report: generated from the record, frozen once at close, a live
 * preview before.
 * @internal
 */
export class AfterActionReportService {
  constructor(private readonly deps: AfterActionReportServiceOptions) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * The report: frozen once the engagement is closed, a live preview before. An
   * engagement closed through the generic PATCH route gets its report frozen at the
   * first read (marked `frozenLate`).
   */
  async report(
    id: string,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<AfterActionReportDocument> {
    const { records } = this.deps;
    const engagement = await records.getEngagement(id);
    const stored = await records.getReport(id);
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
    const figures = await this.figures(engagement, credentials);
    const now = this.now();
    if (engagement.phase === 'closed') {
      const frozen = await records.inEngagement(
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
    const report = await this.generate(records.db, engagement, figures, {
      actor,
      now,
    });
    return {
      frozen: false,
      report,
      markdown: renderAfterActionReportMarkdown(report),
    };
  }

  /**
   * The start (snapshot, or derived from history) and end figures of a report. Read
   * before a transaction: the catalog and SLO sources are remote.
   */
  async figures(
    engagement: Engagement,
    credentials: BackstageCredentials,
  ): Promise<ReportFigures> {
    const profile = await this.deps.records.getProfile(engagement.id);
    const endDate = engagement.endDate ?? this.now().toISOString().slice(0, 10);
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
  async freeze(
    trx: WriteTransaction,
    engagement: Engagement,
    figures: ReportFigures,
    options: { actor: string; now: Date; frozenLate: boolean },
  ): Promise<StoredReport> {
    const report = await this.generate(trx, engagement, figures, options);
    return this.deps.records.freezeReport(
      trx,
      engagement,
      report,
      renderAfterActionReportMarkdown(report),
      options,
    );
  }

  private async generate(
    db: Db,
    engagement: Engagement,
    figures: ReportFigures,
    options: { actor: string; now: Date },
  ) {
    const { records, store } = this.deps;
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
      records.getProfile(id, db),
      records.ticks.list(db, id),
      records.decisions.list(db, id),
      records.kindling.list(db, id),
      records.questions.list(db, id),
      records.listTransitions(id, db),
      // in `db`: a report frozen at close sees the record as the closing transaction does
      db('ops_load_samples')
        .where({ team_ref: engagement.teamRef })
        .orderBy('week_start', 'asc')
        .then(rows => rows.map(store.opsLoad.mapping.toRecord)),
    ]);
    const interruptEvidence = await this.deps
      .interruptEvidence?.(engagement.teamRef)
      .catch(() => undefined);
    return buildAfterActionReport({
      engagement,
      profile,
      ticks,
      decisions,
      kindling,
      questions,
      transitions,
      samples,
      interruptEvidence,
      startFigures: figures.start,
      endFigures: figures.end,
      endDate: engagement.endDate ?? options.now.toISOString().slice(0, 10),
      generatedAt: options.now.toISOString(),
      generatedBy: options.actor,
    });
  }
}
