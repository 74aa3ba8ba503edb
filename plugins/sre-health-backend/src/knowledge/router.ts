import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  entityRefSchema,
  MAX_WHAT_IF_PEOPLE,
  pushOnCallShiftsSchemaWith,
  sreHealthAnnotationCreatePermission,
  sreHealthAnnotationUpdatePermission,
  sreHealthAuthorshipReadPermission,
  whatIfPersonSchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import { Access, entityRefOf } from '../http/access';
import { entityRefFromPath, parseInput } from '../http/validation';
import type { KnowledgeService } from './KnowledgeService';

/** @internal */
export interface KnowledgeRouterOptions {
  knowledge: KnowledgeService;
  access: Access;
  /** `sreHealth.validation.maxFutureDays`: how far ahead a shift under way may end. */
  maxFutureDays?: number;
}

const teamParams = z.object({
  namespace: z.string().min(1).max(63),
  name: z.string().min(1).max(253),
});

const whatIfQuery = z
  .object({
    without: z
      .union([whatIfPersonSchema, z.array(whatIfPersonSchema)])
      .transform(v => [...new Set(Array.isArray(v) ? v : [v])])
      .pipe(
        z
          .array(z.string())
          .min(1)
          .max(
            MAX_WHAT_IF_PEOPLE,
            `at most ${MAX_WHAT_IF_PEOPLE} people at a time`,
          ),
      ),
  })
  .strict();

const shiftsQuery = z
  .object({
    entityRef: entityRefSchema(),
    since: z
      .string()
      .max(40)
      .refine(
        v => !Number.isNaN(Date.parse(v)),
        'must be an ISO 8601 date-time',
      )
      .optional(),
  })
  .strict();

/** A shift is keyed by its person and start: one push must not name a key twice. */
function assertNoRepeatedShifts(
  shifts: ReadonlyArray<{ userRef: string; startsAt: string }>,
): void {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  shifts.forEach((s, i) => {
    const key = `${s.userRef}\0${s.startsAt}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        `shifts[${i}]: same userRef and startsAt as shifts[${first}]`,
      );
    } else {
      seen.set(key, i);
    }
  });
  if (problems.length > 0) {
    throw new InputError(`Invalid body: ${problems.slice(0, 10).join('; ')}`);
  }
}

/**
 * Knowledge-silo routes: the truck-factor analysis of a component (read, run now, what-if),
 * a team's rollup, and on-call shifts (pushed by users or services). Who authors the code
 * is shown to callers the policy grants the authorship permission on the component (SREs
 * and the owning team); others get the counts.
 * @internal
 */
export function createKnowledgeRouter(
  options: KnowledgeRouterOptions,
): express.Router {
  const { knowledge, access } = options;
  const pushOnCallShiftsSchema = pushOnCallShiftsSchemaWith({
    maxFutureDays: options.maxFutureDays,
  });
  const authorshipOf =
    (credentials: BackstageCredentials) => (refs: string[]) =>
      access.allows(credentials, sreHealthAuthorshipReadPermission, refs);
  const mayReadAuthorship = async (
    credentials: BackstageCredentials,
    entityRef: string,
  ) => ({ authorship: (await authorshipOf(credentials)([entityRef]))[0] });

  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  // before /knowledge/:kind/... so that "teams" is not read as a kind
  router.get('/knowledge/teams/:namespace/:name', async (req, res) => {
    const credentials = await access.reader(req);
    const { namespace, name } = parseInput(teamParams, req.params, 'path');
    const teamRef = parseInput(
      z.object({ teamRef: entityRefSchema({ kinds: ['group'] }) }),
      { teamRef: `group:${namespace}/${name}` },
      'path',
    ).teamRef;
    const group = await access.resolveEntity(teamRef, credentials, 'team');
    res.json(
      await knowledge.team(group, credentials, authorshipOf(credentials)),
    );
  });

  router.get('/knowledge/:kind/:namespace/:name', async (req, res) => {
    const credentials = await access.reader(req);
    const entity = await access.resolveEntity(
      entityRefFromPath(req.params),
      credentials,
    );
    const entityRef = entityRefOf(entity);
    res.json(
      await knowledge.summarize(
        entity,
        entityRef,
        await mayReadAuthorship(credentials, entityRef),
      ),
    );
  });

  router.get('/knowledge/:kind/:namespace/:name/what-if', async (req, res) => {
    const credentials = await access.reader(req);
    const ref = entityRefFromPath(req.params);
    const { without } = parseInput(whatIfQuery, req.query, 'query');
    const entity = await access.resolveEntity(ref, credentials);
    const entityRef = entityRefOf(entity);
    res.json(
      await knowledge.whatIf(
        entity,
        entityRef,
        without,
        await mayReadAuthorship(credentials, entityRef),
      ),
    );
  });

  router.post('/knowledge/:kind/:namespace/:name/analyze', async (req, res) => {
    const ref = entityRefFromPath(req.params);
    const { credentials } = await access.authorize(
      req,
      sreHealthAnnotationUpdatePermission,
      ref,
      { allowServices: true },
    );
    const entity = await access.resolveEntity(ref, credentials);
    const entityRef = entityRefOf(entity);
    await access.audited(
      req,
      { action: 'analyze', resourceType: 'truck-factor', entityRef },
      () => knowledge.analyze(entity, entityRef),
    );
    res.json(
      await knowledge.summarize(
        entity,
        entityRef,
        await mayReadAuthorship(credentials, entityRef),
      ),
    );
  });

  router.post('/oncall-shifts', async (req, res) => {
    const body = parseInput(pushOnCallShiftsSchema, req.body);
    const { credentials, actor } = await access.authorize(
      req,
      sreHealthAnnotationCreatePermission,
      body.entityRef,
      { allowServices: true },
    );
    await access.resolveEntity(body.entityRef, credentials);
    assertNoRepeatedShifts(body.shifts);
    // Who was on call must be a person of the catalog, as the pusher sees it.
    await access.resolveRefs(
      body.shifts.map((s, i) => ({
        ref: s.userRef,
        field: `shifts[${i}].userRef`,
      })),
      credentials,
      ['User'],
    );
    const accepted = await access.audited(
      req,
      {
        action: 'push',
        resourceType: 'oncall-shifts',
        entityRef: body.entityRef,
      },
      () => knowledge.pushShifts(body.entityRef, body.shifts, actor),
    );
    res.status(202).json({ accepted });
  });

  router.get('/oncall-shifts', async (req, res) => {
    await access.reader(req);
    const query = parseInput(shiftsQuery, req.query, 'query');
    res.json(
      await knowledge.listShifts(
        query.entityRef,
        query.since ? new Date(query.since) : undefined,
      ),
    );
  });

  return router;
}
