import { Entity } from '@backstage/catalog-model';
import {
  BURN_RATE_WINDOWS,
  MetricQuery,
  SLO_SOURCE_PUSHED_EVENTS,
  SloDefinition,
  BudgetPolicyStep,
  SloDefinitionProblem,
  SloNotComputable,
  SloSummary,
  budgetPolicyStepFor,
  calendarPeriod,
  computeSloMath,
  describeWindow,
  durationMs,
  parseDuration,
} from '@sre-health/backstage-plugin-sre-health-common';
import { SreHealthStore } from '../store';
import { LocatedSlo, SloDefinitionLoader } from './SloDefinitionLoader';
import { PrometheusClient, PrometheusDataSource } from './PrometheusClient';
import {
  SliReader,
  SliReaderFactory,
  prometheusReaders,
  pushedEventsReaders,
} from './readers';

const DAY = 86_400_000;

/**
 * SLO status for the tab: every SLO of an entity, computed from its source. A source that
 * fails yields "source unavailable: <reason>" on that SLO only, with the last known status
 * and its age; the entity's other SLOs are unaffected.
 * @internal
 */
export class SloService {
  /** Readers by lower-cased source type; an adopter's reader replaces a built-in one. */
  private readonly readers = new Map<string, SliReaderFactory>();

  constructor(
    private readonly deps: {
      store: SreHealthStore;
      loader: SloDefinitionLoader;
      dataSources: Map<string, PrometheusDataSource>;
      /** Readers added through `sreHealthSliReadersExtensionPoint`. */
      readers?: ReadonlyArray<SliReaderFactory>;
      /** `sreHealth.slo.budgetPolicy.steps`. */
      budgetPolicy?: ReadonlyArray<BudgetPolicyStep>;
      now?: () => Date;
    },
  ) {
    const clients = new Map(
      [...deps.dataSources].map(([name, ds]) => [
        name,
        new PrometheusClient(ds),
      ]),
    );
    for (const factory of [
      pushedEventsReaders(deps.store.sloEvents),
      prometheusReaders(clients),
      ...(deps.readers ?? []),
    ]) {
      for (const type of factory.sourceTypes) {
        this.readers.set(type.trim().toLocaleLowerCase('en-US'), factory);
      }
    }
  }

  /**
   * The entity's SLOs in three verdicts: computed (`slos`), defined but not computable here
   * (`notComputable`, with the reason) and invalid (`problems`).
   */
  async forEntity(
    entity: Entity,
    entityRef: string,
  ): Promise<{
    slos: SloSummary[];
    problems: SloDefinitionProblem[];
    notComputable: SloNotComputable[];
  }> {
    const { slos, problems, notComputable } = await this.definitions(
      entity,
      entityRef,
    );
    const summaries = await Promise.all(
      slos.map(slo => this.summarize(entityRef, slo)),
    );
    return {
      slos: summaries.map(summary => this.withPolicyStep(summary)),
      problems,
      notComputable,
    };
  }

  /** The error-budget policy's step the SLO is in, when it is in one. */
  private withPolicyStep(summary: SloSummary): SloSummary {
    const step = budgetPolicyStepFor(
      this.deps.budgetPolicy ?? [],
      summary.budgetRemaining,
    );
    return step
      ? { ...summary, policyStep: { key: step.key, action: step.action } }
      : summary;
  }

  /**
   * The entity's SLO definitions: those a reader can compute, those valid but not
   * computable here (no reader for the source type, or the reader's own reason), and the
   * problems found reading them.
   */
  async definitions(entity: Entity, entityRef: string) {
    const loaded = await this.deps.loader.load(entity, entityRef);
    const slos: LocatedSlo[] = [];
    const notComputable = [...loaded.notComputable];
    for (const located of loaded.slos) {
      const reason = this.notComputableReason(located.definition);
      if (reason === undefined) slos.push(located);
      else {
        const d = located.definition;
        notComputable.push({
          name: d.name,
          displayName: d.displayName,
          description: d.description,
          document: `SLO ${d.name.split('/')[0]}`,
          reason,
          location: located.location,
        });
      }
    }
    return { slos, problems: loaded.problems, notComputable };
  }

  private notComputableReason(slo: SloDefinition): string | undefined {
    const source = sourceOf(slo);
    const factory = this.readers.get(source.sourceType);
    if (!factory) {
      return `no reader for ${
        source.typeName ?? source.sourceType
      } (built in: Prometheus, sre-health; more through sreHealthSliReadersExtensionPoint)`;
    }
    return factory.check?.(slo, source);
  }

  /** The definition of one SLO of an entity, to validate pushed events against. */
  async find(
    entity: Entity,
    entityRef: string,
    name: string,
  ): Promise<SloDefinition | undefined> {
    const { slos } = await this.definitions(entity, entityRef);
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
      const burnWindows = burnWindowsOf(definition);
      const windows = [
        { key: 'window', from },
        ...burnWindows.map(w => ({
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
        burnWindows: burnWindows.map(w => ({
          window: w.window,
          ...counts.get(w.window)!,
        })),
        series,
        alertRules: definition.alertRules,
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
    const source = sourceOf(slo);
    const factory = this.readers.get(source.sourceType);
    if (!factory) throw new Error(this.notComputableReason(slo));
    return factory.create({ entityRef, slo, source });
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
    const source = sourceOf(located.definition);
    return {
      ...this.describe(
        located,
        source.sourceType === 'pushed'
          ? SLO_SOURCE_PUSHED_EVENTS
          : `${source.sourceType}:${source.sourceRef ?? ''}`,
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

/**
 * The burn-rate windows of an SLO: the table's seven, and the lookback window of any
 * AlertPolicy condition that is not one of them (e.g. 12h).
 */
export function burnWindowsOf(
  slo: SloDefinition,
): Array<{ window: string; ms: number }> {
  const windows = [...BURN_RATE_WINDOWS];
  for (const rule of slo.alertRules ?? []) {
    if (!windows.some(w => w.window === rule.long)) {
      const duration = parseDuration(rule.long);
      if (duration)
        windows.push({ window: rule.long, ms: durationMs(duration) });
    }
  }
  return windows;
}

/** The metric source that decides an SLO's reader: its total (ratio) or its metric (threshold). */
function sourceOf(slo: SloDefinition): MetricQuery {
  const ind = slo.indicator;
  return ind.type === 'ratio' ? ind.total : ind.metric;
}

/** The span an SLO is evaluated over right now: rolling, or the current calendar period. */
export function resolveWindow(
  slo: SloDefinition,
  now: Date,
): { from: Date; windowMs: number; window: string } {
  const { duration, rolling, calendarStart, timeZone } = slo.timeWindow;
  if (rolling) {
    const windowMs = durationMs(duration);
    return {
      from: new Date(now.getTime() - windowMs),
      windowMs,
      window: describeWindow(windowMs),
    };
  }
  const period = calendarPeriod(
    duration,
    new Date(calendarStart!),
    now,
    timeZone,
  );
  return {
    from: period.from,
    windowMs: period.to.getTime() - period.from.getTime(),
    window: describeWindow(0, `${duration.value}${duration.unit}`),
  };
}
