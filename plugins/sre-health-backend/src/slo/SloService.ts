import { Entity } from '@backstage/catalog-model';
import {
  BURN_RATE_WINDOWS,
  SloDefinition,
  SloDefinitionProblem,
  SloSummary,
  calendarPeriod,
  computeSloMath,
  describeWindow,
  durationMs,
} from '@sre-health/backstage-plugin-sre-health-common';
import { SreHealthStore } from '../store';
import { LocatedSlo, SloDefinitionLoader } from './SloDefinitionLoader';
import { PrometheusClient, PrometheusDataSource } from './PrometheusClient';
import { PrometheusReader, PushedEventsReader, SliReader } from './readers';

const DAY = 86_400_000;

/**
 * SLO status for the tab: every SLO of an entity, computed from its source. A source that
 * fails yields "source unavailable: <reason>" on that SLO only, with the last known status
 * and its age; the entity's other SLOs are unaffected.
 * @internal
 */
export class SloService {
  private readonly clients: Map<string, PrometheusClient>;

  constructor(
    private readonly deps: {
      store: SreHealthStore;
      loader: SloDefinitionLoader;
      dataSources: Map<string, PrometheusDataSource>;
      now?: () => Date;
    },
  ) {
    this.clients = new Map(
      [...deps.dataSources].map(([name, ds]) => [
        name,
        new PrometheusClient(ds),
      ]),
    );
  }

  async forEntity(
    entity: Entity,
    entityRef: string,
  ): Promise<{ slos: SloSummary[]; problems: SloDefinitionProblem[] }> {
    const { slos, problems } = await this.deps.loader.load(entity, entityRef);
    const summaries = await Promise.all(
      slos.map(slo => this.summarize(entityRef, slo)),
    );
    return { slos: summaries, problems };
  }

  /** The entity's SLO definitions and the problems found reading them. */
  async definitions(entity: Entity, entityRef: string) {
    return this.deps.loader.load(entity, entityRef);
  }

  /** The definition of one SLO of an entity, to validate pushed events against. */
  async find(
    entity: Entity,
    entityRef: string,
    name: string,
  ): Promise<SloDefinition | undefined> {
    const { slos } = await this.deps.loader.load(entity, entityRef);
    return slos.find(s => s.definition.name === name)?.definition;
  }

  async summarize(entityRef: string, located: LocatedSlo): Promise<SloSummary> {
    const { definition } = located;
    const now = this.deps.now?.() ?? new Date();
    const { from, windowMs, window } = resolveWindow(definition, now);
    let reader: SliReader;
    try {
      reader = this.readerFor(entityRef, definition);
    } catch (error) {
      return this.unavailable(
        entityRef,
        located,
        now,
        windowMs,
        window,
        (error as Error).message,
      );
    }
    try {
      const windows = [
        { key: 'window', from },
        ...BURN_RATE_WINDOWS.map(w => ({
          key: w.window,
          from: new Date(now.getTime() - w.ms),
        })),
      ];
      const { counts, series } = await (reader.read
        ? reader.read(windows, from, now)
        : Promise.all([
            reader.counts(windows, now),
            reader.series(from, now),
          ]).then(([c, s]) => ({ counts: c, series: s })));
      const total = counts.get('window')!;
      const math = computeSloMath({
        target: definition.target,
        windowMs,
        budgetingMethod: definition.budgetingMethod,
        sliceMs: definition.timeSliceWindow
          ? durationMs(definition.timeSliceWindow)
          : undefined,
        window: total,
        burnWindows: BURN_RATE_WINDOWS.map(w => ({
          window: w.window,
          ...counts.get(w.window)!,
        })),
        series,
      });
      const summary: SloSummary = {
        ...this.describe(located, reader.label, windowMs, window),
        sli: math.sli,
        totalEvents: total.total,
        badEvents: total.total - total.good,
        budget: math.budget,
        budgetRemaining: math.budget?.remainingFraction ?? null,
        burnRates: math.burnRates,
        alert: math.alert,
        status: math.status,
        burnDown: math.burnDown,
        computedAt: now.toISOString(),
      };
      if (reader.external) {
        await this.deps.store.saveSloStatus(
          entityRef,
          definition.name,
          summary,
        );
      }
      return summary;
    } catch (error) {
      return this.unavailable(
        entityRef,
        located,
        now,
        windowMs,
        window,
        (error as Error).message,
      );
    }
  }

  private readerFor(entityRef: string, slo: SloDefinition): SliReader {
    const ind = slo.indicator;
    const query = ind.type === 'ratio' ? ind.total : ind.metric;
    if (query.sourceType === 'pushed') {
      return new PushedEventsReader(this.deps.store.sloEvents, entityRef, slo);
    }
    const client = this.clients.get(query.sourceRef!);
    if (!client) {
      throw new Error(
        `data source "${query.sourceRef}" is not configured (sreHealth.dataSources)`,
      );
    }
    return new PrometheusReader(client, query.sourceRef!, slo);
  }

  private describe(
    located: LocatedSlo,
    source: string,
    windowMs: number,
    window: string,
  ) {
    const d = located.definition;
    return {
      name: d.name,
      displayName: d.displayName,
      description: d.description,
      origin: located.origin,
      location: located.location,
      source,
      target: d.target,
      window,
      windowMs,
      windowDays: Math.round(windowMs / DAY),
      budgetingMethod: d.budgetingMethod,
    };
  }

  private async unavailable(
    entityRef: string,
    located: LocatedSlo,
    now: Date,
    windowMs: number,
    window: string,
    reason: string,
  ): Promise<SloSummary> {
    const last = await this.deps.store.lastSloStatus(
      entityRef,
      located.definition.name,
    );
    if (last) {
      return {
        ...last.summary,
        unavailable: { reason, lastKnownAt: last.computedAt },
      };
    }
    const query = located.definition.indicator;
    const source = query.type === 'ratio' ? query.total : query.metric;
    return {
      ...this.describe(
        located,
        source.sourceRef ? `prometheus:${source.sourceRef}` : 'pushed events',
        windowMs,
        window,
      ),
      sli: null,
      totalEvents: 0,
      badEvents: 0,
      budget: null,
      budgetRemaining: null,
      burnRates: BURN_RATE_WINDOWS.map(w => ({ window: w.window, rate: null })),
      alert: { state: 'none', rules: [] },
      status: 'no-data',
      burnDown: [],
      unavailable: { reason, lastKnownAt: null },
      computedAt: now.toISOString(),
    };
  }
}

/** The span an SLO is evaluated over right now: rolling, or the current calendar period. */
export function resolveWindow(
  slo: SloDefinition,
  now: Date,
): { from: Date; windowMs: number; window: string } {
  const { duration, rolling, calendarStart } = slo.timeWindow;
  if (rolling) {
    const windowMs = durationMs(duration);
    return {
      from: new Date(now.getTime() - windowMs),
      windowMs,
      window: describeWindow(windowMs),
    };
  }
  const period = calendarPeriod(duration, new Date(calendarStart!), now);
  return {
    from: period.from,
    windowMs: period.to.getTime() - period.from.getTime(),
    window: describeWindow(0, `${duration.value}${duration.unit}`),
  };
}
