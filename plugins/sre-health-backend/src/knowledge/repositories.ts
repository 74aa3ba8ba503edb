import { basename, isAbsolute, relative, resolve, dirname } from 'node:path';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import type { KnowledgeConfig } from '../config';

export type { KnowledgeConfig } from '../config';

/** Where a component's history can be read, or why it cannot. @internal */
export type RepositoryLocation =
  | {
      kind: 'local';
      /** Where the clone is on the server: for the backend only, never shown to readers. */
      path: string;
      /** What readers see: the catalog source location, or the configured folder's name. */
      name: string;
      origin: 'config' | 'annotation';
    }
  | { kind: 'unavailable'; location: string; reason: string }
  | { kind: 'none'; reason: string };

const NO_REPOSITORY =
  `No source repository is known. Set the ${ANNOTATION_SOURCE_LOCATION} annotation to a ` +
  'local dir: path, or list the component under sreHealth.knowledge.repositories.';

/**
 * The repository of a component: configuration first, then a local `dir:`/`file:`
 * source-location annotation. Remote repositories (`url:`) are not cloned by SRE Health.
 * @internal
 */
export function resolveRepository(
  entity: Entity | undefined,
  entityRef: string,
  config: KnowledgeConfig,
): RepositoryLocation {
  const configured = config.repositories.find(r => r.entityRef === entityRef);
  if (configured) {
    return {
      kind: 'local',
      path: configured.path,
      name: basename(configured.path),
      origin: 'config',
    };
  }
  const annotation =
    entity?.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION]?.trim();
  if (!annotation) {
    return { kind: 'none', reason: NO_REPOSITORY };
  }
  const colon = annotation.indexOf(':');
  const type = colon > 0 ? annotation.slice(0, colon) : '';
  const target = colon > 0 ? annotation.slice(colon + 1).trim() : '';
  if ((type !== 'dir' && type !== 'file') || !target) {
    return {
      kind: 'unavailable',
      location: annotation,
      reason:
        type === 'url'
          ? `${annotation} is a remote repository; SRE Health reads only local clones. List a local clone under sreHealth.knowledge.repositories.`
          : `${ANNOTATION_SOURCE_LOCATION} ${annotation} is not a dir:, file: or url: location`,
    };
  }
  const base = baseDirectory(entity);
  if (!isAbsolute(target) && !base) {
    return {
      kind: 'unavailable',
      location: annotation,
      reason: `${annotation} is relative, but the entity was not read from a local file`,
    };
  }
  const absolute = base ? resolve(base, target) : resolve(target);
  // a file: location names a file in the repository (git finds the repository from its folder)
  const path =
    type === 'file' && !target.endsWith('/') ? dirname(absolute) : absolute;
  if (!config.localRoots.some(root => isInside(path, root))) {
    return {
      kind: 'unavailable',
      location: annotation,
      reason: `${annotation} is outside the folders SRE Health may read (sreHealth.knowledge.localRoots)`,
    };
  }
  return { kind: 'local', path, name: annotation, origin: 'annotation' };
}

/** The folder of the local catalog file the entity came from, if it came from one. */
function baseDirectory(entity: Entity | undefined): string | undefined {
  const location = entity?.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!location?.startsWith('file:')) return undefined;
  const file = location.slice('file:'.length);
  return isAbsolute(file) ? dirname(file) : undefined;
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
