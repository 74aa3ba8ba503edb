import type { Knex } from 'knex';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import {
  MAX_LISTED_EXCLUDED_FILES,
  MAX_LISTED_FILES,
  type OnCallShift,
  type TruckFactorExclusions,
} from '@sre-health/backstage-plugin-sre-health-common';
import { toIso } from '../database/tables';
import { unitOfWork } from '../database/unitOfWork';
import type {
  AuthorSummary,
  AuthorshipMap,
  MergedIdentities,
  RunInfo,
  TruckFactorResult,
  TruckFactorState,
} from '../truckFactor';
import type { OnCallShiftRow, TruckFactorAnalysisRow } from './tables';

/** Most authors a stored result keeps (the counts stay complete). */
const MAX_STORED_AUTHORS = 100;

/**
 * The figures of the last successful analysis, without the authorship map (stored apart,
 * read only by the what-if) and without the engine state (read only by the next run).
 * @internal
 */
export interface StoredTruckFactorResult {
  truckFactor: number;
  truckFactorAuthors: string[];
  activeTruckFactor: number;
  activeTruckFactorAuthors: string[];
  fileCount: number;
  excludedFileCount: number;
  filesWithoutAuthor: number;
  topAuthors: AuthorSummary[];
  departedAuthors: AuthorSummary[];
  lostFiles: { count: number; paths: string[] };
  /** Absent in results stored before the exclusion rules were kept. */
  exclusions?: TruckFactorExclusions;
  mergedIdentities?: MergedIdentities[];
  headSha: string;
  analyzedAt: string;
  run: RunInfo;
}

/** One component's analysis as stored: the last attempt, and the last good figures. @internal */
export interface TruckFactorAnalysisRecord {
  entityRef: string;
  repository: string;
  status: 'ok' | 'unavailable';
  reason: string | null;
  headSha: string | null;
  /** When the last attempt ran (successful or not). */
  attemptedAt: string;
  durationMs: number;
  result: StoredTruckFactorResult | null;
}

/** The authorship map, compact: author names once, files pointing at them by index. */
interface StoredAuthorship {
  authors: string[];
  files: Array<[string, number[]]>;
}

const SUMMARY_COLUMNS = [
  'entity_ref',
  'repository',
  'status',
  'reason',
  'head_sha',
  'result',
  'analyzed_at',
  'duration_ms',
] as const;

/**
 * Storage of the knowledge-silo inputs that are not SRE annotations: truck-factor analyses
 * of git repositories and pushed on-call shifts. The tables come with the plugin's
 * migrations, which `SreHealthStore.create` applies.
 * @internal
 */
