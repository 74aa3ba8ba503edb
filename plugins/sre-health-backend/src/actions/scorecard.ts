import {
  COMPOUND_RISK_KEYS,
  ENGAGEMENT_PHASES,
  SCORECARD_SORT_KEYS,
  SERVING_TIERS,
  STRESSOR_KEYS,
  ScorecardRow,
  scorecardQuerySchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import { z } from 'zod/v3';
import { parseInput } from '../http/validation';
import type { SreHealthActionsDeps } from './types';

/*
 * `query-scorecard`: the SRE Scorecard page's view (`GET /scorecard`) for an agent. The
 * filters are the page's, checked by the page's own query schema; pages are smaller.
 */

/** Rows of one answer, by default and at most: an agent's context is not a browser. */
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

const refs = (what: string) =>
  z.array(z.string().min(1).max(255)).max(100).optional().describe(what);

const inputSchema = z
  .object({
    owner: refs(
      "Owning groups or users, e.g. group:default/payments-team or payments-team; a group includes its nested groups' services",
    ),
    system: refs('Systems, e.g. system:default/payments or payments'),
    lifecycle: refs('Lifecycles, e.g. production'),
    tier: z
      .array(z.enum(SERVING_TIERS))
      .max(3)
      .optional()
      .describe('Serving tiers; critical is serving-critical'),
    stressor: refs(
      `Only services with one of these stressors open or mitigating: ${STRESSOR_KEYS.join(
        ', ',
      )}, or custom:<name>`,
    ),
    compoundRisk: refs(
      `Only services with one of these compound risks (combinations of the chapter's warnings, as the last detection run found them): ${COMPOUND_RISK_KEYS.join(
        ', ',
      )}`,
    ),
    engagement: z
      .boolean()
      .optional()
      .describe(
        'true: only services whose team has an engagement under way; false: only those without',
      ),
    q: z.string().max(100).optional().describe('Part of the name or title'),
    sort: z
      .string()
      .max(100)
      .optional()
      .describe(
        `Column to sort by, default stress (highest stress level first): ${SCORECARD_SORT_KEYS.join(
          ', ',
        )}, or a custom stressor key`,
      ),
    order: z.enum(['asc', 'desc']).optional(),
    offset: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Rows to skip (paging)'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(MAX_LIMIT)
      .optional()
      .describe(`Rows to return, default ${DEFAULT_LIMIT}`),
  })
  .strict();

const rowSchema = z.object({
  entityRef: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  ownerRef: z.string().nullable(),
  systemRef: z.string().nullable(),
  lifecycle: z.string().nullable(),
  tier: z.string(),
  maxLevel: z
    .number()
    .describe(
      'Highest stress level the team rated among its open stressors, 0 without: the ranking',
    ),
  atMaxLevel: z.number(),
  openStressors: z.number(),
  compoundRisks: z
    .array(z.string())
    .describe(
      `Its compound risks, as the last detection run found them: ${COMPOUND_RISK_KEYS.join(
        ', ',
      )}`,
    ),
  stressors: z
    .array(
      z.object({
        key: z.string(),
        status: z.enum(['open', 'mitigating', 'dismissed', 'exempt']),
        until: z
          .string()
          .optional()
          .describe(
            'An exempt flag: the last day of its exemption (YYYY-MM-DD)',
          ),
        level: z.number(),
        proposed: z
          .literal(true)
          .optional()
          .describe(
            "Set while nobody rated it: the level is the evidence's proposal",
          ),
      }),
    )
    .describe('Stressors with an unresolved flag; absent ones are free'),
  slo: z
    .object({
      status: z.string(),
      budgetRemaining: z.number().nullable(),
      count: z.number(),
    })
    .nullable()
    .describe('The worst of its SLOs; null without one'),
  truckFactor: z.number().nullable(),
  opsShare: z
    .number()
    .nullable()
    .describe("Ops share of the owner team's latest week"),
  engagement: z
    .object({
      id: z.string(),
      phase: z.enum(ENGAGEMENT_PHASES),
      sreRef: z.string(),
    })
    .nullable(),
});

/** @internal */
export const scorecardOutputSchema = z.object({
  total: z.number().describe('Services matching the filters, across all pages'),
  offset: z.number(),
  limit: z.number(),
  highStress: z
    .number()
    .describe('Services matching with a stressor open, rated 4 or above'),
  syncedAt: z.string().nullable(),
  customStressors: z.array(z.string()),
  rows: z.array(rowSchema),
});

function rowOutput(row: ScorecardRow): z.infer<typeof rowSchema> {
  return {
    entityRef: row.entityRef,
    name: row.name,
    title: row.title,
    ownerRef: row.ownerRef,
    systemRef: row.systemRef,
    lifecycle: row.lifecycle,
    tier: row.tier,
    maxLevel: row.maxLevel,
    atMaxLevel: row.atMaxLevel,
    openStressors: row.openStressors,
    compoundRisks: row.compoundRisks,
    stressors: Object.entries(row.stressors).flatMap(([key, cell]) =>
      cell
        ? [
            {
              key,
              status: cell.status,
              level: cell.level,
              ...(cell.proposed && { proposed: cell.proposed }),
              ...(cell.until && { until: cell.until }),
            },
          ]
        : [],
    ),
    slo: row.slo,
    truckFactor: row.truckFactor,
    opsShare: row.opsShare,
    engagement: row.engagement,
  };
}

/** `query-scorecard`. */
export function registerScorecardAction(deps: SreHealthActionsDeps): void {
  const { query } = deps.scorecard;
  deps.actionsRegistry.register({
    name: 'query-scorecard',
    title: 'Query the SRE Scorecard',
    description: `Which services are under the most stress, across the organisation or a team? Returns a page of the SRE Scorecard: services ranked by their highest open stress level (1-5), with each open stressor, the worst SLO status and budget left, truck factor, the owning team's ops share and engagement phase. Filter like the Scorecard page: owner (a group includes its nested groups), system, lifecycle, tier, stressor, compound risk, whether the team has an engagement, or part of the name. Paged: total says how many match; use offset for the next page. For one service's details, call get-service-health.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: () => inputSchema,
      output: () => scorecardOutputSchema,
    },
    action: async ({ input }) => {
      const { engagement, ...rest } = input;
      // the page's own query rules (owner and system refs, stressor keys, sort columns)
      const {
        offset = 0,
        limit = DEFAULT_LIMIT,
        ...view
      } = parseInput(
        scorecardQuerySchema,
        {
          ...rest,
          ...(engagement === undefined
            ? {}
            : { engagement: String(engagement) }),
        },
        'query',
      );
      const [page, syncedAt] = await Promise.all([
        query.page(view, offset, limit),
        query.syncedAt(),
      ]);
      return {
        output: {
          total: page.total,
          offset,
          limit,
          highStress: page.highStress,
          syncedAt,
          customStressors: page.customStressors,
          rows: page.rows.map(rowOutput),
        },
      };
    },
  });
}
