import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  EntityHealth,
  KnowledgeWhatIf,
  MAX_WHAT_IF_PEOPLE,
  entityRefSchema,
  pagerWithout,
  whatIfPersonSchema,
  sreHealthAuthorshipReadPermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import { z as zod } from 'zod';
import { z } from 'zod/v3';
import { entityRefOf } from '../http/access';
import { parseInput } from '../http/validation';
import { resolveReadEntity } from './shapes';
import type { SreHealthActionsDeps } from './types';

/*
 * `what-if-person-leaves`: the knowledge route's what-if
 * (`GET /knowledge/:kind/:namespace/:name/what-if`) over several services at once, those
 * named or those a team owns, summed up as what would lose its last operator or author,
 * and, as the knowledge card says it, the on-call rota and SLOs left without the person
 * (`pagerWithout` over the tab's read).
 */

/** Services one answer covers at most. */
const MAX_SERVICES = 50;

const personInput = zod.object({
  person: whatIfPersonSchema,
  alsoKnownAs: zod
    .array(whatIfPersonSchema)
    .max(MAX_WHAT_IF_PEOPLE - 1)
    .default([]),
  teamRef: entityRefSchema({
    kinds: ['group'],
    defaultKind: 'group',
  }).optional(),
});

const componentSchema = z.object({
  entityRef: z.string(),
  busFactorBefore: z.number(),
  busFactorLeft: z.number(),
  riskBefore: z.enum(['high', 'medium', 'low']),
  riskLeft: z.enum(['high', 'medium', 'low']),
  operatorsLeft: z
    .array(z.string())
    .describe('People who could still operate it'),
  truckFactorStatus: z.enum(['ok', 'unavailable', 'pending', 'none']),
  truckFactorLeft: z.number().nullable(),
  orphanedFiles: z
    .object({ count: z.number(), paths: z.array(z.string()) })
    .nullable()
    .describe(
      'Files that lose their last author; null when the code was never analysed',
    ),
  pager: z
    .object({
      shifts: z.number(),
      totalShifts: z.number(),
      share: z.number().nullable(),
      othersOnRota: z.array(z.string()),
      slosLeft: z.array(z.string()),
      reason: z.enum(['pager', 'last-operator']).nullable(),
      lookbackDays: z.number(),
    })
    .describe(
      "The on-call rota without the person: their shifts of the service's rota in the last lookbackDays days, who else is on it, and the SLOs left without them (every SLO when they carry the pager, reason 'pager', or are its last operator)",
    ),
});

/** @internal */
export const whatIfOutputSchema = z.object({
  without: z
    .array(z.string())
    .describe('The identities taken away: the person and their other names'),
  servicesChecked: z.number(),
  losesLastOperator: z
    .array(z.string())
    .describe('Services nobody could operate any more'),
  losesLastAuthor: z
    .array(
      z.object({
        entityRef: z.string(),
        files: z.number(),
        paths: z.array(z.string()),
      }),
    )
    .describe('Services with files nobody would know any more'),
  riskRises: z
    .array(z.string())
    .describe('Services whose knowledge-silo risk gets worse'),
  losesPagerHolder: z
    .array(z.string())
    .describe(
      'Services whose pager the person carries: at least half of the recorded on-call shifts',
    ),
  components: z.array(componentSchema),
});

const RISK = { low: 0, medium: 1, high: 2 } as const;

function componentOutput(
  person: string,
  w: KnowledgeWhatIf,
  health: Pick<EntityHealth, 'knowledgeSilo' | 'slos'>,
): z.infer<typeof componentSchema> {
  const pager = pagerWithout({
    person,
    onCall: health.knowledgeSilo.onCall ?? [],
    slos: health.slos,
    operatorsLeft: w.busFactorLeft,
  });
  return {
    entityRef: w.entityRef,
    busFactorBefore: w.busFactorBefore,
    busFactorLeft: w.busFactorLeft,
    riskBefore: w.riskBefore,
    riskLeft: w.riskLeft,
    operatorsLeft: w.operatorsLeft.map(o => o.userRef),
    truckFactorStatus: w.truckFactorStatus,
    truckFactorLeft: w.coverage?.truckFactorLeft ?? null,
    orphanedFiles: w.coverage ? w.coverage.orphanedFiles : null,
    pager,
  };
}

