import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  FIRE_KINDS,
  Fire,
  STRESSOR_KEYS,
  Versioned,
  createFireSchema,
  createStressorFlagSchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { z as zod } from 'zod';
import { z } from 'zod/v3';
import type { RecordService } from '../http/recordService';
import { ANNOTATION_PERMISSIONS, writeContext } from '../http/resourceRouter';
import { parseInput } from '../http/validation';
import { agentInputSchema } from './agentSchema';
import { stressorOutput, stressorSchema } from './shapes';
import type { SreHealthActionsDeps } from './types';

/*
 * Write actions on an entity's records: what `POST /stressor-flags` and `POST /fires` do
 * (http/resourceRouter.ts), for the action's caller: the route's schema, its permission
 * check with the caller's credentials, the entity as the caller sees it, its service (the
 * aggregate's rules, the revision bump and the audit log in one transaction) and its
 * audit event. A non-SRE is refused before anything is written.
 */

/** One record a write action creates. */
interface AnnotationAction<TRecord extends Versioned> {
  name: string;
  title: string;
  description: string;
  /** The route's request schema. */
  routeSchema: zod.ZodType<{ entityRef: string }>;
  /** Each field, for an agent. */
  fields: Record<string, string>;
  service: RecordService<TRecord>;
  output: z.AnyZodObject;
  toOutput(record: TRecord): Record<string, unknown>;
}

function registerAnnotationAction<TRecord extends Versioned>(
  deps: SreHealthActionsDeps,
  spec: AnnotationAction<TRecord>,
) {
  const { access } = deps;
  const { service } = spec;
  const input = agentInputSchema(spec.routeSchema, spec.fields);
  const create = async (body: unknown, credentials: BackstageCredentials) => {
    const parsed = parseInput(spec.routeSchema, body);
    const ref = parsed.entityRef;
    const { actor } = await access.authorizeCredentials(
      credentials,
      ANNOTATION_PERMISSIONS.createPermission,
      ref,
    );
    const entity = await access.resolveEntity(ref, credentials, 'entityRef');
    return access.auditedAction(
      { actor, action: `sre-health:${spec.name}` },
      { action: 'create', resourceType: service.resourceType, entityRef: ref },
      () =>
        service.create(
          parsed,
          entity,
          writeContext(access, actor, credentials),
        ),
    );
  };
  deps.actionsRegistry.register({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: { input: () => input, output: () => spec.output },
    action: async ({ input: body, credentials }) => ({
      output: spec.toOutput(await create(body, credentials)),
    }),
  });
}

const SRE_ONLY =
  'Only members of the SRE groups may call it (the same permission as the SRE Health tab); anyone else is refused and nothing is written. The change is audited under the caller’s name.';

const fireSchema = z.object({
  id: z.string(),
  version: z.number(),
  entityRef: z.string(),
  title: z.string(),
  occurredAt: z.string(),
  kind: z.enum(['toil', 'overhead', 'unsorted']),
  rationale: z.string(),
  recordedBy: z.string(),
  createdAt: z.string(),
});

function fireOutput(fire: Fire): z.infer<typeof fireSchema> {
  return {
    id: fire.id,
    version: fire.version,
    entityRef: fire.entityRef,
    title: fire.title,
    occurredAt: fire.occurredAt,
    kind: fire.kind,
    rationale: fire.rationale,
    recordedBy: fire.author,
    createdAt: fire.createdAt,
  };
}

/** `flag-stressor` and `record-fire`. */
export function registerAnnotationActions(deps: SreHealthActionsDeps): void {
  registerAnnotationAction(deps, {
    name: 'flag-stressor',
    title: 'Flag a stressor on a service',
    description: `Record that one of the SRE book's eight stressors (or a custom one) weighs on a service's team, with its stress level and the evidence: it shows on the service's SRE Health tab and in the scorecard. One unresolved flag per service and stressor: flagging it again is a conflict (read get-service-health first). ${SRE_ONLY}`,
    routeSchema: createStressorFlagSchema,
    fields: {
      entityRef: 'The service, e.g. component:default/payments-api',
      stressorKey: `One of ${STRESSOR_KEYS.join(
        ', ',
      )}, or custom:<kebab-case-name>`,
      stressLevel:
        "1 (a minor irritant) to 5 (the team's largest source of stress)",
      evidence: 'What shows it, in a sentence or two (numbers where known)',
      status: 'open (default), mitigating or resolved',
    },
    service: deps.flags,
    output: z.object({ flag: stressorSchema }),
    toOutput: flag => ({ flag: stressorOutput(flag) }),
  });
  registerAnnotationAction(deps, {
    name: 'record-fire',
    title: 'Record a fire on a service',
    description: `Record an interrupt the team fought on a service (a "fire"), sorted as toil (it should never happen: automate it away) or overhead (legitimate work that merely causes stress), with the rationale for the sorting. It shows in the fires of the service's SRE Health tab. ${SRE_ONLY}`,
    routeSchema: createFireSchema,
    fields: {
      entityRef: 'The service, e.g. component:default/payments-api',
      title: 'What happened, in a few words',
      occurredAt:
        'When, as an ISO 8601 date-time such as 2026-05-01T09:30:00Z (not in the future)',
      kind: `${FIRE_KINDS.join(', ')} (default unsorted)`,
      rationale: 'Why it is toil or overhead',
    },
    service: deps.fires,
    output: z.object({ fire: fireSchema }),
    toOutput: fire => ({ fire: fireOutput(fire) }),
  });
}
