import Router from 'express-promise-router';
import { z } from 'zod';
import { InputError } from '@backstage/errors';
import {
  entityRefSchema,
  pushInterruptsSchemaWith,
  sreHealthAnnotationCreatePermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Access } from '../http/access';
import { parseInput } from '../http/validation';
import type { InterruptStore } from './InterruptStore';
import { OPS_TIME_LOOKBACK_WEEKS, OpsTimeRecorder } from './OpsTimeRecorder';

const teamQuery = z
  .object({ teamRef: entityRefSchema({ kinds: ['group'] }) })
  .strict();

/** Two records of one push with the same natural key: 400 naming both. */
function assertNoRepeatedInterrupts(
  records: ReadonlyArray<{
    userRef?: string;
    startsAt: string;
    cause?: string;
  }>,
): void {
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    const key = `${r.userRef ?? ''}\0${Date.parse(r.startsAt)}\0${
      r.cause ?? ''
    }`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new InputError(
        `interrupts[${i}]: same userRef, startsAt and cause as interrupts[${first}]`,
      );
    }
    seen.set(key, i);
  });
}

/**
 * The computed ops time's routes: the interrupt push, a team's weekly computed vs typed
 * series with its terms, and the interrupt ledger.
 * @internal
 */
export function createOpsTimeRouter(deps: {
  access: Access;
  interrupts: InterruptStore;
  recorder: OpsTimeRecorder;
  maxFutureDays?: number;
  now?: () => Date;
}) {
  const { access, interrupts, recorder } = deps;
  const now = () => deps.now?.() ?? new Date();
  const pushSchema = pushInterruptsSchemaWith({
    maxFutureDays: deps.maxFutureDays,
  });
  const router = Router();

  router.post('/oncall-interrupts', async (req, res) => {
    const body = parseInput(pushSchema, req.body);
    const { credentials, actor } = await access.authorize(
      req,
      sreHealthAnnotationCreatePermission,
      body.teamRef,
      { allowServices: true },
    );
    await access.resolveEntity(body.teamRef, credentials, 'teamRef');
    assertNoRepeatedInterrupts(body.interrupts);
    const people = body.interrupts.flatMap((r, i) =>
      r.userRef ? [{ ref: r.userRef, field: `interrupts[${i}].userRef` }] : [],
    );
    // who was interrupted must be a person of the catalog, as the pusher sees it
    await access.resolveRefs(people, credentials, ['User']);
    const accepted = await access.audited(
      req,
      {
        action: 'push',
        resourceType: 'oncall-interrupts',
        entityRef: body.teamRef,
      },
      () => interrupts.push(body.teamRef, body.interrupts, actor, now()),
    );
    await recorder.record(body.teamRef);
    res.status(202).json({ accepted });
  });

  router.get('/oncall-interrupts', async (req, res) => {
    await access.reader(req);
    const { teamRef } = parseInput(teamQuery, req.query, 'query');
    const since = new Date(
      now().getTime() - OPS_TIME_LOOKBACK_WEEKS * 7 * 86_400_000,
    );
    res.json(await interrupts.list(teamRef, since));
  });

  // The team's weeks: typed and computed side by side, each term shown, which one counts.
  router.get('/ops-time', async (req, res) => {
    await access.reader(req);
    const { teamRef } = parseInput(teamQuery, req.query, 'query');
    res.json(await recorder.compute(teamRef));
  });

  router.get('/interrupt-ledger', async (req, res) => {
    await access.reader(req);
    const { teamRef } = parseInput(teamQuery, req.query, 'query');
    res.json(await recorder.ledger(teamRef));
  });

  return router;
}
