import { parseEntityRef } from '@backstage/catalog-model';
import {
  CompoundRisk,
  compoundRiskFactsOf,
  compoundRisks,
} from '../compoundRisks';
import { compareFlagsByPriority } from '../flags';
import { OPS_LOAD_CAP, overloadWindowWords } from '../opsLoad';
import { opsSourcesWords } from '../opsTime';
import { exhaustionOutlook } from '../slo/exhaustion';
import type { AlertRuleState } from '../slo/math';
import { isStressorKey, stressorTitle } from '../stressors';
import type { SiloRisk } from '../knowledge/types';
import type { EntityHealth, SloSummary, StressorFlag } from '../types';

/*
 * The verdict a reader sees first on a service's SRE Health tab (and on its Overview card):
 * one state, and up to three things to do first, each with its reason and where it is done.
 * Everything here is derived from the tab's single read (`EntityHealth`), so the frontend,
 * the backend and any other reader of that read agree on it.
 */

/** " (typed)" or " (computed from fires, pages, interrupts)": where the share comes from. */
function sourceNote(sources: Parameters<typeof opsSourcesWords>[0]): string {
  const words = opsSourcesWords(sources);
  return words ? ` (${words})` : '';
}

/**
 * The service's state, most urgent first: an SLO alert paging or opening a ticket, then
 * "at risk" (budget low or spent, a stressor at level 4 or 5, the team overloaded, the
 * service depending on one person, or a compound risk), "no SLO" when nothing else is wrong
 * but there is nothing to measure it by, and "healthy".
 * @public
 */
export type VerdictState =
  | 'paging'
  | 'ticket'
  | 'at-risk'
  | 'healthy'
  | 'no-slo';

/** @public */
export const VERDICT_STATE_LABELS: Record<VerdictState, string> = {
  paging: 'Paging',
  ticket: 'Ticket',
  'at-risk': 'At risk',
  healthy: 'Healthy',
  'no-slo': 'No SLO',
};

/**
 * Where on the tab an action is done: an element id, linked as `#<anchor>`. The SLO cards,
 * stressor rows, knowledge card and team strip carry these ids.
 * @public
 */
export const VERDICT_ANCHORS = {
  slo: (name: string) => `slo-${anchorSlug(name)}`,
  slos: 'slos',
  stressor: (key: string) => `stressor-${key}`,
  knowledge: 'knowledge',
  team: 'team',
  postmortems: 'postmortems',
} as const;

/** @public */
export interface VerdictAction {
  /** Stable key, for React lists and tests. */
  key: string;
  /** What to do, as a sentence starting with a verb. */
  text: string;
  /** Why, with the number behind it. */
  reason: string;
  /** The element id where it is done (see `VERDICT_ANCHORS`). */
  anchor: string;
}

/** @public */
export interface VerdictStressor {
  key: string;
  title: string;
  /** The level: the team's rating, or the evidence's proposal until someone rates. */
  level: number;
}

/** @public */
export interface Verdict {
  state: VerdictState;
  /** One line saying why the state is what it is. */
  headline: string;
  /** At most three things to do first, the most urgent first. */
  actions: VerdictAction[];
  /** Open and mitigating stressors by priority, at most three. */
  topStressors: VerdictStressor[];
  /** The least budget left of the service's SLOs (a share; 0 or below = exhausted), null without one. */
  budgetLeft: number | null;
  /** The SLO with the least budget left. */
  budgetSlo: string | null;
  truckFactor: number | null;
  knowledgeRisk: SiloRisk;
  /** The owning team is above the ops cap. */
  overloaded: boolean;
  /** The combinations of warnings that hold for the service, with their evidence. */
  compoundRisks: CompoundRisk[];
}

/** Stressors at this effective level or above put a service at risk. @public */
export const VERDICT_STRESS_LEVEL = 4;

/** How many actions the verdict lists. @public */
export const VERDICT_MAX_ACTIONS = 3;

const SEVERITY_RANK: Record<AlertRuleState['severity'], number> = {
  page: 0,
  ticket: 1,
};

