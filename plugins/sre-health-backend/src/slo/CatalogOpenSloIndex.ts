import type { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_OPENSLO,
  OpenSloFile,
  SharedOpenSloFile,
  SharedOpenSloIndex,
  indexSharedOpenSlo,
} from '@sre-health/backstage-plugin-sre-health-common';

const EMPTY: SharedOpenSloIndex = {
  definitions: new Map(),
  invalid: new Map(),
};

/** Least time between two builds (after a failure, or for a reference resolved nowhere). */
const RETRY_MS = 5_000;

/**
 * The OpenSLO definitions every catalog entity with an openslo annotation shares (DataSource,
 * SLI, Service, AlertPolicy…; never its SLOs), indexed by kind and name. Built from the
 * entities carrying the annotation only, their files read through the loader's cache, and
 * kept `ttlMs`: a tab read never reads the catalog. A stale index is served while one
 * rebuild runs in the background; only the first read waits for it.
 * @internal
 */
export class CatalogOpenSloIndex {
  private current?: { at: number; index: SharedOpenSloIndex };
  private building?: Promise<SharedOpenSloIndex | undefined>;
  /** When the last build started: builds are at least RETRY_MS apart. */
  private attemptedAt = -Infinity;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      /** The files an entity's annotation names (the loader's cached reader). */
      filesOf(entity: Entity): Promise<{ files: OpenSloFile[] }>;
      ttlMs: number;
      now?: () => number;
    },
  ) {}

  /**
   * The index. With `maxAgeMs` (a reference resolved nowhere: the catalog may have gained
   * its definition since), an older index is rebuilt and awaited, at most once per
   * RETRY_MS whatever the callers.
   */
  async get(options: { maxAgeMs?: number } = {}): Promise<SharedOpenSloIndex> {
    const now = this.now();
    const { current } = this;
    const age = current ? now - current.at : Infinity;
    if (age < Math.min(this.deps.ttlMs, options.maxAgeMs ?? Infinity)) {
      return current!.index;
    }
    if (!this.building && now - this.attemptedAt >= RETRY_MS) {
      this.attemptedAt = now;
      // a failed build leaves the last good index serving, and is tried again later
      this.building = this.build()
        .catch(() => undefined)
        .finally(() => {
          this.building = undefined;
        });
    }
    // past the TTL, a plain read is served the stale index while the rebuild runs
    if (current && options.maxAgeMs === undefined) return current.index;
    return (await this.building) ?? current?.index ?? EMPTY;
  }

  private async build(): Promise<SharedOpenSloIndex> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const files: SharedOpenSloFile[] = [];
    for await (const page of this.deps.catalog.streamEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_OPENSLO}`]: CATALOG_FILTER_EXISTS,
        },
        fields: ['kind', 'metadata'],
      },
      { credentials },
    )) {
      for (const entity of page) {
        const owner = stringifyEntityRef(entity);
        for (const file of (await this.deps.filesOf(entity)).files) {
          files.push({ ...file, owner });
        }
      }
    }
    const index = indexSharedOpenSlo(files);
    this.current = { at: this.now(), index };
    return index;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}
