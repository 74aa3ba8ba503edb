import express from 'express';
import Router from 'express-promise-router';
import type { SreHealthStore } from '../store';
import { readEntityRevisions } from '../database/entityRevisions';
import { Access, entityRefOf } from '../http/access';
import { entityRefFromPath } from '../http/validation';
import type { KnowledgeSource } from '../knowledge';
import type { SloService } from '../slo';
import {
  CallerEntityCache,
  callerScope,
  wantsFreshRead,
} from './CallerEntityCache';
import { EntityHealthCache } from './EntityHealthCache';
import { batchedRevisions } from './batchedRevisions';
import { EntityHealthService } from './EntityHealthService';
import { STATEMENTS_HEADER, statementCounter } from './statementCount';

/** @internal */
export interface HealthRouterOptions {
  store: SreHealthStore;
  access: Access;
  slos: SloService;
  knowledge: KnowledgeSource;
  /** `sreHealth.tab.cacheSeconds`. */
  cacheSeconds: number;
  /** `sreHealth.detection.overloadWeeks`; default 4. */
  overloadWeeks?: number;
}

/**
 * The entity's reads: `GET /entities/:kind/:namespace/:name/health`, everything the tab
 * shows in one answer, and `.../audit`, who changed what.
 * @internal
 */
export function createHealthRouter(
  options: HealthRouterOptions,
): express.Router {
  const { store, access } = options;
  const health = new EntityHealthService(
    store,
    options.slos,
    options.knowledge,
    options.overloadWeeks,
  );
  const healthEntities = new CallerEntityCache();
  const healthReads = new EntityHealthCache(
    batchedRevisions(refs => readEntityRevisions(store.db, refs)),
    { ttlMs: options.cacheSeconds * 1000 },
  );

  // bench/load only (SRE_HEALTH_COUNT_STATEMENTS=1): how many statements a read issued
  const countStatements = statementCounter(store.db);

  const router = Router();
  router.get('/entities/:kind/:namespace/:name/health', async (req, res) => {
    const credentials = await access.reader(req);
    const statements = countStatements?.();
    const entityRef = entityRefFromPath(req.params);
    // The tab's hot path: the caller's own catalog answer of the last seconds, then the
    // entity's answer while no write changed it (see each cache).
    const entity = await healthEntities.get(
      callerScope(req.headers),
      entityRef,
      () => access.resolveEntity(entityRef, credentials),
    );
    const answer = await healthReads.answer(
      entity,
      () => health.forEntity(entity),
      { fresh: wantsFreshRead(req.headers) },
    );
    if (statements) res.setHeader(STATEMENTS_HEADER, String(statements()));
    // The headers express gives a JSON string, without encoding and hashing it again.
    res.set('Content-Type', 'application/json; charset=utf-8');
    res.set('ETag', answer.etag);
    res.send(answer.body);
  });

  router.get('/entities/:kind/:namespace/:name/audit', async (req, res) => {
    const credentials = await access.reader(req);
    const entity = await access.resolveEntity(
      entityRefFromPath(req.params),
      credentials,
    );
    res.json(await store.audit.listForEntity(entityRefOf(entity)));
  });
  return router;
}
