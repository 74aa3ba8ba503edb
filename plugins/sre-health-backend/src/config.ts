import { resolve } from 'node:path';
import type { Config } from '@backstage/config';
import {
  BudgetPolicyStep,
  DATE_LIMITS,
  budgetPolicyStepKey,
  DEFAULT_DETECTION_THRESHOLDS,
  DEFAULT_OVERLOAD_WEEKS,
  DEFAULT_HOURS_PER_PERSON_WEEK,
  DetectionThresholds,
  DEFAULT_NOTIFICATION_SETTINGS,
  normalizeEntityRef,
  NotificationSettings,
} from '@sre-health/backstage-plugin-sre-health-common';

/** A Prometheus server configured in `sreHealth.dataSources`. @public */
export interface PrometheusDataSource {
  name: string;
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** `sreHealth.alertmanager`. @public */
export interface AlertmanagerConfig {
  url: string;
  /** The alert label naming the catalog component, e.g. `service`. */
  entityLabel: string;
  namespace: string;
  timeoutMs: number;
}

/** `sreHealth.knowledge`, with every path made absolute. @public */
export interface KnowledgeConfig {
  /**
   * Local repositories of components, from configuration (trusted), with extra exclusion
   * patterns of their own.
   */
  repositories: Array<{
    entityRef: string;
    path: string;
    excludePatterns?: string[];
  }>;
  /**
   * Folders a `dir:`/`file:` source-location annotation may point into. A catalog file must
   * not be able to make the backend run git on any folder of the host, so annotation paths
   * outside these are refused (the status says so).
   */
  localRoots: string[];
  /**
   * Glob patterns of files that are not source code, on top of GitHub Linguist's rules
   * (vendored, documentation, generated, not code) and the repositories' `.gitattributes`.
   */
  excludePatterns?: string[];
  /**
   * Authorship rules of the truck factor: `paper` (Avelino et al. as published, the default)
   * or `reference-tool` (those of aserg-ufmg/Truck-Factor's code); see the engine's
   * `AuthorshipRules` and `bench/truck-factor/README.md`.
   */
  authorshipRules?: 'paper' | 'reference-tool';
  /** Time an analysis asked for over HTTP may take (a hung repository must not hold the request). */
  onDemandTimeoutMs?: number;
}

/**
 * Every `sreHealth.*` key of app-config (see `config.d.ts`), read once at startup with its
 * default filled in.
 * @public
 */
export interface SreHealthConfig {
  /** `sreHealth.sreGroups`, as canonical group refs. */
  sreGroups: string[];
  /** `sreHealth.dataSources`, by name. */
  dataSources: Map<string, PrometheusDataSource>;
  tab: {
    /** `sreHealth.tab.cacheSeconds`; default 10. */
    cacheSeconds: number;
  };
  ingestion: {
    /** `sreHealth.ingestion.lateToleranceMinutes`; default 60. */
    lateToleranceMinutes: number;
  };
  detection: {
    /** `sreHealth.detection.intervalMinutes`; default 60. */
    intervalMinutes: number;
    /** `sreHealth.detection.overloadWeeks`: the rolling window of the overload judgement; default 4. */
    overloadWeeks: number;
    /** The other `sreHealth.detection` keys over the book's defaults. */
    thresholds: DetectionThresholds;
  };
  /** `sreHealth.alertmanager`; undefined when not configured. */
  alertmanager?: AlertmanagerConfig;
  opsLoad: {
    /** `sreHealth.opsLoad.hoursPerPersonWeek` (default 40), or the team's override. */
    hoursPerPersonWeek(teamRef: string): number;
  };
  scorecard: {
    /** `sreHealth.scorecard.intervalMinutes`; default 15. */
    intervalMinutes: number;
    /** `sreHealth.scorecard.retentionDays`; default 400. */
    retentionDays: number;
  };
  /** `sreHealth.knowledge`, paths resolved against the working directory. */
  knowledge: KnowledgeConfig;
  localFiles: {
    /** `sreHealth.localFiles.allow`; default none. */
    allow: string[];
  };
  validation: {
    /** `sreHealth.validation.maxFutureDays`; default five years. */
    maxFutureDays: number;
  };
  slo: {
    budgetPolicy: {
      /** `sreHealth.slo.budgetPolicy.steps`; default none (no policy). */
      steps: BudgetPolicyStep[];
    };
  };
  /** `sreHealth.notifications.<kind>`: every kind on by default. */
  notifications: NotificationSettings;
}

/** The SRE groups from `sreHealth.sreGroups`, as canonical group refs. @public */
export function readSreGroups(config: Config): string[] {
  return (config.getOptionalStringArray('sreHealth.sreGroups') ?? []).map(
    group =>
      normalizeEntityRef(
        group.includes(':') ? group : `group:${group}`,
        'group',
      ),
  );
}

function readDataSources(config: Config): Map<string, PrometheusDataSource> {
  const sources = new Map<string, PrometheusDataSource>();
  for (const c of config.getOptionalConfigArray('sreHealth.dataSources') ??
    []) {
    const type = c.getString('type').toLocaleLowerCase('en-US');
    if (type !== 'prometheus') {
      throw new Error(
        `sreHealth.dataSources: unsupported type "${type}" (supported: prometheus)`,
      );
    }
    const headers: Record<string, string> = {};
    const token = c.getOptionalString('bearerToken');
    if (token) headers.Authorization = `Bearer ${token}`;
    const extra = c.getOptionalConfig('headers');
    for (const key of extra?.keys() ?? []) headers[key] = extra!.getString(key);
    sources.set(c.getString('name'), {
      name: c.getString('name'),
      url: c.getString('url').replace(/\/+$/, ''),
      headers,
      timeoutMs: c.getOptionalNumber('timeoutMs') ?? 5_000,
    });
  }
  return sources;
}

function readDetectionThresholds(config: Config): DetectionThresholds {
  const c = config.getOptionalConfig('sreHealth.detection');
  const d = DEFAULT_DETECTION_THRESHOLDS;
  const num = (key: keyof DetectionThresholds) =>
    c?.getOptionalNumber(key) ?? (d[key] as number);
  const list = (key: keyof DetectionThresholds) =>
    c?.getOptionalStringArray(key) ?? (d[key] as string[]);
  return {
    servingCriticalTiers: list('servingCriticalTiers'),
    servingCriticalLifecycles: list('servingCriticalLifecycles'),
    sreServiceDependents: num('sreServiceDependents'),
    sreServiceGrowth: num('sreServiceGrowth'),
    deferredMaxAgeDays: num('deferredMaxAgeDays'),
    alertFiringsMin: num('alertFiringsMin'),
    alertWindowDays: num('alertWindowDays'),
    complaintWindowDays: num('complaintWindowDays'),
    capacityPlanMaxAgeDays: num('capacityPlanMaxAgeDays'),
    naiveCapacityStrategies: list('naiveCapacityStrategies'),
  };
}

function readAlertmanagerConfig(
  config: Config,
): AlertmanagerConfig | undefined {
  const c = config.getOptionalConfig('sreHealth.alertmanager');
  if (!c) return undefined;
  return {
    url: c.getString('url').replace(/\/+$/, ''),
    entityLabel: c.getOptionalString('entityLabel') ?? 'service',
    namespace: c.getOptionalString('namespace') ?? 'default',
    timeoutMs: c.getOptionalNumber('timeoutMs') ?? 5_000,
  };
}

/** Relative paths are relative to `cwd`, the backend's working directory. */
function readKnowledgeConfig(config: Config, cwd: string): KnowledgeConfig {
  const knowledge = config.getOptionalConfig('sreHealth.knowledge');
  const repositories = (
    knowledge?.getOptionalConfigArray('repositories') ?? []
  ).map(entry => {
    const ref = entry.getString('entityRef');
    let entityRef: string;
    try {
      entityRef = normalizeEntityRef(ref);
    } catch (error) {
      throw new Error(
        `sreHealth.knowledge.repositories: ${ref} is not an entity ref (${
          (error as Error).message
        })`,
      );
    }
    const excludePatterns = entry.getOptionalStringArray('excludePatterns');
    return {
      entityRef,
      path: resolve(cwd, entry.getString('path')),
      ...(excludePatterns ? { excludePatterns } : {}),
    };
  });
  return {
    repositories,
    localRoots: (knowledge?.getOptionalStringArray('localRoots') ?? []).map(
      root => resolve(cwd, root),
    ),
    excludePatterns: knowledge?.getOptionalStringArray('excludePatterns'),
    ...readAuthorshipRules(knowledge),
    ...(knowledge?.has('onDemandTimeoutSeconds')
      ? {
          onDemandTimeoutMs:
            knowledge.getNumber('onDemandTimeoutSeconds') * 1000,
        }
      : {}),
  };
}

/** `paper` (default) or `reference-tool`; anything else stops startup. */
function readAuthorshipRules(knowledge: Config | undefined): {
  authorshipRules?: 'paper' | 'reference-tool';
} {
  const key = 'authorshipRules';
  const value = knowledge?.getOptionalString(key);
  if (value === undefined) return {};
  if (value !== 'paper' && value !== 'reference-tool') {
    throw new Error(
      `sreHealth.knowledge.${key} must be 'paper' or 'reference-tool', got '${value}'`,
    );
  }
  return { authorshipRules: value };
}

/** Hours a week a person can give: more than 0, at most the 168 hours of a week. */
function hoursPerWeek(value: number, key: string): number {
  if (!Number.isFinite(value) || value <= 0 || value > 168) {
    throw new Error(
      `${key}: must be more than 0 and at most 168 hours, got ${value}`,
    );
  }
  return value;
}

/** `sreHealth.opsLoad`: the capacity side of the computed ops share. */
function readOpsLoadConfig(config: Config): SreHealthConfig['opsLoad'] {
  const key = 'sreHealth.opsLoad.hoursPerPersonWeek';
  const fallback = hoursPerWeek(
    config.getOptionalNumber(key) ?? DEFAULT_HOURS_PER_PERSON_WEEK,
    key,
  );
  const teams = new Map<string, number>();
  (config.getOptionalConfigArray('sreHealth.opsLoad.teams') ?? []).forEach(
    (team, i) => {
      const at = `sreHealth.opsLoad.teams[${i}]`;
      let ref: string;
      try {
        ref = normalizeEntityRef(team.getString('teamRef'), 'group');
      } catch (e) {
        throw new Error(`${at}.teamRef: ${(e as Error).message}`);
      }
      teams.set(
        ref,
        hoursPerWeek(
          team.getNumber('hoursPerPersonWeek'),
          `${at}.hoursPerPersonWeek`,
        ),
      );
    },
  );
  return { hoursPerPersonWeek: teamRef => teams.get(teamRef) ?? fallback };
}

/** A bad value stops startup: overload is judged over at least one whole week. */
function readOverloadWeeks(config: Config): number {
  const key = 'sreHealth.detection.overloadWeeks';
  const weeks = config.getOptionalNumber(key) ?? DEFAULT_OVERLOAD_WEEKS;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) {
    throw new Error(
      `${key} must be a whole number of weeks from 1 to 52, got ${weeks}`,
    );
  }
  return weeks;
}