export class KnowledgeStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<KnowledgeStore> {
    return new KnowledgeStore(await options.database.getClient());
  }

  constructor(private readonly db: Knex) {}

  async getAnalysis(
    entityRef: string,
  ): Promise<TruckFactorAnalysisRecord | undefined> {
    const row = await this.db<TruckFactorAnalysisRow>('truck_factor_analyses')
      .select(...SUMMARY_COLUMNS)
      .where({ entity_ref: entityRef })
      .first();
    return row ? toRecord(row as TruckFactorAnalysisRow) : undefined;
  }

  async listAnalyses(
    entityRefs: readonly string[],
  ): Promise<Map<string, TruckFactorAnalysisRecord>> {
    const result = new Map<string, TruckFactorAnalysisRecord>();
    for (let i = 0; i < entityRefs.length; i += 500) {
      const rows = await this.db<TruckFactorAnalysisRow>(
        'truck_factor_analyses',
      )
        .select(...SUMMARY_COLUMNS)
        .whereIn('entity_ref', entityRefs.slice(i, i + 500));
      for (const row of rows) {
        result.set(row.entity_ref, toRecord(row as TruckFactorAnalysisRow));
      }
    }
    return result;
  }

  /** The engine state of the last good run, if it was of the same repository. */
  async getState(
    entityRef: string,
    repository: string,
  ): Promise<TruckFactorState | undefined> {
    const row = await this.db<TruckFactorAnalysisRow>('truck_factor_analyses')
      .select('repository', 'state')
      .where({ entity_ref: entityRef })
      .first();
    if (!row?.state || row.repository !== repository) return undefined;
    return JSON.parse(row.state) as TruckFactorState;
  }

  /** Who authors each file, as of the last good run. */
  async getAuthorship(entityRef: string): Promise<AuthorshipMap | undefined> {
    const row = await this.db<TruckFactorAnalysisRow>('truck_factor_analyses')
      .select('authorship')
      .where({ entity_ref: entityRef })
      .first();
    if (!row?.authorship) return undefined;
    const stored = JSON.parse(row.authorship) as StoredAuthorship;
    return {
      authorsByFile: Object.fromEntries(
        stored.files.map(([path, ids]) => [
          path,
          ids.map(id => stored.authors[id]),
        ]),
      ),
    };
  }

  async saveResult(
    entityRef: string,
    repository: string,
    analysis: TruckFactorResult,
    analyzedAt: Date,
  ): Promise<StoredTruckFactorResult> {
    const result: StoredTruckFactorResult = {
      truckFactor: analysis.truckFactor,
      truckFactorAuthors: analysis.truckFactorAuthors,
      activeTruckFactor: analysis.activeTruckFactor,
      activeTruckFactorAuthors: analysis.activeTruckFactorAuthors,
      fileCount: analysis.fileCount,
      excludedFileCount: analysis.excludedFileCount,
      filesWithoutAuthor: analysis.filesWithoutAuthor,
      topAuthors: analysis.topAuthors.slice(0, MAX_STORED_AUTHORS),
      departedAuthors: analysis.departedAuthors.slice(0, MAX_STORED_AUTHORS),
      lostFiles: {
        count: analysis.lostFiles.length,
        paths: analysis.lostFiles.slice(0, MAX_LISTED_FILES),
      },
      exclusions: {
        count: analysis.excludedFileCount,
        byRule: analysis.excludedByRule,
        files: analysis.excludedFiles.slice(0, MAX_LISTED_EXCLUDED_FILES),
      },
      mergedIdentities: analysis.mergedIdentities.slice(0, MAX_STORED_AUTHORS),
      headSha: analysis.headSha,
      analyzedAt: analyzedAt.toISOString(),
      run: analysis.run,
    };
    await unitOfWork(this.db, { entityRefs: [entityRef] }, trx =>
      trx('truck_factor_analyses')
        .insert({
          entity_ref: entityRef,
          repository,
          status: 'ok',
          reason: null,
          head_sha: analysis.headSha,
          state: JSON.stringify(analysis.state),
          result: JSON.stringify(result),
          authorship: JSON.stringify(compactAuthorship(analysis)),
          analyzed_at: analyzedAt,
          duration_ms: analysis.run.durationMs,
        })
        .onConflict('entity_ref')
        .merge(),
    );
    return result;
  }

  /**
   * Records a failed attempt. The last good figures and state stay (the card shows them
   * as last known) unless they were of another repository.
   */
  async saveUnavailable(
    entityRef: string,
    repository: string,
    reason: string,
    attemptedAt: Date,
    durationMs: number,
  ): Promise<void> {
    await unitOfWork(this.db, { entityRefs: [entityRef] }, async trx => {
      const current = await trx<TruckFactorAnalysisRow>('truck_factor_analyses')
        .select('repository')
        .where({ entity_ref: entityRef })
        .first();
      const attempt = {
        status: 'unavailable' as const,
        reason,
        analyzed_at: attemptedAt,
        duration_ms: durationMs,
      };
      if (current && current.repository === repository) {
        await trx('truck_factor_analyses')
          .where({ entity_ref: entityRef })
          .update(attempt);
        return;
      }
      const row = {
        entity_ref: entityRef,
        repository,
        head_sha: null,
        state: null,
        result: null,
        authorship: null,
        ...attempt,
      };
      await trx('truck_factor_analyses')
        .insert(row)
        .onConflict('entity_ref')
        .merge();
    });
  }

  /** Analyses of components that no longer have a repository to analyse. */
  async deleteAnalysesExcept(entityRefs: readonly string[]): Promise<number> {
    const keep = new Set(entityRefs);
    const stored = await this.db<TruckFactorAnalysisRow>(
      'truck_factor_analyses',
    ).select('entity_ref');
    const stale = stored.map(r => r.entity_ref).filter(ref => !keep.has(ref));
    if (stale.length === 0) return 0;
    await unitOfWork(this.db, { entityRefs: stale }, async trx => {
      for (let i = 0; i < stale.length; i += 500) {
        await trx('truck_factor_analyses')
          .whereIn('entity_ref', stale.slice(i, i + 500))
          .delete();
      }
    });
    return stale.length;
  }

  /**
   * Stores shifts of one component; a shift already there (same user and start) gets the
   * new end and source, so a retried push changes nothing.
   */
  async upsertShifts(
    entityRef: string,
    shifts: ReadonlyArray<{
      userRef: string;
      startsAt: string;
      endsAt: string;
    }>,
    source: string,
    recordedAt: Date,
  ): Promise<number> {
    // one row per key: PostgreSQL refuses to update a row twice in one statement
    const byKey = new Map<string, Record<string, unknown>>();
    for (const s of shifts) {
      const startsAt = new Date(s.startsAt);
      byKey.set(`${s.userRef}\0${startsAt.getTime()}`, {
        entity_ref: entityRef,
        user_ref: s.userRef,
        starts_at: startsAt,
        ends_at: new Date(s.endsAt),
        source,
        recorded_at: recordedAt,
      });
    }
    const rows = [...byKey.values()];
    await unitOfWork(this.db, { entityRefs: [entityRef] }, async trx => {
      for (let i = 0; i < rows.length; i += 100) {
        await trx('oncall_shifts')
          .insert(rows.slice(i, i + 100))
          .onConflict(['entity_ref', 'user_ref', 'starts_at'])
          .merge(['ends_at', 'source', 'recorded_at']);
      }
    });
    return rows.length;
  }

  /** Shifts of components that end at or after `since`, newest first. */
  async listShifts(
    entityRefs: readonly string[],
    options: { since?: Date; limit?: number } = {},
  ): Promise<OnCallShift[]> {
    if (entityRefs.length === 0) return [];
    const query = this.db<OnCallShiftRow>('oncall_shifts')
      .whereIn('entity_ref', [...entityRefs])
      .orderBy([
        { column: 'starts_at', order: 'desc' },
        { column: 'user_ref', order: 'asc' },
      ]);
    if (options.since) query.where('ends_at', '>=', options.since);
    if (options.limit) query.limit(options.limit);
    const rows: OnCallShiftRow[] = await query;
    return rows.map(r => ({
      entityRef: r.entity_ref,
      userRef: r.user_ref,
      startsAt: toIso(r.starts_at),
      endsAt: toIso(r.ends_at),
      source: r.source,
    }));
  }
}

function toRecord(row: TruckFactorAnalysisRow): TruckFactorAnalysisRecord {
  return {
    entityRef: row.entity_ref,
    repository: row.repository,
    status: row.status,
    reason: row.reason,
    headSha: row.head_sha,
    attemptedAt: toIso(row.analyzed_at),
    durationMs: Number(row.duration_ms),
    result: row.result
      ? (JSON.parse(row.result) as StoredTruckFactorResult)
      : null,
  };
}

function compactAuthorship(map: AuthorshipMap): StoredAuthorship {
  const authors: string[] = [];
  const index = new Map<string, number>();
  const files: Array<[string, number[]]> = [];
  for (const [path, fileAuthors] of Object.entries(map.authorsByFile)) {
    files.push([
      path,
      fileAuthors.map(author => {
        let id = index.get(author);
        if (id === undefined) {
          id = authors.length;
          authors.push(author);
          index.set(author, id);
        }
        return id;
      }),
    ]);
  }
  return { authors, files };
}
