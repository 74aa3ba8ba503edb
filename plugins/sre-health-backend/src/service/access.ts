import type { Request } from 'express';
import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * Who may do what: reads need a signed-in user, writes a permission on the catalog entity
 * they annotate, and every entity ref must resolve in the catalog as that user sees it.
 */
export class Access {
  constructor(
    private readonly deps: {
      httpAuth: HttpAuthService;
      permissions: PermissionsService;
      catalog: CatalogService;
      auditor: AuditorService;
    },
  ) {}

  async reader(req: Request): Promise<UserCredentials> {
    return this.deps.httpAuth.credentials(req, { allow: ['user'] });
  }

  /** 403 unless the policy allows `permission` on `entityRef` for the calling user. */
  async authorize(
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
  ): Promise<{ credentials: UserCredentials; actor: string }> {
    const credentials = await this.reader(req);
    const [decision] = await this.deps.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${credentials.principal.userEntityRef} is not allowed ${permission.name} on ${entityRef}`,
      );
    }
    return { credentials, actor: credentials.principal.userEntityRef };
  }

  /** The entity as the caller may see it; 404 names the field that pointed at it. */
  async resolveEntity(
    entityRef: string,
    credentials: BackstageCredentials,
    field = 'entityRef',
  ): Promise<Entity> {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`${field}: ${entityRef} is not in the catalog`);
    }
    return entity;
  }

  /** Runs a write and records it with Backstage's auditor as well as our own log. */
  async audited<T>(
    req: Request,
    meta: {
      action: string;
      resourceType: string;
      entityRef: string;
      id?: string;
    },
    write: () => Promise<T>,
  ): Promise<T> {
    const event = await this.deps.auditor.createEvent({
      eventId: `${meta.resourceType}-${meta.action}`,
      severityLevel: 'medium',
      request: req,
      meta: { entityRef: meta.entityRef, ...(meta.id ? { id: meta.id } : {}) },
    });
    try {
      const result = await write();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }
}

/** @internal */
export function entityRefOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}
