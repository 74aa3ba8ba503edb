import type { Request } from 'express';
import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
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

  /**
   * 403 unless the policy allows `permission` on `entityRef` for the caller. Writes come
   * from users; `allowServices` also admits service tokens (e.g. an SLO event pusher).
   */
  async authorize(
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
    options: { allowServices?: boolean } = {},
  ): Promise<{ credentials: BackstageCredentials; actor: string }> {
    const credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    > = await this.deps.httpAuth.credentials(req, {
      allow: options.allowServices ? ['user', 'service'] : ['user'],
    });
    const actor =
      credentials.principal.type === 'user'
        ? credentials.principal.userEntityRef
        : `service:${credentials.principal.subject}`;
    const [decision] = await this.deps.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${actor} is not allowed ${permission.name} on ${entityRef}`,
      );
    }
    return { credentials, actor };
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
