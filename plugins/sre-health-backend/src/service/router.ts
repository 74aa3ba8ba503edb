import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { SreHealthConfig } from '../config';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  createEngagementSchema,
  createExpertiseSchema,
  createFireSchema,
  createOpsLoadSampleSchema,
  createPostmortemSchema,
  createAlertDiagnosisSchema,
  createComplaintSchema,
  deferredProblemSchemasWith,
  createSloDefinitionSchema,
  updateAlertDiagnosisSchema,
  updateComplaintSchema,
  createStressorFlagSchema,
  parseOpenSlo,
  pushSloEventsSchema,
  sreHealthSloManagePermission,
  sreHealthSloPushPermission,
  updateSloDefinitionSchema,
  sreHealthAnnotationCreatePermission,
  sreHealthAnnotationUpdatePermission,
  sreHealthEngagementCreatePermission,
  sreHealthEngagementUpdatePermission,
  updateEngagementSchema,
  updateExpertiseSchema,
  updateFireSchema,
  updateOpsLoadSampleSchema,
  updatePostmortemSchema,
  updateStressorFlagSchema,
  Versioned,
} from '@internal/backstage-plugin-sre-health-common';
import { Entity, RELATION_MEMBER_OF } from '@backstage/catalog-model';
import { SreHealthStore } from '../database';
import { VersionedRepository } from '../database/VersionedRepository';
import { Access, RefKind, entityRefOf } from './access';
import { EntityHealthService } from './EntityHealthService';
import {
  CallerEntityCache,
  callerScope,
  wantsFreshRead,
} from './CallerEntityCache';
import { EntityHealthCache } from './EntityHealthCache';
import { readEntityRevisions } from '../database/entityRevisions';
import { SloService } from '../slo/SloService';
import { readSloDocument } from '../slo/sloDocument';
import {
  entityRefFromPath,
  idParamSchema,
  parseInput,
  versionQuerySchema,
} from './validation';

/** A kind of record the API creates, lists, updates and deletes in the same way. */
interface ResourceRoute {
  path: string;
  repo: VersionedRepository<Versioned, any, any, any>;
  /** The body/query field naming the entity the record annotates. */
  refField: 'entityRef' | 'teamRef';
  createSchema: z.ZodType<Record<string, any>>;
  updateSchema: z.ZodType<Record<string, any>>;
  createPermission: ResourcePermission<'catalog-entity'>;
  updatePermission: ResourcePermission<'catalog-entity'>;
  /** Domain checks beyond the schema, run after the entity resolved. */
  beforeCreate?(input: any, entity: Entity, access: WriteContext): Promise<any>;
  beforeUpdate?(input: any, current: any, access: WriteContext): any;
  /** Engagements are closed, never deleted: their history is the team's record. */
  deletable: boolean;
}

interface WriteContext {
  /** A ref field of the body, resolved as the caller sees the catalog: 400 naming it unless it is one of `kinds`. */
  resolve(
    ref: string,
    field: string,
    kinds: readonly RefKind[],
  ): Promise<Entity>;
}

/** @internal */
export interface RouterOptions {
  store: SreHealthStore;
  access: Access;
  config: Pick<
    SreHealthConfig,
    'sreGroups' | 'tab' | 'ingestion' | 'validation'
  >;
  slos: SloService;
}

