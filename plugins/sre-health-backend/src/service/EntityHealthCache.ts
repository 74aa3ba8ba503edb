import { createHash } from 'node:crypto';
import type { Entity } from '@backstage/catalog-model';
import { entityRefOf } from './access';
import { ownerOf } from './EntityHealthService';

/**
 * Bounds the staleness of what no write of ours changes: SLO status moving with time,
 * Prometheus, OpenSLO files read from the catalog's locations.
 */
const DEFAULT_TTL_MS = 10_000;
/** Tab answers are ~20 kB; their lists are bounded (TAB_LIST_LIMITS), so each stays small. */
const DEFAULT_MAX_ENTRIES = 500;

interface Slot {
  /** The catalog entity's fingerprint and the revisions of the entity and its owner. */
  version: string;
  expiresAt: number;
  body: Promise<string>;
}

/**
 * The tab's composed answer per entity, as the JSON body sent, reused while it is current.
 *
 * Current means: the same catalog entity (by content, so an owner or annotation change is a
 * new answer), no write to the entity's or its owning team's records since (one indexed read
 * of `entity_revisions`, which every replica's writes bump in their own transaction, so a
 * write through any replica shows on the next read), and younger than the TTL for what
 * changes without a write. Concurrent misses share one computation.
 *
 * Entity data only: the caller has already resolved the entity through the catalog with
 * their own credentials (see CallerEntityCache), so nobody reads an entity they cannot see.
 * @internal
 */
export class EntityHealthCache {
  private readonly slots = new Map<string, Slot>();
  private readonly fingerprints = new WeakMap<Entity, string>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    /** readEntityRevisions, in the plugin's database. */
    private readonly revisionsOf: (
      entityRefs: readonly string[],
    ) => Promise<Map<string, number>>,
    options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.now = options.now ?? Date.now;
  }

  /** The JSON body for `entity`: reused if current, else `compute`d (and kept unless `fresh`). */
  async get(
    entity: Entity,
    compute: () => Promise<unknown>,
    options: { fresh?: boolean } = {},
  ): Promise<string> {
    const serialize = () => compute().then(value => JSON.stringify(value));
    if (this.ttlMs <= 0) return serialize();

    const entityRef = entityRefOf(entity);
    const refs = [entityRef];
    const owner = ownerOf(entity);
    if (owner && owner !== entityRef) refs.push(owner);
    const revisions = await this.revisionsOf(refs);
    const version = [
      this.fingerprint(entity),
      ...refs.map(ref => revisions.get(ref)),
    ].join(' ');

    const now = this.now();
    const slot = this.slots.get(entityRef);
    if (
      !options.fresh &&
      slot &&
      slot.version === version &&
      slot.expiresAt > now
    ) {
      return slot.body;
    }

    const body = serialize();
    const fresh = { version, expiresAt: now + this.ttlMs, body };
    // Re-inserted, so the map's order is least recently computed first.
    this.slots.delete(entityRef);
    this.slots.set(entityRef, fresh);
    this.evict();
    body.catch(() => {
      if (this.slots.get(entityRef) === fresh) this.slots.delete(entityRef);
    });
    return body;
  }

  private fingerprint(entity: Entity): string {
    let fingerprint = this.fingerprints.get(entity);
    if (!fingerprint) {
      fingerprint = createHash('sha256')
        .update(JSON.stringify(entity))
        .digest('base64');
      // Entities from CallerEntityCache are frozen and shared, so this is computed once each.
      if (Object.isFrozen(entity)) this.fingerprints.set(entity, fingerprint);
    }
    return fingerprint;
  }

  private evict() {
    for (const key of this.slots.keys()) {
      if (this.slots.size <= this.maxEntries) break;
      this.slots.delete(key);
    }
  }

  /** @internal for tests */
  get size(): number {
    return this.slots.size;
  }
}
