import express from 'express';
import Router from 'express-promise-router';
import { ConflictError } from '@backstage/errors';
import {
  StressorFlag,
  rateStressorFlagSchema,
  sreHealthStressorRatePermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Access } from '../http/access';
import type { RecordService } from '../http/recordService';
import { writeContext } from '../http/resourceRouter';
import { idParamSchema, parseInput } from '../http/validation';

/**
 * `PUT /stressor-flags/:id/rating`: the team's rating of a flag's stress level. Stress is
 * what the team feels, so the rating has its own permission, meant for every member of the
 * owning team as well as the SREs; editing or dismissing the flag needs more.
 * @internal
 */
export function createRatingRouter(options: {
  access: Access;
  flags: RecordService<StressorFlag>;
}): express.Router {
  const { access, flags } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  router.put('/stressor-flags/:id/rating', async (req, res) => {
    await access.reader(req);
    const { id } = parseInput(idParamSchema, req.params, 'path');
    const { version, level } = parseInput(rateStressorFlagSchema, req.body);
    const current = await flags.get(id);
    const { actor, credentials } = await access.authorize(
      req,
      sreHealthStressorRatePermission,
      current.entityRef,
    );
    if (['resolved', 'dismissed', 'exempt'].includes(current.status)) {
      throw new ConflictError(
        `stressor-flag ${id} is ${current.status}: reopen it before rating it`,
      );
    }
    const rated = await access.audited(
      req,
      {
        action: 'rate',
        resourceType: flags.resourceType,
        entityRef: current.entityRef,
        id,
      },
      () =>
        flags.update(
          current,
          version,
          { stressLevel: level },
          writeContext(access, actor, credentials),
        ),
    );
    res.json(rated);
  });
  return router;
}
