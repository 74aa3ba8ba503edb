import type { Request } from 'express';
import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** A field of a request that names another entity of the catalog (a person, a team). */
export interface RefField {
  /** The field as the 400 names it, e.g. `ownerRef` or `shifts[2].userRef`. */
  field: string;
  ref: string;
}

/** Kinds an entity ref field may name, as the catalog spells them. */
export type RefKind =
  | 'User'
  | 'Group'
  | 'Component'
  | 'System'
  | 'API'
  | 'Resource';

const validator = makeValidator();

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
    const credentials = await this.deps.httpAuth.credentials(req, {
      allow: options.allowServices ? ['user', 'service'] : ['user'],
    });
    return this.authorizeCredentials(
      credentials,
      permission,
      entityRef,
      options,
    );
  }

  /**
   * {@link Access.authorize} for a caller known by its credentials (an action's): the one
   * permission check of every write, routes and actions alike.
   */
  async authorizeCredentials(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
    options: { allowServices?: boolean } = {},
  ): Promise<{ credentials: BackstageCredentials; actor: string }> {
    const actor = actorOf(credentials, options);
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

  /**
   * Whether the policy grants `permission` to the caller on each of `entityRefs`, in one
   * request: for reads that show more to some callers (who authors the code), not refuse.
   */
  async allows(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    entityRefs: readonly string[],
  ): Promise<boolean[]> {
    if (entityRefs.length === 0) return [];
    const decisions = await this.deps.permissions.authorize(
      entityRefs.map(resourceRef => ({ permission, resourceRef })),
      { credentials },
    );
    return decisions.map(d => d.result === AuthorizeResult.ALLOW);
  }

  /**
   * The entity a request is about (its path, or the `entityRef`/`teamRef` it annotates) as
   * the caller may see it; 404 names the field that pointed at it.
   */
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

  /**
   * Every other ref a request carries (an owner, a person on call, an assignee): the entity
   * it names, as the caller may see it, of one of `kinds`. Anything else is a 400 naming the
   * field: a ref of another kind, a malformed one (`user:default/frank/x`), or one the catalog
   * does not resolve for this caller.
   */
  async resolveRef(
    field: RefField,
    credentials: BackstageCredentials,
    kinds: readonly RefKind[],
  ): Promise<Entity> {
    const [entity] = await this.resolveRefs([field], credentials, kinds);
    return entity;
  }

  /** {@link Access.resolveRef} for many fields at once, in one catalog request. */
  async resolveRefs(
    fields: readonly RefField[],
    credentials: BackstageCredentials,
    kinds: readonly RefKind[],
  ): Promise<Entity[]> {
    const wanted = kinds.map(k => k.toLocaleLowerCase('en-US'));
    const expected = kinds.join(' or ');
    const refs = fields.map(({ field, ref }) => {
      const normalized = wellFormedRef(ref);
      if (!normalized) {
        throw new InputError(
          `${field}: ${ref} is not a ${expected} entity ref`,
        );
      }
      if (!wanted.includes(normalized.split(':')[0])) {
        throw new InputError(`${field}: ${ref} must name a ${expected}`);
      }
      return normalized;
    });
    const unique = [...new Set(refs)];
    const found = new Map<string, Entity>();
    if (unique.length > 0) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: unique },
        { credentials },
      );
      items.forEach((entity, i) => {
        if (entity) found.set(unique[i], entity);
      });
    }
    return fields.map(({ field, ref }, i) => {
      const entity = found.get(refs[i]);
      if (!entity || !wanted.includes(entity.kind.toLocaleLowerCase('en-US'))) {
        throw new InputError(
          `${field}: ${ref} is not a ${expected} in the catalog`,
        );
      }
      return entity;
    });
  }

  /** Runs a write and records it with Backstage's auditor as well as our own log. */
  async audited<T>(
    req: Request,
    meta: AuditMeta,
    write: () => Promise<T>,
  ): Promise<T> {
    return this.auditEvent(meta, { request: req }, write);
  }

  /**
   * {@link Access.audited} for a write through an action: the same event, which names the
   * caller and the action itself (the auditor only knows a request's caller).
   */
  async auditedAction<T>(
    caller: { actor: string; action: string },
    meta: AuditMeta,
    write: () => Promise<T>,
  ): Promise<T> {
    return this.auditEvent(meta, { caller }, write);
  }

  private async auditEvent<T>(
    meta: AuditMeta,
    via: { request: Request } | { caller: { actor: string; action: string } },
    write: () => Promise<T>,
  ): Promise<T> {
    const event = await this.deps.auditor.createEvent({
      eventId: `${meta.resourceType}-${meta.action}`,
      severityLevel: 'medium',
      ...('request' in via ? { request: via.request } : {}),
      meta: {
        entityRef: meta.entityRef,
        ...(meta.id ? { id: meta.id } : {}),
        ...('caller' in via ? via.caller : {}),
      },
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

/** What an audit event records of a write. */
interface AuditMeta {
  action: string;
  resourceType: string;
  entityRef: string;
  id?: string;
}

/**
 * Who writes, as the audit log names them; 403 for a caller a write does not admit: users,
 * and with `allowServices` service tokens.
 */
function actorOf(
  credentials: BackstageCredentials,
  options: { allowServices?: boolean },
): string {
  const { principal } = credentials as BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal | { type: string }
  >;
  if (principal.type === 'user') {
    return (principal as BackstageUserPrincipal).userEntityRef;
  }
  if (principal.type === 'service' && options.allowServices) {
    return `service:${(principal as BackstageServicePrincipal).subject}`;
  }
  throw new NotAllowedError(
    `This write does not allow '${principal.type}' credentials`,
  );
}

/** @internal */
export function entityRefOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}

/** The ref in canonical lower case, or undefined unless kind, namespace and name are valid. */
function wellFormedRef(ref: string): string | undefined {
  let parsed: { kind: string; namespace: string; name: string };
  try {
    parsed = parseEntityRef(ref);
  } catch {
    return undefined;
  }
  if (
    !validator.isValidKind(parsed.kind) ||
    !validator.isValidNamespace(parsed.namespace) ||
    !validator.isValidEntityName(parsed.name)
  ) {
    return undefined;
  }
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}