/** A bad value stops startup. */
function readMaxFutureDays(config: Config): number {
  const key = 'sreHealth.validation.maxFutureDays';
  const days =
    config.getOptionalNumber(key) ?? DATE_LIMITS.defaultMaxFutureDays;
  if (!Number.isInteger(days) || days < 0) {
    throw new Error(
      `${key} must be a whole number of days (0 or more), got ${days}`,
    );
  }
  return days;
}

/**
 * `sreHealth.slo.budgetPolicy.steps`: each step exactly one of `below` (a fraction in (0, 1])
 * or `exhausted: true`, an action, and a unique key (`name`, or derived from the rule). A bad
 * step stops startup, naming it.
 */
function readBudgetPolicySteps(config: Config): BudgetPolicyStep[] {
  const key = 'sreHealth.slo.budgetPolicy.steps';
  const steps = (config.getOptionalConfigArray(key) ?? []).map((c, i) => {
    const at = `${key}[${i}]`;
    const below = c.getOptionalNumber('below');
    const exhausted = c.getOptionalBoolean('exhausted') ?? false;
    if ((below === undefined) === !exhausted) {
      throw new Error(
        `${at} must have exactly one of 'below' (a fraction of the budget left) or 'exhausted: true'`,
      );
    }
    if (below !== undefined && !(below > 0 && below <= 1)) {
      throw new Error(
        `${at}.below must be a fraction of the budget left in (0, 1], got ${below}`,
      );
    }
    const action = c.getString('action').trim();
    if (!action) throw new Error(`${at}.action must not be empty`);
    const name = c.getOptionalString('name')?.trim();
    if (name !== undefined && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(name)) {
      throw new Error(
        `${at}.name must be kebab-case (a-z, 0-9, -; at most 64), got '${name}'`,
      );
    }
    const rule = exhausted ? { exhausted: true } : { below };
    return { key: name ?? budgetPolicyStepKey(rule), ...rule, action };
  });
  const keys = new Set<string>();
  for (const step of steps) {
    if (keys.has(step.key)) {
      throw new Error(
        `${key}: two steps named '${step.key}' (give one a distinct 'name')`,
      );
    }
    keys.add(step.key);
  }
  return steps;
}

