import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_PART_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ENABLED,
  ANNOTATION_OPENSLO,
  ANNOTATION_SLO_TARGET,
  isSreHealthAvailable,
  servingTier,
} from '@sre-health/backstage-plugin-sre-health-common';
import { ownerOf } from '../catalog/owners';
import { entityRefOf } from '../http/access';
import type { SyncedEntity, SyncedGroup } from './ScorecardCatalogCopy';

/*
 * What the scorecard sync reads from the catalog: every group, and every service the
 * SRE Health tab applies to, with only the fields the copy keeps, a page at a time.
 */

const PAGE_SIZE = 500;

function refOrNull(
  value: unknown,
  defaultKind: string,
  namespace: string,
): string | null {
  if (typeof value !== 'string' || !value) return null;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: namespace }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return null;
  }
}

function systemOf(entity: Entity): string | null {
  const relation = entity.relations?.find(
    r =>
      r.type === RELATION_PART_OF &&
      r.targetRef.toLocaleLowerCase('en-US').startsWith('system:'),
  );
  if (relation) return relation.targetRef.toLocaleLowerCase('en-US');
  return refOrNull(
    (entity.spec as { system?: unknown } | undefined)?.system,
    'system',
    entity.metadata.namespace ?? 'default',
  );
}

function parentOf(group: Entity): string | null {
  const relation = group.relations?.find(
    r =>
      r.type === RELATION_CHILD_OF &&
      r.targetRef.toLocaleLowerCase('en-US').startsWith('group:'),
  );
  if (relation) return relation.targetRef.toLocaleLowerCase('en-US');
  return refOrNull(
    (group.spec as { parent?: unknown } | undefined)?.parent,
    'group',
    group.metadata.namespace ?? 'default',
  );
}

/** Every group of the catalog with its parent. @internal */
export async function readGroups(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<SyncedGroup[]> {
  const groups: SyncedGroup[] = [];
  for await (const page of catalog.streamEntities(
    {
      filter: { kind: 'group' },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'spec.type',
        'spec.parent',
        'spec.profile.displayName',
        'relations',
      ],
      pageSize: PAGE_SIZE,
    },
    { credentials },
  )) {
    for (const g of page) {
      const spec = (g.spec ?? {}) as {
        type?: string;
        profile?: { displayName?: string };
      };
      groups.push({
        groupRef: entityRefOf(g),
        name: g.metadata.name,
        title: g.metadata.title ?? spec.profile?.displayName ?? null,
        type: typeof spec.type === 'string' ? spec.type : null,
        parentRef: parentOf(g),
      });
    }
  }
  return groups;
}

/** A service read from the catalog, its SLO status still to compute. @internal */
export interface ServiceWithSlos {
  entity: Entity;
  synced: SyncedEntity;
}

/**
 * Every service the tab applies to (`slo: null`), and those of them that have SLOs: an
 * SLO annotation, or a definition stored for their ref (`sloRefs`).
 * @internal
 */
export async function readServices(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  sloRefs: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<{ entities: SyncedEntity[]; withSlos: ServiceWithSlos[] }> {
  const entities: SyncedEntity[] = [];
  const withSlos: ServiceWithSlos[] = [];
  for await (const page of catalog.streamEntities(
    {
      filter: [
        { kind: 'component', 'spec.type': 'service' },
        { [`metadata.annotations.${ANNOTATION_ENABLED}`]: 'true' },
      ],
      fields: [
        'apiVersion',
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'metadata.annotations',
        'spec.type',
        'spec.owner',
        'spec.system',
        'spec.lifecycle',
        'relations',
      ],
      pageSize: PAGE_SIZE,
    },
    { credentials },
  )) {
    if (signal?.aborted) throw new Error('Scorecard sync aborted');
    for (const entity of page) {
      if (!isSreHealthAvailable(entity)) continue;
      const entityRef = entityRefOf(entity);
      const lifecycle = (entity.spec as { lifecycle?: unknown } | undefined)
        ?.lifecycle;
      const synced: SyncedEntity = {
        entityRef,
        name: entity.metadata.name,
        title: entity.metadata.title ?? null,
        ownerRef: ownerOf(entity),
        systemRef: systemOf(entity),
        lifecycle: typeof lifecycle === 'string' ? lifecycle : null,
        tier: servingTier(entity),
        slo: null,
      };
      entities.push(synced);
      const annotations = entity.metadata.annotations ?? {};
      if (
        annotations[ANNOTATION_SLO_TARGET] ||
        annotations[ANNOTATION_OPENSLO] ||
        sloRefs.has(entityRef)
      ) {
        withSlos.push({ entity, synced });
      }
    }
  }
  return { entities, withSlos };
}
