import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import {
  ACTIVE_FLAG_STATUSES,
  STRESSORS,
  ScorecardExport,
  ScorecardRow,
} from '@sre-health/backstage-plugin-sre-health-common';

/** Id of the retriever, its facts and its schema in Tech Insights. @public */
export const SRE_HEALTH_FACT_RETRIEVER_ID = 'sre-health-facts';

/** `knowledge-gap` → `knowledgeGapStressLevel`: one integer fact per stressor. @public */
export function stressLevelFactName(stressorKey: string): string {
  return `${stressorKey.replace(/-([a-z])/g, (_m, c: string) =>
    c.toUpperCase(),
  )}StressLevel`;
}

/** The facts of one service, from its SRE Health scorecard row. @public */
export function factsOf(row: ScorecardRow): TechInsightFact['facts'] {
  const open: Record<string, number> = {};
  for (const s of STRESSORS) {
    const cell = row.stressors[s.key];
    if (
      cell &&
      (ACTIVE_FLAG_STATUSES as ReadonlyArray<string>).includes(cell.status)
    ) {
      open[s.key] = cell.level;
    }
  }
  const facts: TechInsightFact['facts'] = {
    openStressors: open,
    openStressorCount: row.openStressors,
    maxStressLevel: row.maxLevel,
    sloStatus: row.slo?.status ?? 'none',
  };
  for (const s of STRESSORS) {
    facts[stressLevelFactName(s.key)] = open[s.key] ?? 0;
  }
  // Unknown values are left out rather than stored as null: checks treat them as missing.
  if (
    row.slo?.budgetRemaining !== null &&
    row.slo?.budgetRemaining !== undefined
  ) {
    facts.sloBudgetRemaining = row.slo.budgetRemaining;
  }
  if (row.truckFactor !== null) facts.truckFactor = row.truckFactor;
  if (row.opsShare !== null) facts.opsShare = row.opsShare;
  return facts;
}

/**
 * Per-service facts from SRE Health, read in one request from the sre-health backend's
 * `GET /scorecard/facts` (with this plugin's service token): the open stressors by key
 * with their stress level, the worst SLO status and budget left, the truck factor and the
 * owner team's ops share.
 * @public
 */
export const sreHealthFactRetriever: FactRetriever = {
  id: SRE_HEALTH_FACT_RETRIEVER_ID,
  version: '0.2.0',
  title: 'SRE Health',
  description:
    'Open stressors of SRE book chapter 30 with their stress level, SLO status and error budget, truck factor and ops share of the owner team',
  entityFilter: [{ kind: 'component' }],
  schema: {
    openStressors: {
      type: 'object',
      description:
        "Open and mitigating stressors by key, each with its stress level (1..5): the team's rating, or the evidence's proposal until someone rates",
    },
    openStressorCount: {
      type: 'integer',
      description: 'Number of open and mitigating stressor flags',
    },
    maxStressLevel: {
      type: 'integer',
      description:
        'Highest stress level the team rated of an open or mitigating flag (0 without): what the scorecard ranks by',
    },
    ...Object.fromEntries(
      STRESSORS.map(s => [
        stressLevelFactName(s.key),
        {
          type: 'integer' as const,
          description: `Stress level of "${s.title}" (0 when free of it)`,
        },
      ]),
    ),
    sloStatus: {
      type: 'string',
      description:
        'Worst status of the service SLOs: healthy, at-risk, breached, no-data, or none',
    },
    sloBudgetRemaining: {
      type: 'float',
      description:
        'Smallest share of error budget left among its SLOs (1 untouched, negative overspent)',
    },
    truckFactor: {
      type: 'integer',
      description: 'Truck factor of the service repository',
    },
    opsShare: {
      type: 'float',
      description: "Ops share of the owner team's latest sampled week (0..1)",
    },
  },
  async handler(ctx) {
    const { discovery, auth, logger } = ctx;
    const baseUrl = await discovery.getBaseUrl('sre-health');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'sre-health',
    });
    const response = await fetch(`${baseUrl}/scorecard/facts`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as ScorecardExport;
    logger.info(
      `SRE Health facts for ${body.rows.length} services (catalog synced ${
        body.syncedAt ?? 'never'
      })`,
    );
    return body.rows.map(row => {
      const { kind, namespace, name } = parseEntityRef(row.entityRef);
      return { entity: { kind, namespace, name }, facts: factsOf(row) };
    });
  },
};