/** A whole number in [min, max] at `key`, or the default; anything else stops startup. */
function readWholeNumber(
  config: Config,
  key: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${key} must be a whole number from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}

/** `sreHealth.notifications`: each kind `enabled` (default true) and its threshold. */
function readNotificationSettings(config: Config): NotificationSettings {
  const d = DEFAULT_NOTIFICATION_SETTINGS;
  const key = (kind: keyof NotificationSettings, field: string) =>
    `sreHealth.notifications.${kind}.${field}`;
  const enabled = (kind: keyof NotificationSettings) =>
    config.getOptionalBoolean(key(kind, 'enabled')) ?? d[kind].enabled;
  return {
    'stressor-high': {
      enabled: enabled('stressor-high'),
      minLevel: readWholeNumber(
        config,
        key('stressor-high', 'minLevel'),
        1,
        5,
        d['stressor-high'].minLevel,
      ),
    },
    'slo-page': { enabled: enabled('slo-page') },
    'ops-cap': { enabled: enabled('ops-cap') },
    'exemption-expiring': {
      enabled: enabled('exemption-expiring'),
      daysBefore: readWholeNumber(
        config,
        key('exemption-expiring', 'daysBefore'),
        0,
        365,
        d['exemption-expiring'].daysBefore,
      ),
    },
  };
}

