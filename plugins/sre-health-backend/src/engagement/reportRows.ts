import type { Knex } from 'knex';
import type {
  AfterActionReport,
  Engagement,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { AuditLog } from '../database/AuditLog';
import { toIso } from '../database/tables';
import type { WriteTransaction } from '../database/unitOfWork';
import type { Db } from './recordTable';
import type { ReportRow } from './tables';

/** The stored, frozen report of a closed engagement. @internal */
export interface StoredReport {
  report: AfterActionReport;
  markdown: string;
  frozenLate: boolean;
  generatedAt: string;
}

/**
 * The after-action reports of closed engagements: stored once, never changed.
 * @internal
 */
export class ReportRows {
  constructor(private readonly db: Knex, private readonly audit: AuditLog) {}

  async get(
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
  async freeze(
    trx: WriteTransaction,
    engagement: Engagement,
    report: AfterActionReport,
    markdown: string,
    options: { frozenLate: boolean; actor: string; now: Date },
  ): Promise<StoredReport> {
    const existing = await this.get(engagement.id, trx);
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
    return (await this.get(engagement.id, trx))!;
  }
}
