import { NotFoundError } from '@backstage/errors';
import {
  EngagementDecision,
  entityRefSchema,
  sreHealthEngagementUpdatePermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import { z as zod } from 'zod';
import { z } from 'zod/v3';
import { ENTRY_KINDS } from '../engagement';
import { parseInput } from '../http/validation';
import { agentInputSchema } from './agentSchema';
import type { SreHealthActionsDeps } from './types';

/*
 * `record-engagement-decision`: what `POST /engagements/:id/decisions` does, for the
 * action's caller and the team's engagement under way: the route's schema, its permission
 * (`sre-health.engagement.update` on the team), the entry service (the engagement locked
 * and open, the audit log in the same transaction) and the route's audit event.
 */

/** The route's kind of entry: its request schema and audit resource type. */
const { schemas, mapping } = ENTRY_KINDS.decisions;

const teamInput = zod.object({
  teamRef: entityRefSchema({ kinds: ['group'], defaultKind: 'group' }),
});

const decisionSchema = z.object({
  id: z.string(),
  version: z.number(),
  engagementId: z.string(),
  teamRef: z.string(),
  phase: z.string().describe('The work phase it was decided in'),
  decision: z.string(),
  reason: z.string(),
  example: z.string(),
  decidedBy: z.string(),
  createdAt: z.string(),
});

function decisionOutput(d: EngagementDecision): z.infer<typeof decisionSchema> {
  return {
    id: d.id,
    version: d.version,
    engagementId: d.engagementId,
    teamRef: d.teamRef,
    phase: d.phase,
    decision: d.decision,
    reason: d.reason,
    example: d.example,
    decidedBy: d.author,
    createdAt: d.createdAt,
  };
}

/** `record-engagement-decision`. */
export function registerEngagementDecisionAction(
  deps: SreHealthActionsDeps,
): void {
  const { access, store, entries } = deps;
  const input = agentInputSchema(
    schemas.create,
    {
      phase:
        'The work phase it belongs to: learn, share-context, drive-change or report (default: the engagement’s current phase)',
      decision: 'What was decided, as a sentence',
      reason: 'Why, with the facts behind it',
      example: 'A concrete case the decision applies to',
    },
    {
      teamRef: z
        .string()
        .min(1)
        .max(255)
        .describe(
          'The team with the engagement under way, e.g. group:default/payments-team (get-service-health names it)',
        ),
    },
  );
  deps.actionsRegistry.register({
    name: 'record-engagement-decision',
    title: "Record a decision in a team's SRE engagement",
    description: `Write down a decision taken in the engagement of an embedded SRE with a team, with its reason and an example, so the team keeps the reasoning: it goes into the engagement record and its after-action report. Needs an engagement under way with the team. Only the SRE groups may call it (the engagement permission of the SRE Health tab); anyone else is refused and nothing is written. The change is audited under the caller’s name.`,
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: () => input,
      output: () => z.object({ decision: decisionSchema }),
    },
    action: async ({ input: { teamRef: team, ...rest }, credentials }) => {
      const { teamRef } = parseInput(teamInput, { teamRef: team });
      const body = parseInput(schemas.create, rest);
      const engagement = await store.activeEngagement(teamRef);
      if (!engagement) {
        throw new NotFoundError(
          `teamRef: ${teamRef} has no engagement under way`,
        );
      }
      const { actor } = await access.authorizeCredentials(
        credentials,
        sreHealthEngagementUpdatePermission,
        engagement.teamRef,
      );
      const decision = await access.auditedAction(
        { actor, action: 'sre-health:record-engagement-decision' },
        {
          action: 'create',
          resourceType: mapping.resourceType,
          entityRef: engagement.teamRef,
          id: engagement.id,
        },
        () =>
          entries.create('decisions', engagement.id, body, actor, credentials),
      );
      return { output: { decision: decisionOutput(decision) } };
    },
  });
}
