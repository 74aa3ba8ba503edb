import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  KnowledgeSiloSummary,
  KnowledgeWhatIf,
  OnCallShift,
  TeamKnowledgeSummary,
  TruckFactorSummary,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthStore } from '../store';
import { KnowledgeReader, type AuthorshipAccess } from './KnowledgeReader';
import type { KnowledgeStore } from './KnowledgeStore';
import { OnCallShifts, type PushedShift } from './OnCallShifts';
import type { KnowledgeConfig } from './repositories';
import type { KnowledgeInputs, KnowledgeSource } from './source';
import {
  TruckFactorAnalyzer,
  type AnalyzeAllResult,
} from './TruckFactorAnalyzer';

export type { AnalyzeAllResult } from './TruckFactorAnalyzer';
export { toTruckFactorSummary } from './truckFactorSummary';

/** @internal */
export interface KnowledgeServiceOptions {
  store: KnowledgeStore;
  sreStore: SreHealthStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  config: KnowledgeConfig;
  now?: () => Date;
  gitBinary?: string;
}

/**
 * Knowledge-silo risk of components: truck factor from their git history (read by a
 * scheduled, incremental run), who can operate them (recorded expertise, the operators
 * annotation, on-call shifts), the what-if of people leaving, and the team rollup. A facade
 * over the analyses it writes (`TruckFactorAnalyzer`), the reads (`KnowledgeReader`) and
 * the on-call shifts (`OnCallShifts`).
 * @internal
 */
export class KnowledgeService implements KnowledgeSource {
  private readonly analyzer: TruckFactorAnalyzer;
  private readonly reader: KnowledgeReader;
  private readonly shifts: OnCallShifts;

  constructor(private readonly options: KnowledgeServiceOptions) {
    const now = () => options.now?.() ?? new Date();
    this.shifts = new OnCallShifts({ store: options.store, now });
    this.analyzer = new TruckFactorAnalyzer({ ...options, now });
    this.reader = new KnowledgeReader({
      ...options,
      shifts: this.shifts,
      now,
    });
  }

  get config(): KnowledgeConfig {
    return this.options.config;
  }

  /** The truck-factor summary and recent on-call people of one component (no authors). */
  inputsFor(entity: Entity, entityRef: string): Promise<KnowledgeInputs> {
    return this.reader.inputsFor(entity, entityRef);
  }

  /** The combined knowledge silo of one component; its authors only with `authorship`. */
  summarize(
    entity: Entity,
    entityRef: string,
    options?: { authorship: boolean },
  ): Promise<KnowledgeSiloSummary> {
    return this.reader.summarize(entity, entityRef, options);
  }

  /** What is left of a component's knowledge when `without` leave (code part with `authorship`). */
  whatIf(
    entity: Entity,
    entityRef: string,
    without: string[],
    options?: { authorship: boolean },
  ): Promise<KnowledgeWhatIf> {
    return this.reader.whatIf(entity, entityRef, without, options);
  }

  /** The knowledge silos of the components a group (and its nested groups) owns. */
  team(
    group: Entity,
    credentials: BackstageCredentials,
    authorship?: AuthorshipAccess,
  ): Promise<TeamKnowledgeSummary> {
    return this.reader.team(group, credentials, authorship);
  }

  /** Analyses one component now; see `TruckFactorAnalyzer.analyze`. */
  analyze(
    entity: Entity | undefined,
    entityRef: string,
    options?: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<TruckFactorSummary> {
    return this.analyzer.analyze(entity, entityRef, options);
  }

  /** The scheduled run over every local repository; see `TruckFactorAnalyzer.analyzeAll`. */
  analyzeAll(signal?: AbortSignal): Promise<AnalyzeAllResult> {
    return this.analyzer.analyzeAll(signal);
  }

  pushShifts(
    entityRef: string,
    shifts: ReadonlyArray<PushedShift>,
    source: string,
  ): Promise<number> {
    return this.shifts.push(entityRef, shifts, source);
  }

  listShifts(entityRef: string, since?: Date): Promise<OnCallShift[]> {
    return this.shifts.list(entityRef, since);
  }
}
