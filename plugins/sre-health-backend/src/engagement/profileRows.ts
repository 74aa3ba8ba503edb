import type { Knex } from 'knex';
import type {
  Engagement,
  EngagementFigures,
  EngagementProfile,
  EngagementSituation,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { AuditLog } from '../database/AuditLog';
import { toIso } from '../database/tables';
import type { WriteTransaction } from '../database/unitOfWork';
import { Db, stale } from './recordTable';
import type { EngagementProfileRow } from './tables';

const RESOURCE_TYPE = 'engagement-profile';

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

/** Profile fields a write may set. @internal */
export interface ProfileChanges {
  situation?: EngagementSituation;
  situationNotes?: string;
  summary?: string;
  principles?: string[];
}

function toColumns(changes: ProfileChanges): Partial<EngagementProfileRow> {
  const columns: Partial<EngagementProfileRow> = {};
  if (changes.situation !== undefined) columns.situation = changes.situation;
  if (changes.situationNotes !== undefined)
    columns.situation_notes = changes.situationNotes;
  if (changes.summary !== undefined) columns.summary = changes.summary;
  if (changes.principles !== undefined)
    columns.principles = JSON.stringify(changes.principles);
  return columns;
}

/**
 * The engagement's profile (situation, summary, principles, start figures): one row per
 * engagement, keyed by the engagement's id, versioned and audited like every record.
 * @internal
 */
export class ProfileRows {
  constructor(private readonly db: Knex, private readonly audit: AuditLog) {}

  async get(
    engagementId: string,
    db: Db = this.db,
  ): Promise<EngagementProfile | null> {
    const row: EngagementProfileRow | undefined =
      await db<EngagementProfileRow>('engagement_profiles')
        .where({ engagement_id: engagementId })
        .first();
    return row ? toProfile(row) : null;
  }

  /** The profiles of several engagements; those without one are left out. */
  async getMany(engagementIds: string[]): Promise<EngagementProfile[]> {
    if (engagementIds.length === 0) return [];
    const rows: EngagementProfileRow[] = await this.db<EngagementProfileRow>(
      'engagement_profiles',
    ).whereIn('engagement_id', engagementIds);
    return rows.map(toProfile);
  }

  /**
   * Creates the profile (`expectedVersion` undefined, and there is none yet) or updates it
   * (`expectedVersion` current). Anything else is a 409.
   */
  async write(
    trx: WriteTransaction,
    engagement: Engagement,
    expectedVersion: number | undefined,
    changes: ProfileChanges,
    actor: string,
    now: Date,
    startFigures?: EngagementFigures | null,
  ): Promise<EngagementProfile> {
    const before = await this.get(engagement.id, trx);
    const columns = toColumns(changes);
    if (!before) {
      if (expectedVersion !== undefined) {
        throw stale(RESOURCE_TYPE, engagement.id, expectedVersion);
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
          RESOURCE_TYPE,
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
        throw stale(RESOURCE_TYPE, engagement.id, expectedVersion);
      }
    }
    const after = (await this.get(engagement.id, trx))!;
    await this.audit.record(
      trx,
      {
        entityRef: engagement.teamRef,
        actor,
        action: before ? 'update' : 'create',
        resourceType: RESOURCE_TYPE,
        resourceId: engagement.id,
        before,
        after,
      },
      now,
    );
    return after;
  }
}
