import {
  ENGAGEMENT_PHASES,
  EntityHealth,
  PHASES,
  computeVerdict,
  sreHealthAuthorshipReadPermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import { z } from 'zod/v3';
import {
  entityRefInput,
  resolveReadEntity,
  sloState,
  sloStateSchema,
  stressorOutput,
  stressorSchema,
} from './shapes';
import type { SreHealthActionsDeps } from './types';

const verdictSchema = z.object({
  state: z
    .enum(['paging', 'ticket', 'at-risk', 'healthy', 'no-slo'])
    .describe(
      'Most urgent first: an SLO alert paging, or opening a ticket, then at risk',
    ),
  headline: z.string().describe('One line saying why'),
  actions: z
    .array(z.object({ key: z.string(), text: z.string(), reason: z.string() }))
    .describe(
      'At most three things for the team to do first, the most urgent first',
    ),
  budgetLeft: z.number().nullable(),
  budgetSlo: z.string().nullable(),
  truckFactor: z.number().nullable(),
  knowledgeRisk: z.enum(['high', 'medium', 'low']),
  overloaded: z
    .boolean()
    .describe(
      'The owning team spent over half its time on ops over the rolling window: sustained, not one week',
    ),
  compoundRisks: z
    .array(
      z.object({
        key: z.string(),
        title: z.string(),
        summary: z.string(),
        evidence: z.array(z.string()),
      }),
    )
    .describe(
      'Warnings of the chapter that meet on the service (e.g. its last operator also carries its pager), each with its evidence',
    ),
});

/** @internal */
export const serviceHealthOutputSchema = z.object({
  entityRef: z.string(),
  ownerRef: z.string().nullable(),
  verdict: verdictSchema,
  slos: z.array(sloStateSchema),
  sloProblems: z
    .array(z.object({ location: z.string(), message: z.string() }))
    .describe('SLO definitions that could not be used'),
  openStressors: z
    .array(stressorSchema)
    .describe('Open and mitigating stressors, highest effective level first'),
  knowledgeSilo: z.object({
    risk: z.enum(['high', 'medium', 'low']),
    tier: z.string(),
    servingCritical: z.boolean(),
    busFactor: z.number().describe('People who can operate it'),
    operators: z.array(
      z.object({ userRef: z.string(), level: z.string(), source: z.string() }),
    ),
    singlePersonDependency: z.boolean(),
    keyPeople: z.array(z.string()),
    truckFactorStatus: z.enum(['ok', 'unavailable', 'pending', 'none']),
    truckFactor: z.number().nullable(),
    activeTruckFactor: z.number().nullable(),
    lostFiles: z.number().describe('Files whose every author has left'),
    topAuthors: z
      .array(
        z.object({
          author: z
            .string()
            .describe(
              "A user ref, or the git identity 'Name <email>' of someone outside the catalog",
            ),
          files: z.number(),
          share: z.number(),
          departed: z.boolean(),
        }),
      )
      .describe('Who holds the code, most files first'),
  }),
  engagement: z
    .object({
      id: z.string(),
      teamRef: z.string(),
      sreRef: z.string(),
      phase: z.enum(ENGAGEMENT_PHASES),
      phaseTitle: z.string(),
      startDate: z.string(),
    })
    .nullable()
    .describe("The owning team's engagement under way with an embedded SRE"),
  opsLoad: z
    .object({
      teamRef: z.string(),
      latestOpsShare: z.number().nullable(),
      windowWeeks: z.number().describe('Weeks overload is judged over'),
      windowOpsShare: z
        .number()
        .nullable()
        .describe('Ops share over those weeks, 0..1'),
      overloaded: z.boolean(),
    })
    .nullable(),
  fireCounts: z.object({
    toil: z.number(),
    overhead: z.number(),
    unsorted: z.number(),
  }),
});

type ServiceHealthOutput = z.infer<typeof serviceHealthOutputSchema>;

/** The health of a service as an agent reads it, from the tab's single read. */
export function serviceHealthOutput(health: EntityHealth): ServiceHealthOutput {
  const verdict = computeVerdict(health);
  const silo = health.knowledgeSilo;
  const tf = silo.truckFactor;
  const { engagement, opsLoad } = health;
  return {
    entityRef: health.entityRef,
    ownerRef: health.ownerRef,
    verdict: {
      state: verdict.state,
      headline: verdict.headline,
      actions: verdict.actions.map(a => ({
        key: a.key,
        text: a.text,
        reason: a.reason,
      })),
      budgetLeft: verdict.budgetLeft,
      budgetSlo: verdict.budgetSlo,
      truckFactor: verdict.truckFactor,
      knowledgeRisk: verdict.knowledgeRisk,
      overloaded: verdict.overloaded,
      compoundRisks: verdict.compoundRisks.map(r => ({
        key: r.key,
        title: r.title,
        summary: r.summary,
        evidence: r.evidence,
      })),
    },
    slos: health.slos.map(sloState),
    sloProblems: health.sloProblems.map(p => ({
      location: p.location,
      message: `${p.document} ${p.path}: ${p.message}`,
    })),
    openStressors: health.stressors
      .filter(f => f.status === 'open' || f.status === 'mitigating')
      .map(stressorOutput),
    knowledgeSilo: {
      risk: silo.risk,
      tier: silo.tier,
      servingCritical: silo.servingCritical,
      busFactor: silo.busFactor,
      operators: silo.operators.map(o => ({
        userRef: o.userRef,
        level: o.level,
        source: o.source,
      })),
      singlePersonDependency: silo.singlePersonDependency ?? false,
      keyPeople: silo.keyPeople ?? [],
      truckFactorStatus: tf?.status ?? 'none',
      truckFactor: tf?.truckFactor ?? null,
      activeTruckFactor: tf?.activeTruckFactor ?? null,
      lostFiles: tf?.lostFiles.count ?? 0,
      topAuthors: (tf?.topAuthors ?? []).map(a => ({
        author: a.author,
        files: a.files,
        share: a.share,
        departed: a.departed,
      })),
    },
    engagement: engagement && {
      id: engagement.id,
      teamRef: engagement.teamRef,
      sreRef: engagement.sreRef,
      phase: engagement.phase,
      phaseTitle:
        PHASES.find(p => p.phase === engagement.phase)?.title ??
        engagement.phase,
      startDate: engagement.startDate,
    },
    opsLoad: opsLoad && {
      teamRef: opsLoad.teamRef,
      latestOpsShare: opsLoad.latestOpsShare,
      windowWeeks: opsLoad.windowWeeks,
      windowOpsShare: opsLoad.windowOpsShare,
      overloaded: opsLoad.overloaded,
    },
    fireCounts: {
      toil: health.fireCounts.toil ?? 0,
      overhead: health.fireCounts.overhead ?? 0,
      unsorted: health.fireCounts.unsorted ?? 0,
    },
  };
}

/** `get-service-health`: the SRE Health tab of one service, for an agent. */
export function registerServiceHealthAction(deps: SreHealthActionsDeps): void {
  deps.actionsRegistry.register({
    name: 'get-service-health',
    title: 'Get the SRE health of a service',
    description: `Is this service in trouble, and what should its team do first? Returns SRE Health's verdict on one service (paging, ticket, at-risk, healthy or no-slo) with up to three next actions and their reasons; every SLO with its status, error budget left, burn rates per window, the burn-rate alerts firing and the time until the budget is spent at the current burn; the open stressors (the eight of the SRE book's chapter 30, or custom ones) by effective stress level 1-5 with their evidence; the knowledge-silo risk (who can operate it, truck factor); the owning team's ops load and its engagement phase with an embedded SRE. The same data as the service's SRE Health tab. Call it first when asked about a service's reliability, SLOs, stress or risk.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: () => z.object({ entityRef: entityRefInput }).strict(),
      output: () => serviceHealthOutputSchema,
    },
    action: async ({ input, credentials }) => {
      const { entity, entityRef } = await resolveReadEntity(
        deps,
        input.entityRef,
        credentials,
      );
      const health = await deps.health.forEntity(entity);
      // the tab names no author: a caller the policy lets see them gets them, as on the route
      const [authorship] = await deps.access.allows(
        credentials,
        sreHealthAuthorshipReadPermission,
        [entityRef],
      );
      const knowledgeSilo = authorship
        ? await deps.knowledge.summarize(entity, entityRef, { authorship })
        : health.knowledgeSilo;
      return { output: serviceHealthOutput({ ...health, knowledgeSilo }) };
    },
  });
}
