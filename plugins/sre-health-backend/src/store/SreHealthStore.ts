import type { Knex } from 'knex';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { AuditLog } from '../database/AuditLog';
import { isUniqueViolation } from '../database/errors';
import { SloEventStore } from '../slo/SloEventStore';
import { VersionedRepository } from '../database/VersionedRepository';
import { activeEngagementRow, engagementMapping } from '../engagement/mapping';
import { expertiseMapping } from '../expertise/mapping';
import { fireMapping } from '../fires/mapping';
import {
  alertDiagnosisMapping,
  complaintMapping,
  deferredProblemMapping,
} from '../inputs/mapping';
import { opsLoadSampleMapping } from '../opsLoad/mapping';
import { interruptCauseMapping } from '../opsTime/mapping';
import { postmortemMapping } from '../postmortems/mapping';
import { sloDefinitionMapping } from '../slo/mapping';
import { stressorFlagMapping } from '../stressors/mapping';
import type {
  Engagement,
  SloSummary,
} from '@sre-health/backstage-plugin-sre-health-common';
import { toIso } from '../database/tables';

const migrationsDir = resolvePackagePath(
  '@sre-health/backstage-plugin-sre-health-backend',
  'migrations',
);

/** Applies the plugin's migrations. @internal */
export async function migrateSreHealthDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

/**
 * The plugin's storage, in the portal's own database (SQLite or PostgreSQL).
 * @internal
 */
export class SreHealthStore {
  readonly audit: AuditLog;
  readonly flags;
  readonly engagements;
  readonly postmortems;
  readonly fires;
  readonly opsLoad;
  readonly expertise;
  readonly sloDefinitions;
  readonly sloEvents: SloEventStore;
  readonly deferredProblems;
  readonly complaints;
  readonly alertDiagnoses;
  readonly interruptCauses;

  static async create(options: {
    database: DatabaseService;
  }): Promise<SreHealthStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrateSreHealthDatabase(client);
    }
    return new SreHealthStore(client);
  }

  private constructor(readonly db: Knex) {
    this.audit = new AuditLog(db);
    this.flags = new VersionedRepository(db, this.audit, stressorFlagMapping);
    this.engagements = new VersionedRepository(
      db,
      this.audit,
      engagementMapping,
    );
    this.postmortems = new VersionedRepository(
      db,
      this.audit,
      postmortemMapping,
    );
    this.fires = new VersionedRepository(db, this.audit, fireMapping);
    this.opsLoad = new VersionedRepository(
      db,
      this.audit,
      opsLoadSampleMapping,
    );
    this.expertise = new VersionedRepository(db, this.audit, expertiseMapping);
    this.sloDefinitions = new VersionedRepository(
      db,
      this.audit,
      sloDefinitionMapping,
    );
    this.sloEvents = new SloEventStore(db);
    this.deferredProblems = new VersionedRepository(db, this.audit, deferredProblemMapping);
    this.complaints = new VersionedRepository(db, this.audit, complaintMapping);
    this.alertDiagnoses = new VersionedRepository(db, this.audit, alertDiagnosisMapping);
    this.interruptCauses = new VersionedRepository(db, this.audit, interruptCauseMapping);
  }

  async activeEngagement(teamRef: string): Promise<Engagement | undefined> {
    const row = await activeEngagementRow(this.db, teamRef);
    return row ? engagementMapping.toRecord(row) : undefined;
  }

  /** The last status computed from an external source, shown when it is down. */
  async lastSloStatus(
    entityRef: string,
    sloName: string,
  ): Promise<{ summary: SloSummary; computedAt: string } | undefined> {
    const row = await this.db('slo_last_status')
      .where({ entity_ref: entityRef, slo_name: sloName })
      .first();
    return row
      ? { summary: JSON.parse(row.summary), computedAt: toIso(row.computed_at) }
      : undefined;
  }

  async saveSloStatus(
    entityRef: string,
    sloName: string,
    summary: SloSummary,
  ): Promise<void> {
    await this.db('slo_last_status')
      .insert({
        entity_ref: entityRef,
        slo_name: sloName,
        summary: JSON.stringify(summary),
        computed_at: new Date(summary.computedAt),
      })
      .onConflict(['entity_ref', 'slo_name'])
      .merge(['summary', 'computed_at']);
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db('plugin_meta').where({ key }).first();
    return row?.value;
  }

  /** Inserts `key` once; returns false when it was already there (e.g. demo data seeded). */
  async claimMeta(key: string, value: string): Promise<boolean> {
    try {
      await this.db('plugin_meta').insert({ key, value });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