/** @internal */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, access, config, slos } = options;
  const deferredProblemSchemas = deferredProblemSchemasWith({
    maxFutureDays: config.validation.maxFutureDays,
  });
  const health = new EntityHealthService(store, slos);
  const healthEntities = new CallerEntityCache();
  const healthReads = new EntityHealthCache(
    refs => readEntityRevisions(store.db, refs),
    { ttlMs: config.tab.cacheSeconds * 1000 },
  );
  const lateToleranceMs = config.ingestion.lateToleranceMinutes * 60_000;
  const { sreGroups } = config;

  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  // The open route answers on its exact path only: express would also match `/health/`,
  // `/HEALTH`, and `//health` (it drops the extra slash after the mount path).
  const healthRouter = express.Router({ strict: true, caseSensitive: true });
  healthRouter.get('/health', (req, res, next) => {
    if (req.originalUrl.split('?')[0] !== `${req.baseUrl}/health`) {
      next();
      return;
    }
    res.json({ status: 'ok' });
  });
  router.use(healthRouter);

  router.get('/entities/:kind/:namespace/:name/health', async (req, res) => {
    const credentials = await access.reader(req);
    const entityRef = entityRefFromPath(req.params);
    // The tab's hot path: the caller's own catalog answer of the last seconds, then the
    // entity's answer while no write changed it (see each cache).
    const entity = await healthEntities.get(
      callerScope(req.headers),
      entityRef,
      () => access.resolveEntity(entityRef, credentials),
    );
    const body = await healthReads.get(entity, () => health.forEntity(entity), {
      fresh: wantsFreshRead(req.headers),
    });
    res.type('application/json').send(body);
  });

  router.get('/entities/:kind/:namespace/:name/audit', async (req, res) => {
    const credentials = await access.reader(req);
    const entity = await access.resolveEntity(
      entityRefFromPath(req.params),
      credentials,
    );
    res.json(await store.audit.listForEntity(entityRefOf(entity)));
  });

  const annotation = {
    createPermission: sreHealthAnnotationCreatePermission,
    updatePermission: sreHealthAnnotationUpdatePermission,
  };
  const resources: ResourceRoute[] = [
    {
      path: 'stressor-flags',
      repo: store.flags,
      refField: 'entityRef',
      createSchema: createStressorFlagSchema,
      updateSchema: updateStressorFlagSchema,
      ...annotation,
      deletable: true,
    },
    {
      path: 'postmortems',
      repo: store.postmortems,
      refField: 'entityRef',
      createSchema: createPostmortemSchema,
      updateSchema: updatePostmortemSchema,
      ...annotation,
      deletable: true,
    },
    {
      path: 'fires',
      repo: store.fires,
      refField: 'entityRef',
      createSchema: createFireSchema,
      updateSchema: updateFireSchema,
      ...annotation,
      deletable: true,
    },
    {
      path: 'ops-load',
      repo: store.opsLoad,
      refField: 'teamRef',
      createSchema: createOpsLoadSampleSchema,
      updateSchema: updateOpsLoadSampleSchema,
      ...annotation,
      deletable: true,
    },
    {
      path: 'expertise',
      repo: store.expertise,
      refField: 'entityRef',
      createSchema: createExpertiseSchema,
      updateSchema: updateExpertiseSchema,
      ...annotation,
      async beforeCreate(input, _entity, ctx) {
        await ctx.resolve(input.userRef, 'userRef', ['User']);
        return input;
      },
      deletable: true,
    },
    {
      path: 'engagements',
      repo: store.engagements,
      refField: 'teamRef',
      createSchema: createEngagementSchema,
      updateSchema: updateEngagementSchema,
      createPermission: sreHealthEngagementCreatePermission,
      updatePermission: sreHealthEngagementUpdatePermission,
      async beforeCreate(input, _team, ctx) {
        const sre = await ctx.resolve(input.sreRef, 'sreRef', ['User']);
        const memberOf = (sre.relations ?? [])
          .filter(r => r.type === RELATION_MEMBER_OF)
          .map(r => r.targetRef.toLocaleLowerCase('en-US'));
        if (
          sreGroups.length > 0 &&
          !memberOf.some(g => sreGroups.includes(g))
        ) {
          throw new InputError(
            `sreRef: ${
              input.sreRef
            } is not a member of an SRE group (sreHealth.sreGroups: ${sreGroups.join(
              ', ',
            )})`,
          );
        }
        return { ...input, startDate: input.startDate ?? today() };
      },
      beforeUpdate(input, current) {
        // A closed engagement is frozen with its report.
        if (current.phase === 'closed') {
          throw new ConflictError(
            `engagement ${current.id} is closed and can no longer change`,
          );
        }
        return input;
      },
      deletable: false,
    },
    {
      path: 'deferred-problems',
      repo: store.deferredProblems,
      refField: 'entityRef',
      createSchema: deferredProblemSchemas.create,
      updateSchema: deferredProblemSchemas.update,
      ...annotation,
      deletable: true,
    },
    {
      path: 'complaints',
      repo: store.complaints,
      refField: 'entityRef',
      createSchema: createComplaintSchema,
      updateSchema: updateComplaintSchema,
      ...annotation,
      deletable: true,
    },
    {
      path: 'alert-diagnoses',
      repo: store.alertDiagnoses,
      refField: 'entityRef',
      createSchema: createAlertDiagnosisSchema,
      updateSchema: updateAlertDiagnosisSchema,
      ...annotation,
      // Whoever answers for the alert: a person or a team of the catalog.
      async beforeCreate(input, _entity, ctx) {
        if (input.ownerRef) {
          await ctx.resolve(input.ownerRef, 'ownerRef', ['User', 'Group']);
        }
        return input;
      },
      async beforeUpdate(input, _current, ctx) {
        if (input.ownerRef) {
          await ctx.resolve(input.ownerRef, 'ownerRef', ['User', 'Group']);
        }
        return input;
      },
      deletable: true,
    },
    {
      path: 'slo-definitions',
      repo: store.sloDefinitions,
      refField: 'entityRef',
      createSchema: createSloDefinitionSchema,
      updateSchema: updateSloDefinitionSchema,
      createPermission: sreHealthSloManagePermission,
      updatePermission: sreHealthSloManagePermission,
      async beforeCreate(input) {
        const document = sloDocumentOf(input.document);
        return { ...input, document, name: validSloDocument(document) };
      },
      beforeUpdate(input, current) {
        if (input.document === undefined) return input;
        const document = sloDocumentOf(input.document);
        if (validSloDocument(document) !== current.name) {
          throw new InputError(
            'document.metadata.name: an SLO cannot be renamed; create a new one',
          );
        }
        return { ...input, document };
      },
      deletable: true,
    },
  ];

  const writeContext = (credentials: BackstageCredentials): WriteContext => ({
    resolve: (ref, field, kinds) =>
      access.resolveRef({ ref, field }, credentials, kinds),
  });

  for (const resource of resources) {
    const base = `/${resource.path}`;
    const listQuery = z
      .object({ [resource.refField]: createStressorFlagSchema.shape.entityRef })
      .strict();

    router.get(base, async (req, res) => {
      await access.reader(req);
      const query = parseInput(listQuery, req.query, 'query');
      res.json(await resource.repo.list(query[resource.refField]));
    });

    router.get(`${base}/:id`, async (req, res) => {
      await access.reader(req);
      const { id } = parseInput(idParamSchema, req.params, 'path');
      res.json(await resource.repo.getOrThrow(id));
    });

    router.post(base, async (req, res) => {
      await access.reader(req);
      const parsed: Record<string, any> = parseInput(
        resource.createSchema,
        req.body,
      );
      const ref: string = parsed[resource.refField];
      const { credentials, actor } = await access.authorize(
        req,
        resource.createPermission,
        ref,
      );
      const entity = await access.resolveEntity(
        ref,
        credentials,
        resource.refField,
      );
      const input = resource.beforeCreate
        ? await resource.beforeCreate(parsed, entity, writeContext(credentials))
        : parsed;
      const created = await access.audited(
        req,
        {
          action: 'create',
          resourceType: resource.repo.mapping.resourceType,
          entityRef: ref,
        },
        () => resource.repo.create(input, actor),
      );
      res.status(201).json(created);
    });

    router.patch(`${base}/:id`, async (req, res) => {
      await access.reader(req);
      const { id } = parseInput(idParamSchema, req.params, 'path');
      const { version, ...changes }: Record<string, any> = parseInput(
        resource.updateSchema,
        req.body,
      );
      const current = await resource.repo.getOrThrow(id);
      const ref = (current as any)[resource.refField] as string;
      const { actor, credentials } = await access.authorize(
        req,
        resource.updatePermission,
        ref,
      );
      const input = resource.beforeUpdate
        ? await resource.beforeUpdate(
            changes,
            current,
            writeContext(credentials),
          )
        : changes;
      const updated = await access.audited(
        req,
        {
          action: 'update',
          resourceType: resource.repo.mapping.resourceType,
          entityRef: ref,
          id,
        },
        () => resource.repo.update(id, version, input, actor),
      );
      res.json(updated);
    });

    if (!resource.deletable) {
      continue;
    }
    router.delete(`${base}/:id`, async (req, res) => {
      await access.reader(req);
      const { id } = parseInput(idParamSchema, req.params, 'path');
      const { version } = parseInput(versionQuerySchema, req.query, 'query');
      const current = await resource.repo.getOrThrow(id);
      const ref = (current as any)[resource.refField] as string;
      const { actor } = await access.authorize(
        req,
        resource.updatePermission,
        ref,
      );
      await access.audited(
        req,
        {
          action: 'delete',
          resourceType: resource.repo.mapping.resourceType,
          entityRef: ref,
          id,
        },
        () => resource.repo.delete(id, version, actor),
      );
      res.status(204).end();
    });
  }

  router.post('/slo-events', async (req, res) => {
    const body = parseInput(pushSloEventsSchema, req.body);
    const { credentials } = await access.authorize(
      req,
      sreHealthSloPushPermission,
      body.entityRef,
      { allowServices: true },
    );
    const entity = await access.resolveEntity(body.entityRef, credentials);
    const slo = await slos.find(entity, body.entityRef, body.slo);
    const ind = slo?.indicator;
    if (
      !slo ||
      (ind?.type === 'ratio' ? ind.total : ind?.metric)?.sourceType !== 'pushed'
    ) {
      throw new NotFoundError(
        `slo: ${body.entityRef} has no SLO named ${body.slo} that takes pushed events`,
      );
    }
    const now = Date.now();
    const latest = (
      await store.sloEvents.latestBucket(body.entityRef, body.slo)
    )?.getTime();
    const seen = new Set<number>();
    const problems: string[] = [];
    const buckets = body.buckets.map((b, i) => {
      const start = Date.parse(b.start);
      if (start > now + 60_000)
        problems.push(`buckets[${i}].start: ${b.start} is in the future`);
      if (latest !== undefined && start < latest - lateToleranceMs) {
        problems.push(
          `buckets[${i}].start: ${
            b.start
          } is older than the latest bucket (${new Date(
            latest,
          ).toISOString()}) by more than the ${
            lateToleranceMs / 60_000
          }-minute tolerance`,
        );
      }
      if (seen.has(start))
        problems.push(`buckets[${i}].start: ${b.start} appears twice`);
      seen.add(start);
      return { start: new Date(start), good: b.good, total: b.total };
    });
    if (problems.length > 0) {
      throw new InputError(`Invalid body: ${problems.slice(0, 10).join('; ')}`);
    }
    await access.audited(
      req,
      { action: 'push', resourceType: 'slo-events', entityRef: body.entityRef },
      () => store.sloEvents.ingest(body.entityRef, body.slo, buckets),
    );
    res.status(202).json({ accepted: buckets.length });
  });

  return router;
}

/**
 * An SLO document sent as an object, or as the YAML (or JSON) text an SRE pasted; a
 * malformed one (syntax, aliases, depth, size) is a 400 naming the problem.
 */
function sloDocumentOf(
  document: string | Record<string, unknown>,
): Record<string, unknown> {
  const read = readSloDocument(document);
  if (read.problem !== undefined) {
    throw new InputError(`Invalid body: document: ${read.problem}`);
  }
  return read.value;
}

/** The name of a valid OpenSLO SLO document with an inline indicator, or a 400 naming the fields. */
function validSloDocument(document: Record<string, unknown>): string {
  if (document.kind !== 'SLO') {
    throw new InputError(
      'document.kind: must be SLO (with an inline indicator)',
    );
  }
  const { slos: parsed, problems } = parseOpenSlo([document]);
  if (problems.length > 0 || parsed.length === 0) {
    throw new InputError(
      `Invalid body: ${
        problems.map(p => `document.${p.path}: ${p.message}`).join('; ') ||
        'document: no SLO'
      }`,
    );
  }
  return (document.metadata as { name: string }).name;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