/**
 * Reads every `sreHealth.*` key once, with its default; the only place the backend reads
 * them. Throws, naming the key, on a value of the wrong type or outside its rules.
 * @public
 */
export function readSreHealthConfig(
  config: Config,
  options: { cwd?: string } = {},
): SreHealthConfig {
  return {
    sreGroups: readSreGroups(config),
    dataSources: readDataSources(config),
    tab: {
      cacheSeconds:
        config.getOptionalNumber('sreHealth.tab.cacheSeconds') ?? 10,
    },
    ingestion: {
      lateToleranceMinutes:
        config.getOptionalNumber('sreHealth.ingestion.lateToleranceMinutes') ??
        60,
    },
    detection: {
      intervalMinutes:
        config.getOptionalNumber('sreHealth.detection.intervalMinutes') ?? 60,
      overloadWeeks: readOverloadWeeks(config),
      thresholds: readDetectionThresholds(config),
    },
    alertmanager: readAlertmanagerConfig(config),
    opsLoad: readOpsLoadConfig(config),
    scorecard: {
      intervalMinutes:
        config.getOptionalNumber('sreHealth.scorecard.intervalMinutes') ?? 15,
      retentionDays:
        config.getOptionalNumber('sreHealth.scorecard.retentionDays') ?? 400,
    },
    knowledge: readKnowledgeConfig(config, options.cwd ?? process.cwd()),
    localFiles: {
      allow: config.getOptionalStringArray('sreHealth.localFiles.allow') ?? [],
    },
    validation: { maxFutureDays: readMaxFutureDays(config) },
    slo: { budgetPolicy: { steps: readBudgetPolicySteps(config) } },
    notifications: readNotificationSettings(config),
  };
}