/** The flag's level: the team's rating, else the proposal (see flags.ts). */
function level(flag: StressorFlag): number {
  return flag.stressLevel;
}

function displayName(slo: SloSummary): string {
  return slo.displayName || slo.name;
}

function anchorSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function formatRate(rate: number): string {
  return `${rate >= 10 ? rate.toFixed(1) : rate.toFixed(2)}×`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function personName(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

interface FiringRule {
  slo: SloSummary;
  rule: AlertRuleState;
  rate: number;
}

/** Firing rules, pages before tickets, then the fastest burn first. */
function firingRules(slos: ReadonlyArray<SloSummary>): FiringRule[] {
  const firing: FiringRule[] = [];
  for (const slo of slos) {
    for (const rule of slo.alert?.rules ?? []) {
      if (!rule.firing) continue;
      const rate = slo.burnRates.find(b => b.window === rule.long)?.rate;
      if (rate === null || rate === undefined) continue;
      firing.push({ slo, rule, rate });
    }
  }
  return firing.sort(
    (a, b) =>
      SEVERITY_RANK[a.rule.severity] - SEVERITY_RANK[b.rule.severity] ||
      b.rate - a.rate,
  );
}

function burnAction(firing: FiringRule): VerdictAction {
  const { slo, rule, rate } = firing;
  const name = displayName(slo);
  const outlook = exhaustionOutlook(slo, rate);
  // an AlertPolicy's severity name when it decides the rule, e.g. "the sev1 (page) rule"
  const severity =
    rule.severityName && rule.severityName !== rule.severity
      ? `${rule.severityName} (${rule.severity})`
      : rule.severity;
  const rule1 = `the ${severity} rule (${rule.long} and ${
    rule.short
  } above ${formatRate(rule.threshold)}) is firing`;
  return {
    key: `burn:${slo.name}:${rule.long}`,
    text: `Investigate the ${rule.long} burn of ${formatRate(rate)} on ${name}`,
    reason: [outlook, rule1].filter(Boolean).join('; '),
    anchor: VERDICT_ANCHORS.slo(slo.name),
  };
}

function subject(health: EntityHealth): string {
  return personName(health.entityRef);
}

/** The next action for an open stressor: specific where the tab's data says more. */
function stressorAction(
  health: EntityHealth,
  flag: StressorFlag,
): VerdictAction {
  const key = flag.stressorKey;
  const name = subject(health);
  const at = `stress level ${level(flag)}`;
  const base = {
    key: `stressor:${key}`,
    anchor: VERDICT_ANCHORS.stressor(key),
  };
  switch (isStressorKey(key) ? key : 'custom') {
    case 'knowledge-gap': {
      const people = health.knowledgeSilo.keyPeople ?? [];
      const only = people.length === 1 ? personName(people[0]) : null;
      return {
        ...base,
        text: `Pair a second operator on ${name}`,
        reason: only
          ? `only ${only} can operate it (bus factor ${health.knowledgeSilo.busFactor}); ${at}`
          : `bus factor ${health.knowledgeSilo.busFactor}; ${at}`,
      };
    }
    case 'rollback-only-postmortems': {
      // The pattern, never one old postmortem: the team sees this line.
      const n = Number(flag.facts?.withoutCauseItem ?? 0);
      const of = Number(flag.facts?.recentPostmortems ?? 0);
      return {
        ...base,
        text: 'Lead the next postmortem to an action item aimed at the cause',
        reason: `${
          n > 0 && of > 0
            ? `${n} of the ${of} recent postmortem${of === 1 ? '' : 's'} ${
                n === 1 ? 'has' : 'have'
              }`
            : 'recent postmortems have'
        } no action item that investigates or prevents the cause; ${at}`,
      };
    }
    case 'undiagnosed-alerts':
      return {
        ...base,
        text: `Diagnose the alerts of ${name} that fire without a runbook or owner`,
        reason: `common alerts nobody has diagnosed distract from real problems; ${at}`,
      };
    case 'complaints-without-slo':
      return {
        ...base,
        text: `Write an SLO for ${name}`,
        reason: `customers complain and there is no SLO to judge it by; ${at}`,
      };
    case 'naive-capacity-plan':
      return {
        ...base,
        text: `Write a capacity plan for ${name} that models its growth`,
        reason: `"add more servers" is not a plan; ${at}`,
      };
    case 'next-big-thing':
      return {
        ...base,
        text: `Fix the problems deferred to the next release of ${name}`,
        reason: `they are open past their date; ${at}`,
      };
    case 'devs-own-it':
      return {
        ...base,
        text: `Get someone on call able to operate ${name}`,
        reason: `nobody on the operating side can; ${at}`,
      };
    case 'sre-service-growing':
      return {
        ...base,
        text: `Give ${name} an owner with time for it`,
        reason: `an SRE-built service is growing in importance; ${at}`,
      };
    default:
      return {
        ...base,
        text: `Work on ${stressorTitle(key)}`,
        reason: at,
      };
  }
}

/** What to do about a compound risk: the move that breaks the combination. */
function compoundRiskAction(
  health: EntityHealth,
  risk: CompoundRisk,
): VerdictAction {
  const name = subject(health);
  const base = { key: `compound:${risk.key}`, reason: risk.summary };
  switch (risk.key) {
    case 'pager-silo':
      return {
        ...base,
        text: `Train a second operator for ${name} and share its pager`,
        anchor: VERDICT_ANCHORS.knowledge,
      };
    case 'sre-service-growing-overloaded':
      return {
        ...base,
        text: `Give ${name} an owner with time for it before it grows further`,
        anchor: VERDICT_ANCHORS.stressor('sre-service-growing'),
      };
    default:
      return {
        ...base,
        text: `Write an SLO for ${name} from the complaints, then lead the next postmortem to the cause`,
        anchor: VERDICT_ANCHORS.stressor('complaints-without-slo'),
      };
  }
}

/** Open and mitigating flags, by the book's priority. */
function openFlags(health: EntityHealth): StressorFlag[] {
  return health.stressors
    .filter(f => f.status === 'open' || f.status === 'mitigating')
    .sort(compareFlagsByPriority);
}

function headlineOf(
  state: VerdictState,
  health: EntityHealth,
  firing: FiringRule[],
  flags: StressorFlag[],
  budget: SloSummary | null,
  risks: CompoundRisk[],
): string {
  switch (state) {
    case 'paging':
    case 'ticket': {
      const { slo, rule, rate } = firing[0];
      return `${displayName(slo)} burns its error budget ${formatRate(
        rate,
      )} too fast over ${rule.long}: the ${rule.severity} alert is firing.`;
    }
    case 'at-risk': {
      const reasons: string[] = [];
      if (budget && budget.budgetRemaining !== null) {
        if (budget.budgetRemaining <= 0)
          reasons.push(
            `the error budget of ${displayName(budget)} is exhausted`,
          );
        else if (budget.status === 'at-risk' || budget.status === 'breached')
          reasons.push(
            `${percent(budget.budgetRemaining)} of ${displayName(
              budget,
            )}'s error budget is left`,
          );
      }
      const high = flags.filter(f => level(f) >= VERDICT_STRESS_LEVEL);
      if (high.length > 0)
        reasons.push(
          `${high.length} stressor${
            high.length === 1 ? '' : 's'
          } at level ${VERDICT_STRESS_LEVEL} or above`,
        );
      if (health.knowledgeSilo.singlePersonDependency)
        reasons.push('it depends on one person');
      for (const risk of risks) {
        reasons.push(
          `a compound risk: ${risk.title
            .charAt(0)
            .toLocaleLowerCase('en-US')}${risk.title.slice(1)}`,
        );
      }
      if (health.opsLoad?.overloaded)
        reasons.push(
          `the team spent ${percent(
            health.opsLoad.windowOpsShare ?? 0,
          )} of its time on ops over ${overloadWindowWords(
            health.opsLoad.windowWeeks,
          )}`,
        );
      return `At risk: ${reasons.join(', ')}.`;
    }
    case 'no-slo':
      return 'Nothing measures this service yet: it has no SLO.';
    default:
      return 'SLOs within budget and no stressor at level 4 or above.';
  }
}

/**
 * The verdict on one service from the tab's read. The state follows the most urgent signal;
 * the actions come in this order, at most three: firing SLO alerts (pages first, fastest burn
 * first), compound risks (worse than any of their parts), open stressors by effective level
 * (then age), a single-person dependency that no flag names yet, an overloaded team without
 * an embedded SRE, and an SLO to write.
 * @public
 */
export function computeVerdict(health: EntityHealth): Verdict {
  const firing = firingRules(health.slos);
  const flags = openFlags(health);
  const computed = health.slos.filter(s => s.budgetRemaining !== null);
  const budget =
    computed.length === 0
      ? null
      : computed.reduce((a, b) =>
          (b.budgetRemaining as number) < (a.budgetRemaining as number) ? b : a,
        );
  const silo = health.knowledgeSilo;
  const overloaded = health.opsLoad?.overloaded ?? false;
  const risks = compoundRisks(compoundRiskFactsOf(health));

  let state: VerdictState;
  if (firing.some(f => f.rule.severity === 'page')) state = 'paging';
  else if (firing.length > 0) state = 'ticket';
  else if (
    health.slos.some(s => s.status === 'at-risk' || s.status === 'breached') ||
    flags.some(f => level(f) >= VERDICT_STRESS_LEVEL) ||
    silo.singlePersonDependency ||
    overloaded ||
    risks.length > 0
  )
    state = 'at-risk';
  else if (health.slos.length === 0) state = 'no-slo';
  else state = 'healthy';

  const actions: VerdictAction[] = [];
  const add = (action: VerdictAction) => {
    const same = (a: VerdictAction) =>
      a.anchor === action.anchor ||
      a.key === action.key ||
      a.text === action.text;
    if (!actions.some(same)) actions.push(action);
  };
  // One action per SLO: its most urgent firing rule.
  const seenSlos = new Set<string>();
  for (const f of firing) {
    if (seenSlos.has(f.slo.name)) continue;
    seenSlos.add(f.slo.name);
    add(burnAction(f));
  }
  for (const risk of risks) add(compoundRiskAction(health, risk));
  for (const flag of flags) add(stressorAction(health, flag));
  if (silo.singlePersonDependency && silo.keyPeople?.length) {
    add({
      key: 'knowledge:single-person',
      text: `Pair a second person with ${personName(
        silo.keyPeople[0],
      )} on ${subject(health)}`,
      reason: `${personName(
        silo.keyPeople[0],
      )} is the only one who can operate it or holds its code`,
      anchor: VERDICT_ANCHORS.knowledge,
    });
  }
  if (overloaded && !health.engagement && health.opsLoad) {
    add({
      key: 'team:embed',
      text: 'Embed one SRE with the team',
      reason: `ops work took ${percent(
        health.opsLoad.windowOpsShare ?? 0,
      )} of the team's time over ${overloadWindowWords(
        health.opsLoad.windowWeeks,
      )}${sourceNote(health.opsLoad.windowSources)}, above the ${percent(
        OPS_LOAD_CAP,
      )} cap`,
      anchor: VERDICT_ANCHORS.team,
    });
  }
  if (health.slos.length === 0) {
    add({
      key: 'slo:write',
      text: `Write an SLO for ${subject(health)}`,
      reason:
        'an SLO measures the impact of outages and shows how much a change matters',
      anchor: VERDICT_ANCHORS.slos,
    });
  }

  return {
    state,
    headline: headlineOf(state, health, firing, flags, budget, risks),
    actions: actions.slice(0, VERDICT_MAX_ACTIONS),
    topStressors: flags.slice(0, 3).map(f => ({
      key: f.stressorKey,
      title: stressorTitle(f.stressorKey),
      level: level(f),
    })),
    budgetLeft: budget?.budgetRemaining ?? null,
    budgetSlo: budget ? displayName(budget) : null,
    truckFactor: silo.truckFactor?.truckFactor ?? null,
    knowledgeRisk: silo.risk,
    overloaded,
    compoundRisks: risks,
  };
}
