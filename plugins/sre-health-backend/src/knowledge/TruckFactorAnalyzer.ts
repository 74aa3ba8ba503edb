import { realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { TruckFactorSummary } from '@sre-health/backstage-plugin-sre-health-common';
import { analyzeRepository } from '../truckFactor';
import { CatalogUsers } from './catalogUsers';
import type { KnowledgeStore } from './KnowledgeStore';
import {
  resolveRepository,
  type KnowledgeConfig,
  type RepositoryLocation,
} from './repositories';
import { toTruckFactorSummary } from './truckFactorSummary';

/** On-demand analyses answer an HTTP request: they get less time than the scheduled run. */
const ON_DEMAND_TIMEOUT_MS = 2 * 60_000;
/** Time one repository may take in the scheduled run. */
const SCHEDULED_TIMEOUT_MS = 10 * 60_000;

type LocalRepository = Extract<RepositoryLocation, { kind: 'local' }>;

/** @internal */
export interface AnalyzeAllResult {
  repositories: number;
  ok: number;
  unavailable: number;
  removed: number;
  durationMs: number;
}

/**
 * Writes the truck-factor analyses: of one component on demand, and of every component
 * with a local repository on schedule, each run incremental from the state the previous
 * one stored. Concurrent requests for one component share one run.
 * @internal
 */
export class TruckFactorAnalyzer {
  private readonly running = new Map<string, Promise<TruckFactorSummary>>();
  private readonly users: CatalogUsers;

  constructor(
    private readonly deps: {
      store: KnowledgeStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      config: KnowledgeConfig;
      now: () => Date;
      gitBinary?: string;
    },
  ) {
    this.users = new CatalogUsers(deps);
  }

  /**
   * Analyses one component now (or joins the analysis already running for it) and returns
   * its truck-factor summary. Never throws for an unreadable repository: the status says why.
   */
  async analyze(
    entity: Entity | undefined,
    entityRef: string,
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<TruckFactorSummary> {
    const location = resolveRepository(entity, entityRef, this.deps.config);
    if (location.kind !== 'local') {
      return toTruckFactorSummary(location, undefined);
    }
    const current = this.running.get(entityRef);
    if (current) return current;
    const run = this.runAnalysis(entityRef, location, {
      signal: options.signal,
      timeoutMs:
        options.timeoutMs ??
        this.deps.config.onDemandTimeoutMs ??
        ON_DEMAND_TIMEOUT_MS,
    }).finally(() => this.running.delete(entityRef));
    this.running.set(entityRef, run);
    return run;
  }

  /**
   * The scheduled run: every component with a local repository (configured, or a local
   * source-location annotation), one after the other, each incremental from its stored state.
   */
  async analyzeAll(signal?: AbortSignal): Promise<AnalyzeAllResult> {
    const started = Date.now();
    const { logger } = this.deps;
    const targets = await this.targets();
    logger.info(`Truck factor: analysing ${targets.length} local repositories`);
    this.users.reset();
    let ok = 0;
    let unavailable = 0;
    for (const target of targets) {
      if (signal?.aborted) {
        logger.warn(
          `Truck factor: run aborted after ${ok + unavailable} of ${
            targets.length
          } repositories`,
        );
        break;
      }
      const summary = await this.analyze(target.entity, target.entityRef, {
        signal,
        timeoutMs: SCHEDULED_TIMEOUT_MS,
      });
      if (summary.status === 'ok') ok++;
      else unavailable++;
    }
    // an aborted run has not seen every target: it must not drop their analyses
    const removed = signal?.aborted
      ? 0
      : await this.deps.store.deleteAnalysesExcept(
          targets.map(t => t.entityRef),
        );
    const result = {
      repositories: targets.length,
      ok,
      unavailable,
      removed,
      durationMs: Date.now() - started,
    };
    logger.info(
      `Truck factor: ${ok} analysed, ${unavailable} unavailable, ${removed} stale analyses removed in ${result.durationMs} ms`,
    );
    return result;
  }

  private async runAnalysis(
    entityRef: string,
    location: LocalRepository,
    options: { signal?: AbortSignal; timeoutMs: number },
  ): Promise<TruckFactorSummary> {
    const { store, logger } = this.deps;
    const started = this.deps.now();
    const escape =
      location.origin === 'annotation'
        ? await this.escapesRoots(location)
        : undefined;
    if (escape) {
      await store.saveUnavailable(entityRef, location.path, escape, started, 0);
      logger.warn(`Truck factor of ${entityRef}: ${escape}`);
      return toTruckFactorSummary(location, await store.getAnalysis(entityRef));
    }

    const [since, catalogUsers] = await Promise.all([
      store.getState(entityRef, location.path),
      this.users.get(),
    ]);
    const analysis = await analyzeRepository({
      dir: location.path,
      since,
      catalogUsers,
      excludePatterns: this.excludePatternsOf(entityRef),
      authorship: this.deps.config.authorshipRules,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      gitBinary: this.deps.gitBinary,
    });
    if (analysis.status === 'ok') {
      await store.saveResult(entityRef, location.path, analysis, started);
      const { run } = analysis;
      logger.info(
        `Truck factor of ${entityRef}: ${analysis.truckFactor} (active ${
          analysis.activeTruckFactor
        }) over ${analysis.fileCount} files, ${
          analysis.departedAuthors.length
        } departed authors; ${run.mode} run${
          run.fullRunReason ? ` (${run.fullRunReason})` : ''
        } read ${run.commitsRead} commits in ${run.durationMs} ms`,
      );
      if (run.missingObjects) {
        logger.warn(
          `Truck factor of ${entityRef}: ${location.path} lacks ${run.missingObjects.count} objects (partial clone?); renames were followed only when unchanged`,
        );
      }
      if (run.shallowRepository) {
        logger.warn(
          `Truck factor of ${entityRef}: ${location.path} is a shallow clone; file creators are wrong until it is unshallowed`,
        );
      }
    } else {
      await store.saveUnavailable(
        entityRef,
        location.path,
        analysis.reason,
        started,
        this.deps.now().getTime() - started.getTime(),
      );
      logger.warn(
        `Truck factor of ${entityRef} unavailable (${analysis.code}): ${analysis.reason}`,
      );
    }
    return toTruckFactorSummary(location, await store.getAnalysis(entityRef));
  }

  /** `sreHealth.knowledge.excludePatterns`, then the component's repository's own. */
  private excludePatternsOf(entityRef: string): string[] {
    const { config } = this.deps;
    const own = config.repositories.find(r => r.entityRef === entityRef);
    return [...(config.excludePatterns ?? []), ...(own?.excludePatterns ?? [])];
  }

  /** A path under an allowed root that leads out of it through a symbolic link. */
  private async escapesRoots(
    location: LocalRepository,
  ): Promise<string | undefined> {
    const real = await realpath(location.path).catch(() => undefined);
    if (!real) return undefined; // the analysis reports it missing
    for (const root of this.deps.config.localRoots) {
      const realRoot = await realpath(root).catch(() => root);
      const rel = relative(realRoot, real);
      if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
        return undefined;
      }
    }
    return `${location.name} leads outside the folders SRE Health may read (sreHealth.knowledge.localRoots)`;
  }

  /** Configured repositories, and components with a local source-location annotation. */
  private async targets(): Promise<
    Array<{ entityRef: string; entity?: Entity }>
  > {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: 'Component' },
        fields: ['kind', 'metadata', 'spec.type'],
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const byRef = new Map<string, Entity | undefined>();
    for (const repo of this.deps.config.repositories) {
      byRef.set(repo.entityRef, undefined);
    }
    for (const entity of items) {
      const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
      if (
        byRef.has(entityRef) ||
        resolveRepository(entity, entityRef, this.deps.config).kind === 'local'
      ) {
        byRef.set(entityRef, entity);
      }
    }
    return [...byRef.entries()]
      .map(([entityRef, entity]) => ({ entityRef, entity }))
      .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  }
}
