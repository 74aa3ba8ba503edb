import { realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { nestedGroupRefs } from '../catalog/nestedGroups';
import {
  MAX_LISTED_FILES,
  ON_CALL_LOOKBACK_DAYS,
  type KnowledgeSiloSummary,
  type KnowledgeWhatIf,
  type OnCallShift,
  type Operator,
  type TeamKnowledgeSummary,
  type TruckFactorSummary,
  onCallOperators,
  operatorsWithout,
  servingTier,
  summarizeKnowledge,
  summarizeTeamKnowledge,
} from '@internal/backstage-plugin-sre-health-common';
import type { SreHealthStore } from '../database';
import { declaredOperators } from '../service/EntityHealthService';
import {
  analyzeRepository,
  coverageWithout,
  greedyTruckFactor,
  type AuthorSummary,
  type CatalogUserIdentity,
} from '../truckFactor';
import type {
  KnowledgeStore,
  StoredTruckFactorResult,
  TruckFactorAnalysisRecord,
} from './KnowledgeStore';
import type { KnowledgeInputs, KnowledgeSource } from './registry';
import {
  resolveRepository,
  type KnowledgeConfig,
  type RepositoryLocation,
} from './repositories';

const DAY_MS = 86_400_000;
const TOP_AUTHORS = 10;
const USERS_TTL_MS = 5 * 60_000;
/** On-demand analyses answer an HTTP request: they get less time than the scheduled run. */
const ON_DEMAND_TIMEOUT_MS = 2 * 60_000;

/** @internal */
export interface AnalyzeAllResult {
  repositories: number;
  ok: number;
  unavailable: number;
  removed: number;
  durationMs: number;
}

/**
 * Knowledge-silo risk of components: truck factor from their git history (read by a
 * scheduled, incremental run), who can operate them (recorded expertise, the operators
 * annotation, on-call shifts), the what-if of people leaving, and the team rollup.
 * @internal
 */
export class KnowledgeService implements KnowledgeSource {
  private readonly running = new Map<string, Promise<TruckFactorSummary>>();
  private users?: { loadedAt: number; users: CatalogUserIdentity[] };

  constructor(
    private readonly deps: {
      store: KnowledgeStore;
      sreStore: SreHealthStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      config: KnowledgeConfig;
      now?: () => Date;
      gitBinary?: string;
    },
  ) {}

  get config(): KnowledgeConfig {
    return this.deps.config;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The truck-factor summary and recent on-call people of one component. */
  async inputsFor(entity: Entity, entityRef: string): Promise<KnowledgeInputs> {
    const location = resolveRepository(entity, entityRef, this.deps.config);
    const [record, shifts] = await Promise.all([
      location.kind === 'local'
        ? this.deps.store.getAnalysis(entityRef)
        : undefined,
      this.deps.store.listShifts([entityRef], { since: this.lookbackStart() }),
    ]);
    return {
      truckFactor: toTruckFactorSummary(location, record),
      onCall: onCallOperators(shifts, this.now()),
    };
  }

  /** The combined knowledge silo of one component, as the tab shows it. */
  async summarize(
    entity: Entity,
    entityRef: string,
  ): Promise<KnowledgeSiloSummary> {
    const [expertise, inputs] = await Promise.all([
      this.deps.sreStore.expertise.list(entityRef),
      this.inputsFor(entity, entityRef),
    ]);
    return summarizeKnowledge({
      tier: servingTier(entity),
      recorded: expertise.map(e => ({
        userRef: e.userRef,
        level: e.level,
        source: 'recorded' as const,
      })),
      declared: declaredOperators(entity),
      ...inputs,
    });
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
    this.users = undefined; // a fresh catalog for every scheduled run
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
        timeoutMs: 10 * 60_000,
      });
      if (summary.status === 'ok') ok++;
      else unavailable++;
    }
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

  /** What is left of a component's knowledge when `without` leave. */
  async whatIf(
    entity: Entity,
    entityRef: string,
    without: string[],
  ): Promise<KnowledgeWhatIf> {
    const silo = await this.summarize(entity, entityRef);
    const tf = silo.truckFactor!;
    let coverage: KnowledgeWhatIf['coverage'] = null;
    if (tf.truckFactor !== null) {
      const [authorship, record] = await Promise.all([
        this.deps.store.getAuthorship(entityRef),
        this.deps.store.getAnalysis(entityRef),
      ]);
      if (authorship && record?.result) {
        const departed = record.result.departedAuthors.map(a => a.author);
        const before = coverageWithout(authorship, departed);
        const after = coverageWithout(authorship, [...departed, ...without]);
        const orphanedBefore = new Set(before.orphanedFiles);
        const orphaned = after.orphanedFiles.filter(
          f => !orphanedBefore.has(f),
        );
        coverage = {
          before: { coveredFiles: before.coveredFiles, share: before.share },
          coveredFiles: after.coveredFiles,
          totalFiles: after.totalFiles,
          share: after.share,
          truckFactorLeft: greedyTruckFactor(authorship, [
            ...departed,
            ...without,
          ]).truckFactor,
          orphanedFiles: {
            count: orphaned.length,
            paths: orphaned.slice(0, MAX_LISTED_FILES),
          },
        };
      }
    }
    return {
      entityRef,
      without,
      coverage,
      truckFactorStatus: tf.status,
      ...(tf.reason ? { reason: tf.reason } : {}),
      ...operatorsWithout(silo, without, coverage?.truckFactorLeft),
    };
  }

  /** The knowledge silos of the components a group (and its nested groups) owns. */
  async team(
    group: Entity,
    credentials: BackstageCredentials,
  ): Promise<TeamKnowledgeSummary> {
    const teamRef = stringifyEntityRef(group).toLocaleLowerCase('en-US');
    const groupRefs = await nestedGroupRefs(
      this.deps.catalog,
      group,
      credentials,
    );
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: 'Component', 'relations.ownedBy': groupRefs },
        fields: ['kind', 'metadata', 'spec.type'],
      },
      { credentials },
    );
    const components = items.map(entity => ({
      entity,
      entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    }));
    const refs = components.map(c => c.entityRef);
    const [analyses, shifts, expertise] = await Promise.all([
      this.deps.store.listAnalyses(refs),
      this.deps.store.listShifts(refs, { since: this.lookbackStart() }),
      Promise.all(refs.map(ref => this.deps.sreStore.expertise.list(ref))),
    ]);
    const now = this.now();
    const summaries = components.map(({ entity, entityRef }, i) => {
      const location = resolveRepository(entity, entityRef, this.deps.config);
      const recorded: Operator[] = expertise[i].map(e => ({
        userRef: e.userRef,
        level: e.level,
        source: 'recorded',
      }));
      return {
        entityRef,
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
        silo: summarizeKnowledge({
          tier: servingTier(entity),
          recorded,
          declared: declaredOperators(entity),
          onCall: onCallOperators(
            shifts.filter(s => s.entityRef === entityRef),
            now,
          ),
          truckFactor: toTruckFactorSummary(
            location,
            location.kind === 'local' ? analyses.get(entityRef) : undefined,
          ),
        }),
      };
    });
    return summarizeTeamKnowledge(teamRef, groupRefs, summaries);
  }

  async pushShifts(
    entityRef: string,
    shifts: ReadonlyArray<{
      userRef: string;
      startsAt: string;
      endsAt: string;
    }>,
    source: string,
  ): Promise<number> {
    return this.deps.store.upsertShifts(entityRef, shifts, source, this.now());
  }

  async listShifts(entityRef: string, since?: Date): Promise<OnCallShift[]> {
    return this.deps.store.listShifts([entityRef], { since, limit: 1000 });
  }

  private lookbackStart(): Date {
    return new Date(this.now().getTime() - ON_CALL_LOOKBACK_DAYS * DAY_MS);
  }

  private async runAnalysis(
    entityRef: string,
    location: Extract<RepositoryLocation, { kind: 'local' }>,
    options: { signal?: AbortSignal; timeoutMs: number },
  ): Promise<TruckFactorSummary> {
    const { store, logger } = this.deps;
    const started = this.now();
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
      this.catalogUsers(),
    ]);
    const analysis = await analyzeRepository({
      dir: location.path,
      since,
      catalogUsers,
      excludePatterns: this.deps.config.excludePatterns,
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
        this.now().getTime() - started.getTime(),
      );
      logger.warn(
        `Truck factor of ${entityRef} unavailable (${analysis.code}): ${analysis.reason}`,
      );
    }
    return toTruckFactorSummary(location, await store.getAnalysis(entityRef));
  }

  /** A path under an allowed root that leads out of it through a symbolic link. */
  private async escapesRoots(
    location: Extract<RepositoryLocation, { kind: 'local' }>,
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

  /**
   * Catalog users with their e-mail addresses and display names. Without any (e.g. the
   * catalog is still ingesting), nobody is called departed rather than everybody.
   */
  private async catalogUsers(): Promise<CatalogUserIdentity[] | undefined> {
    const cached = this.users;
    if (cached && Date.now() - cached.loadedAt < USERS_TTL_MS) {
      return cached.users.length > 0 ? cached.users : undefined;
    }
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: 'User' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.profile'],
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const users: CatalogUserIdentity[] = items.map(user => {
      const profile = (user.spec?.profile ?? {}) as {
        email?: unknown;
        displayName?: unknown;
      };
      return {
        userRef: stringifyEntityRef(user).toLocaleLowerCase('en-US'),
        emails: typeof profile.email === 'string' ? [profile.email] : [],
        names:
          typeof profile.displayName === 'string' ? [profile.displayName] : [],
      };
    });
    this.users = { loadedAt: Date.now(), users };
    if (users.length === 0) {
      this.deps.logger.warn(
        'Truck factor: the catalog has no users yet; authors cannot be told departed',
      );
      return undefined;
    }
    return users;
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

/** The card's view of a stored analysis, or of why there is none. @internal */
export function toTruckFactorSummary(
  location: RepositoryLocation,
  record: TruckFactorAnalysisRecord | undefined,
): TruckFactorSummary {
  const empty = {
    truckFactor: null,
    activeTruckFactor: null,
    activeTruckFactorAuthors: [],
    topAuthors: [],
    departedAuthors: [],
    lostFiles: { count: 0, paths: [] },
    fileCount: 0,
    analyzedAt: null,
    headSha: null,
  };
  if (location.kind === 'none') {
    return { status: 'none', reason: location.reason, ...empty };
  }
  if (location.kind === 'unavailable') {
    return {
      status: 'unavailable',
      reason: location.reason,
      repository: location.location,
      ...empty,
    };
  }
  if (!record || record.repository !== location.path) {
    return {
      status: 'pending',
      reason:
        'Not analysed yet: the scheduled analysis runs every 30 minutes, or an SRE can analyse it now.',
      repository: location.name,
      ...empty,
    };
  }
  const figures = record.result ? fromStoredResult(record.result) : empty;
  return {
    status: record.status,
    ...(record.status === 'unavailable'
      ? {
          reason: withoutServerPaths(
            record.reason ?? 'the repository could not be read',
            location,
          ),
        }
      : {}),
    repository: location.name,
    ...figures,
  };
}

/** Absolute paths in a message (git's and the file system's), up to a quote or space. */
const ABSOLUTE_PATH = /(^|[\s'"`(=])(\/[^\s'"`()]*)/g;

/**
 * A stored reason as a reader may see it: the repository named as in the catalog (or its
 * configured name), and no other path of the server (git quotes real paths, e.g. of a
 * symbolic link's target). Stored reasons keep the paths: the logs and SREs need them.
 */
function withoutServerPaths(
  reason: string,
  location: Extract<RepositoryLocation, { kind: 'local' }>,
): string {
  return reason
    .split(location.path)
    .join(location.name)
    .replace(
      ABSOLUTE_PATH,
      (_, before: string) => `${before}(a server folder)`,
    );
}

function fromStoredResult(result: StoredTruckFactorResult) {
  const author = (a: AuthorSummary) => ({
    author: a.author,
    ...(a.author.startsWith('user:') ? { userRef: a.author } : {}),
    files: a.files,
    share: a.share,
    departed: a.departed,
  });
  return {
    truckFactor: result.truckFactor,
    activeTruckFactor: result.activeTruckFactor,
    activeTruckFactorAuthors: result.activeTruckFactorAuthors,
    topAuthors: result.topAuthors.slice(0, TOP_AUTHORS).map(author),
    departedAuthors: result.departedAuthors.slice(0, TOP_AUTHORS).map(author),
    lostFiles: result.lostFiles,
    fileCount: result.fileCount,
    analyzedAt: result.analyzedAt,
    headSha: result.headSha,
  };
}
