import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityHealth,
  SloSummary,
  StressorFlag,
  currentBurn,
  describeExhaustion,
  entityRefSchema,
  stressorTitle,
  timeToExhaustion,
} from '@sre-health/backstage-plugin-sre-health-common';
import { z as zod } from 'zod';
import { z } from 'zod/v3';
import { entityRefOf } from '../http/access';
import { parseInput } from '../http/validation';
import type { SreHealthActionsDeps } from './types';

/*
 * What several actions share: the entity they read (as the caller sees the catalog), and
 * the output shapes of an SLO's state and of a stressor flag (zod v3, as the registry
 * lists them), with the functions that fill them from the tab's records.
 */

/** The input field naming the entity a read is about. */
export const entityRefInput = z
  .string()
  .min(1)
  .max(255)
  .describe(
    'The service: a catalog entity ref such as component:default/payments-api, or just payments-api for a component in the default namespace.',
  );

const readRef = zod.object({
  entityRef: entityRefSchema({ defaultKind: 'component' }),
});

/**
 * The entity a read names, as the caller may see it: 400 for what is no entity ref, 404
 * for one the caller's catalog does not have, as on the routes.
 */
export async function resolveReadEntity(
  deps: Pick<SreHealthActionsDeps, 'access'>,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<{ entity: Entity; entityRef: string }> {
  const ref = parseInput(readRef, { entityRef }).entityRef;
  const entity = await deps.access.resolveEntity(ref, credentials);
  return { entity, entityRef: entityRefOf(entity) };
}

/** The tab's single read of the entity a read names. */
export async function readEntityHealth(
  deps: Pick<SreHealthActionsDeps, 'access' | 'health'>,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<EntityHealth> {
  const { entity } = await resolveReadEntity(deps, entityRef, credentials);
  return deps.health.forEntity(entity);
}

const burnRateSchema = z.object({
  window: z.string().describe('Look-back window, e.g. 1h'),
  rate: z
    .number()
    .nullable()
    .describe(
      'Error rate ÷ the rate the SLO allows: 1 spends the budget exactly over the SLO window; null without data',
    ),
});

/** @internal */
export const sloStateSchema = z.object({
  name: z.string(),
  displayName: z.string(),
  status: z.enum(['healthy', 'at-risk', 'breached', 'no-data']),
  target: z.number().describe('Target as a fraction, e.g. 0.999'),
  window: z.string().describe('SLO window, e.g. 30d'),
  sli: z.number().nullable().describe('Measured SLI over the window'),
  budgetRemaining: z
    .number()
    .nullable()
    .describe(
      'Share of the error budget left: 1 untouched, 0 spent, below 0 overspent',
    ),
  burnRates: z.array(burnRateSchema),
  alert: z
    .enum(['page', 'ticket', 'none'])
    .describe('The most severe multi-window burn-rate alert firing'),
  firingRules: z.array(
    z.object({
      severity: z.enum(['page', 'ticket']),
      long: z.string(),
      short: z.string(),
      threshold: z.number(),
    }),
  ),
  currentBurn: burnRateSchema
    .extend({ rate: z.number() })
    .nullable()
    .describe(
      'The burn going on now: the 1h rate, else the next longer window with data',
    ),
  timeToExhaustion: z
    .object({ ms: z.number(), text: z.string() })
    .nullable()
    .describe(
      'When the budget is spent at the current burn; null when never at this rate or unknown',
    ),
  unavailable: z
    .string()
    .nullable()
    .describe(
      'Why the data source failed: the numbers are the last known ones',
    ),
  policyStep: z
    .object({ key: z.string(), action: z.string() })
    .nullable()
    .describe(
      "The error-budget policy's step the SLO is in and the action it recommends; null in none",
    ),
});

/** An SLO's state as an agent reads it, from the tab's summary of it. */
export function sloState(slo: SloSummary): z.infer<typeof sloStateSchema> {
  const burn = currentBurn(slo.burnRates);
  const left = timeToExhaustion(slo, burn?.rate);
  return {
    name: slo.name,
    displayName: slo.displayName || slo.name,
    status: slo.status,
    target: slo.target,
    window: slo.window,
    sli: slo.sli,
    budgetRemaining: slo.budgetRemaining,
    burnRates: slo.burnRates.map(b => ({ window: b.window, rate: b.rate })),
    alert: slo.alert?.state ?? 'none',
    firingRules: (slo.alert?.rules ?? [])
      .filter(r => r.firing)
      .map(r => ({
        severity: r.severity,
        long: r.long,
        short: r.short,
        threshold: r.threshold,
      })),
    currentBurn: burn,
    timeToExhaustion:
      left === null
        ? null
        : { ms: Math.round(left), text: describeExhaustion(left) ?? '' },
    unavailable: slo.unavailable?.reason ?? null,
    policyStep: slo.policyStep ?? null,
  };
}

/** @internal */
export const stressorSchema = z.object({
  id: z.string(),
  version: z.number(),
  entityRef: z.string(),
  key: z.string().describe('One of the eight stressor keys, or custom:<name>'),
  title: z.string(),
  level: z
    .number()
    .describe(
      "Stress level 1-5: the team's rating, or the evidence's proposal while nobody rated it",
    ),
  stressLevel: z.number(),
  proposedLevel: z
    .number()
    .describe("The level the evidence proposes (the detector's estimate)"),
  ratedLevel: z
    .number()
    .nullable()
    .describe(
      'The team rating (a team member or an SRE); null until someone rates',
    ),
  status: z.enum(['open', 'mitigating', 'resolved', 'dismissed', 'exempt']),
  exemptUntil: z
    .string()
    .nullable()
    .describe(
      'While exempt: the last day of the exemption (YYYY-MM-DD); detection re-opens it after',
    ),
  exemptReason: z
    .string()
    .nullable()
    .describe("While exempt: the SRE's justification"),
  source: z.enum(['sre', 'detected', 'both']),
  evidence: z.string(),
  facts: z
    .record(z.union([z.number(), z.string()]))
    .nullable()
    .describe('The numbers behind a detection'),
  flaggedBy: z.string(),
  createdAt: z.string(),
  detectedAt: z.string().nullable(),
});

/** A stressor flag as an agent reads it. */
export function stressorOutput(
  flag: StressorFlag,
): z.infer<typeof stressorSchema> {
  return {
    id: flag.id,
    version: flag.version,
    entityRef: flag.entityRef,
    key: flag.stressorKey,
    title: stressorTitle(flag.stressorKey),
    level: flag.stressLevel,
    stressLevel: flag.stressLevel,
    proposedLevel: flag.proposedLevel,
    ratedLevel: flag.ratedLevel,
    status: flag.status,
    exemptUntil: flag.exemptUntil,
    exemptReason: flag.exemptReason,
    source: flag.source,
    evidence: flag.evidence,
    facts: flag.facts,
    flaggedBy: flag.author,
    createdAt: flag.createdAt,
    detectedAt: flag.detectedAt,
  };
}
