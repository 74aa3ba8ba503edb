import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  entityRefSchema,
  sreHealthAnnotationCreatePermission,
  sreHealthAnnotationUpdatePermission,
  Versioned,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthFeature } from '../feature';
import type { Access } from './access';
import type { RecordService, WriteContext } from './recordService';
import { idParamSchema, parseInput, versionQuerySchema } from './validation';

/** A kind of record the API lists, reads, creates, updates and deletes the same way. */
export interface RecordResource<TRecord extends Versioned = any> {
  /** URL segment, e.g. `fires`. */
  path: string;
  /** The body/query field naming the entity the record annotates. */
  refField: 'entityRef' | 'teamRef';
  createSchema: z.ZodType<Record<string, any>>;
  updateSchema: z.ZodType<Record<string, any>>;
  createPermission: ResourcePermission<'catalog-entity'>;
  updatePermission: ResourcePermission<'catalog-entity'>;
  /**
   * When some changes need another permission than `updatePermission` (a flag's dismissal):
   * the permission `changes` to `current` need, or without changes its deletion.
   */
  permissionFor?(
    current: TRecord,
    changes?: Record<string, unknown>,
  ): ResourcePermission<'catalog-entity'>;
  service: RecordService<TRecord>;
}

/**
 * `GET /<path>?<refField>=`, `GET /<path>/:id`, `POST /<path>`, `PATCH /<path>/:id` and
 * (when the service allows it) `DELETE /<path>/:id?version=`. Each route parses, authorises
 * on the annotated entity, and calls the aggregate's service; the audit event wraps the write.
 * @internal
 */
export function createResourceRouter(
  access: Access,
  resource: RecordResource,
): express.Router {
  const { service, refField } = resource;
  const base = `/${resource.path}`;
  const listQuery = z.object({ [refField]: entityRefSchema() }).strict();
  const context = (actor: string, credentials: BackstageCredentials) =>
    writeContext(access, actor, credentials);
  const refOf = (record: Versioned): string =>
    (record as unknown as Record<string, string>)[refField];

  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  router.get(base, async (req, res) => {
    await access.reader(req);
    const query = parseInput(listQuery, req.query, 'query');
    res.json(await service.list(query[refField] as string));
  });

  router.get(`${base}/:id`, async (req, res) => {
    await access.reader(req);
    const { id } = parseInput(idParamSchema, req.params, 'path');
    res.json(await service.get(id));
  });

  router.post(base, async (req, res) => {
    await access.reader(req);
    const input = parseInput(resource.createSchema, req.body);
    const ref: string = input[refField];
    const { credentials, actor } = await access.authorize(
      req,
      resource.createPermission,
      ref,
    );
    const entity = await access.resolveEntity(ref, credentials, refField);
    const created = await access.audited(
      req,
      { action: 'create', resourceType: service.resourceType, entityRef: ref },
      () => service.create(input, entity, context(actor, credentials)),
    );
    res.status(201).json(created);
  });

  router.patch(`${base}/:id`, async (req, res) => {
    await access.reader(req);
    const { id } = parseInput(idParamSchema, req.params, 'path');
    const { version, ...changes } = parseInput(resource.updateSchema, req.body);
    const current = await service.get(id);
    const ref = refOf(current);
    const { actor, credentials } = await access.authorize(
      req,
      resource.permissionFor?.(current, changes) ?? resource.updatePermission,
      ref,
    );
    const updated = await access.audited(
      req,
      {
        action: 'update',
        resourceType: service.resourceType,
        entityRef: ref,
        id,
      },
      () =>
        service.update(current, version, changes, context(actor, credentials)),
    );
    res.json(updated);
  });

  if (service.deletable) {
    router.delete(`${base}/:id`, async (req, res) => {
      await access.reader(req);
      const { id } = parseInput(idParamSchema, req.params, 'path');
      const { version } = parseInput(versionQuerySchema, req.query, 'query');
      const current = await service.get(id);
      const ref = refOf(current);
      const { actor } = await access.authorize(
        req,
        resource.permissionFor?.(current) ?? resource.updatePermission,
        ref,
      );
      await access.audited(
        req,
        {
          action: 'delete',
          resourceType: service.resourceType,
          entityRef: ref,
          id,
        },
        () => service.delete(id, version, actor),
      );
      res.status(204).end();
    });
  }
  return router;
}

/** The write context of an authorised caller. */
export function writeContext(
  access: Access,
  actor: string,
  credentials: BackstageCredentials,
): WriteContext {
  return {
    actor,
    credentials,
    resolve: (ref, field, kinds) =>
      access.resolveRef({ ref, field }, credentials, kinds),
  };
}

/** Most records annotate an entity: created and changed under the annotation permissions. */
export const ANNOTATION_PERMISSIONS = {
  createPermission: sreHealthAnnotationCreatePermission,
  updatePermission: sreHealthAnnotationUpdatePermission,
} as const;

/** A feature that is just its records' routes. @internal */
export function createRecordFeature(
  access: Access,
  ...resources: RecordResource[]
): SreHealthFeature {
  const router = Router();
  // for the feature's own routes added after the records'
  router.use(express.json({ limit: '256kb' }));
  for (const resource of resources) {
    router.use(createResourceRouter(access, resource));
  }
  return { router, tasks: [] };
}
