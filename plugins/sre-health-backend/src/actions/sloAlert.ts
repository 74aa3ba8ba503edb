import { NotFoundError } from '@backstage/errors';
import {
  AlertRuleState,
  BURN_RATE_WINDOWS,
  EntityHealth,
  describeExhaustion,
  SloSummary,
} from '@sre-health/backstage-plugin-sre-health-common';
import { z } from 'zod/v3';
import {
  entityRefInput,
  readEntityHealth,
  sloState,
  sloStateSchema,
} from './shapes';
import type { SreHealthActionsDeps } from './types';

/*
 * `explain-slo-alert`: the multi-window, multi-burn-rate alerts of the SRE Workbook, as
 * the SLO card evaluates them (the rules and rates come from the tab's read), put in words.
 */

const ruleSchema = z.object({
  severity: z.enum(['page', 'ticket']),
  long: z.string(),
  short: z.string(),
  threshold: z.number().describe('Burn rate both windows must exceed'),
  longRate: z.number().nullable(),
  shortRate: z.number().nullable(),
  firing: z.boolean(),
  budgetFraction: z
    .number()
    .describe(
      'Share of the whole SLO window budget spent within the long window at the threshold',
    ),
  state: z.enum(['firing', 'long-only', 'short-only', 'ok', 'no-data']),
  meaning: z.string(),
});

/** @internal */
export const sloAlertOutputSchema = z.object({
  entityRef: z.string(),
  slo: sloStateSchema,
  alert: z.enum(['page', 'ticket', 'none']),
  firingRule: ruleSchema
    .nullable()
    .describe(
      'The rule that fires: pages before tickets, the fastest burn first',
    ),
  rules: z.array(ruleSchema),
  explanation: z
    .string()
    .describe('What the alert means and what to do, in words'),
});

type Rule = z.infer<typeof ruleSchema>;

const times = (rate: number) =>
  `${rate >= 10 ? rate.toFixed(1) : rate.toFixed(2)}×`;
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

function explainRule(slo: SloSummary, rule: AlertRuleState): Rule {
  const rate = (w: string) =>
    slo.burnRates.find(b => b.window === w)?.rate ?? null;
  const longRate = rate(rule.long);
  const shortRate = rate(rule.short);
  const longMs = BURN_RATE_WINDOWS.find(w => w.window === rule.long)?.ms ?? 0;
  const budgetFraction = Number(
    ((rule.threshold * longMs) / slo.windowMs).toFixed(6),
  );
  const above = (r: number | null) => r !== null && r > rule.threshold;
  let state: Rule['state'] = 'ok';
  if (longRate === null || shortRate === null) state = 'no-data';
  else if (rule.firing) state = 'firing';
  else if (above(longRate)) state = 'long-only';
  else if (above(shortRate)) state = 'short-only';
  const rule1 = `The ${rule.severity} rule fires when the burn rate over both ${
    rule.long
  } and ${rule.short} exceeds ${times(rule.threshold)}: at that rate ${percent(
    budgetFraction,
  )} of the ${slo.window} error budget is spent within ${rule.long}.`;
  const now: Record<Rule['state'], string> = {
    firing: `It is firing: ${times(longRate ?? 0)} over ${
      rule.long
    } and ${times(shortRate ?? 0)} over ${rule.short}.`,
    'long-only': `Not firing: ${rule.long} is above the threshold (${times(
      longRate ?? 0,
    )}) but ${rule.short} is not, so the burn has slowed or stopped.`,
    'short-only': `Not firing: ${rule.short} is above the threshold (${times(
      shortRate ?? 0,
    )}) but ${rule.long} is not, a burst that has not lasted.`,
    ok: 'Not firing: both windows are below the threshold.',
    'no-data': 'No data in one of its windows.',
  };
  return {
    severity: rule.severity,
    long: rule.long,
    short: rule.short,
    threshold: rule.threshold,
    longRate,
    shortRate,
    firing: rule.firing,
    budgetFraction,
    state,
    meaning: `${rule1} ${now[state]}`,
  };
}

const SEVERITY = { page: 0, ticket: 1 } as const;