/** The what-if of each service, with the tab's read of it, summed up. @internal */
export function summarizeWhatIf(
  without: string[],
  results: Array<{
    whatIf: KnowledgeWhatIf;
    health: Pick<EntityHealth, 'knowledgeSilo' | 'slos'>;
  }>,
): z.infer<typeof whatIfOutputSchema> {
  const components = results.map(r =>
    // the shifts name the person by user ref, the first of `without`
    componentOutput(without[0], r.whatIf, r.health),
  );
  return {
    without,
    servicesChecked: components.length,
    losesLastOperator: components
      .filter(c => c.busFactorBefore > 0 && c.busFactorLeft === 0)
      .map(c => c.entityRef),
    losesLastAuthor: components.flatMap(c =>
      c.orphanedFiles && c.orphanedFiles.count > 0
        ? [
            {
              entityRef: c.entityRef,
              files: c.orphanedFiles.count,
              paths: c.orphanedFiles.paths,
            },
          ]
        : [],
    ),
    riskRises: components
      .filter(c => RISK[c.riskLeft] > RISK[c.riskBefore])
      .map(c => c.entityRef),
    losesPagerHolder: components
      .filter(c => c.pager.reason === 'pager')
      .map(c => c.entityRef),
    components,
  };
}

/** The services asked about: those named, or those the team (and its nested groups) owns. */
async function servicesOf(
  deps: SreHealthActionsDeps,
  input: { entityRefs?: string[]; teamRef?: string },
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  if (input.teamRef) {
    const group = await deps.access.resolveEntity(
      input.teamRef,
      credentials,
      'teamRef',
    );
    const team = await deps.knowledge.team(group, credentials);
    const refs = team.components.map(c => c.entityRef).slice(0, MAX_SERVICES);
    return deps.access.resolveRefs(
      refs.map((ref, i) => ({ ref, field: `components[${i}]` })),
      credentials,
      ['Component'],
    );
  }
  const found = await Promise.all(
    (input.entityRefs ?? []).map(ref =>
      resolveReadEntity(deps, ref, credentials),
    ),
  );
  return found.map(f => f.entity);
}

/** `what-if-person-leaves`. */
export function registerWhatIfAction(deps: SreHealthActionsDeps): void {
  deps.actionsRegistry.register({
    name: 'what-if-person-leaves',
    title: 'What if this person left?',
    description: `What would the organisation lose if this person left (or went on leave)? Name them by their user ref and, for the code, by the git identities the truck factor lists them under. For the services named, or every service a team owns, returns those that would lose their last operator (nobody left who can operate it, from recorded expertise, the operators annotation and recent on-call shifts), those with files that would lose their last author (from the git history's degree of authorship, where analysed), and those whose knowledge-silo risk gets worse, with each service's bus factor and truck factor before and after, and the on-call rota without them: their share of each service's recorded shifts, who else is on it, and the SLOs left without them (losesPagerHolder: the services whose pager they carry).`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: () =>
        z
          .object({
            person: z
              .string()
              .min(1)
              .max(300)
              .describe(
                "A user entity ref such as user:default/carol, or a git identity 'Name <email>' as the truck factor names authors outside the catalog",
              ),
            alsoKnownAs: z
              .array(z.string().min(1).max(300))
              .max(MAX_WHAT_IF_PEOPLE - 1)
              .optional()
              .describe(
                "The same person's other names, e.g. the git identity 'Carol <carol@example.com>' the code's authorship lists (get-service-health's knowledgeSilo.topAuthors)",
              ),
            entityRefs: z
              .array(z.string().min(1).max(255))
              .min(1)
              .max(MAX_SERVICES)
              .optional()
              .describe(
                'The services to check, e.g. component:default/payments-api',
              ),
            teamRef: z
              .string()
              .min(1)
              .max(255)
              .optional()
              .describe(
                `Or a team: every service it and its nested groups own (at most ${MAX_SERVICES}), e.g. group:default/payments-team`,
              ),
          })
          .strict(),
      output: () => whatIfOutputSchema,
    },
    action: async ({ input, credentials }) => {
      if (!input.entityRefs === !input.teamRef) {
        throw new InputError(
          'Invalid input: name either entityRefs or teamRef',
        );
      }
      // the knowledge route's rule for who "leaves": a user ref, normalised, or a git identity
      const { person, alsoKnownAs, teamRef } = parseInput(personInput, {
        person: input.person,
        alsoKnownAs: input.alsoKnownAs,
        teamRef: input.teamRef,
      });
      const without = [...new Set([person, ...alsoKnownAs])];
      const entities = await servicesOf(
        deps,
        { entityRefs: input.entityRefs, teamRef },
        credentials,
      );
      // the code's part only where the caller may see who authors it (as the route)
      const shown = await deps.access.allows(
        credentials,
        sreHealthAuthorshipReadPermission,
        entities.map(entityRefOf),
      );
      const results = await Promise.all(
        entities.map(async (entity, i) => ({
          whatIf: await deps.knowledge.whatIf(
            entity,
            entityRefOf(entity),
            without,
            { authorship: shown[i] },
          ),
          // the shifts and SLOs the knowledge card's what-if reads
          health: await deps.health.forEntity(entity),
        })),
      );
      return { output: summarizeWhatIf(without, results) };
    },
  });
}
