import express from 'express';
import Router from 'express-promise-router';
import {
  decideSloPolicyEpisodeSchema,
  sreHealthEngagementUpdatePermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Access } from '../http/access';
import { entityRefFromPath, parseInput } from '../http/validation';
import type { BudgetPolicyDecisions } from './BudgetPolicyDecisions';
import type { BudgetPolicyEpisodes } from './BudgetPolicyEpisodes';

/**
 * The error-budget policy's routes: a service's episodes and its own decision log (readers
 * who can see the entity), and an SRE recording the team's decision on a step's action
 * (the engagement update permission: SREs, as for every engagement record).
 * @internal
 */
export function createBudgetPolicyRouter(deps: {
  access: Access;
  episodes: BudgetPolicyEpisodes;
  decisions: BudgetPolicyDecisions;
}): express.Router {
  const { access, episodes, decisions } = deps;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  router.get(
    '/entities/:kind/:namespace/:name/slo-policy',
    async (req, res) => {
      const credentials = await access.reader(req);
      const entityRef = entityRefFromPath(req.params);
      // the catalog's permission rules decide who sees the entity
      await access.resolveEntity(entityRef, credentials);
      const [list, log] = await Promise.all([
        episodes.list(entityRef),
        decisions.serviceDecisions(entityRef),
      ]);
      res.json({ entityRef, episodes: list, serviceDecisions: log });
    },
  );

  router.post('/slo-policy-episodes/:id/decision', async (req, res) => {
    await access.reader(req);
    const body = parseInput(decideSloPolicyEpisodeSchema, req.body);
    const episode = await decisions.get(req.params.id);
    const { actor } = await access.authorize(
      req,
      sreHealthEngagementUpdatePermission,
      episode.entityRef,
    );
    const decided = await access.audited(
      req,
      {
        action: 'decide',
        resourceType: 'slo-policy-episode',
        entityRef: episode.entityRef,
        id: episode.id,
      },
      () => decisions.decide(episode.id, body, actor),
    );
    res.json(decided);
  });

  return router;
}