/** The SLO asked for, or the one whose alert matters most (then the least budget left). */
function pickSlo(health: EntityHealth, name?: string): SloSummary {
  if (health.slos.length === 0) {
    throw new NotFoundError(`${health.entityRef} has no SLO`);
  }
  if (name) {
    const wanted = name.toLocaleLowerCase('en-US');
    const found = health.slos.find(
      s =>
        s.name.toLocaleLowerCase('en-US') === wanted ||
        s.displayName?.toLocaleLowerCase('en-US') === wanted,
    );
    if (!found) {
      throw new NotFoundError(
        `slo: ${health.entityRef} has no SLO ${name}; its SLOs are ${health.slos
          .map(s => s.name)
          .join(', ')}`,
      );
    }
    return found;
  }
  const rank = (s: SloSummary) => {
    const state = s.alert?.state ?? 'none';
    return state === 'none' ? 2 : SEVERITY[state];
  };
  return [...health.slos].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.budgetRemaining ?? Infinity) - (b.budgetRemaining ?? Infinity),
  )[0];
}

/** The alert state of one SLO, rule by rule, and in words. @internal */
export function explainSloAlert(
  health: EntityHealth,
  name?: string,
): z.infer<typeof sloAlertOutputSchema> {
  const slo = pickSlo(health, name);
  const state = sloState(slo);
  const rules = (slo.alert?.rules ?? []).map(r => explainRule(slo, r));
  const [firingRule] = rules
    .filter(r => r.firing)
    .sort(
      (a, b) =>
        SEVERITY[a.severity] - SEVERITY[b.severity] ||
        (b.longRate ?? 0) - (a.longRate ?? 0),
    );
  const parts: string[] = [];
  if (firingRule) {
    parts.push(
      `${state.displayName} burns its error budget ${times(
        firingRule.longRate ?? 0,
      )} as fast as its ${percent(slo.target)} target allows over ${
        firingRule.long
      }, so its ${firingRule.severity} alert fires.`,
      firingRule.severity === 'page'
        ? `A page means someone should act now: above ${times(
            firingRule.threshold,
          )}, even a full budget is gone within ${describeExhaustion(
            slo.windowMs / firingRule.threshold,
          )}.`
        : `A ticket means a slower burn, to fix within working days: above ${times(
            firingRule.threshold,
          )}, a full budget lasts less than ${describeExhaustion(
            slo.windowMs / firingRule.threshold,
          )}.`,
    );
  } else {
    parts.push(`No burn-rate alert of ${state.displayName} is firing.`);
  }
  if (state.timeToExhaustion) {
    parts.push(
      state.timeToExhaustion.ms === 0
        ? 'The error budget is already spent.'
        : `At the current burn (${times(state.currentBurn!.rate)} over ${
            state.currentBurn!.window
          }) the ${slo.window} budget is gone in ${
            state.timeToExhaustion.text
          }.`,
    );
  }
  if (state.budgetRemaining !== null) {
    parts.push(
      `${percent(Math.max(0, state.budgetRemaining))} of the budget is left.`,
    );
  }
  return {
    entityRef: health.entityRef,
    slo: state,
    alert: state.alert,
    firingRule: firingRule ?? null,
    rules,
    explanation: parts.join(' '),
  };
}

/** `explain-slo-alert`. */
export function registerSloAlertAction(deps: SreHealthActionsDeps): void {
  deps.actionsRegistry.register({
    name: 'explain-slo-alert',
    title: 'Explain an SLO alert',
    description: `Why is an SLO alert of this service firing (or not), and what does it mean? SRE Health alerts on error-budget burn rates with the SRE Workbook's multi-window rules: a page when both 1h and 5m (or 6h and 30m) burn fast enough to spend 2% (5%) of a 30-day budget in that time, a ticket for 1d/2h and 3d/6h at 10%. Returns, for one SLO, every rule with its threshold, the measured burn rates of its long and short windows and whether it fires; the rule that fires; the time until the budget is spent at the current burn; and an explanation in words. Omit slo to explain the SLO whose alert matters most.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: () =>
        z
          .object({
            entityRef: entityRefInput,
            slo: z
              .string()
              .min(1)
              .max(128)
              .optional()
              .describe(
                'The SLO name (as get-service-health lists it); omit for the most urgent',
              ),
          })
          .strict(),
      output: () => sloAlertOutputSchema,
    },
    action: async ({ input, credentials }) => {
      const health = await readEntityHealth(deps, input.entityRef, credentials);
      return { output: explainSloAlert(health, input.slo) };
    },
  });
}
