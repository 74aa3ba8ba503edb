import { createHash } from 'node:crypto';
import type { Entity } from '@backstage/catalog-model';
import { entityRefOf } from '../http/access';
import { ownerOf } from '../catalog/owners';

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
  answer: Promise<HealthAnswer>;
}

/**
 * An answer as sent: the JSON body and its ETag, made once per computation rather than on
 * every read (express would encode the ~20 kB body and hash it for each response).
 * @internal
 */
export interface HealthAnswer {
  body: Buffer;
  /** What express sets by default (a weak ETag, the `etag` package's format). */
  etag: string;
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

  /** The JSON body for `entity`: reused if current, else `compute`d (and kept). */
  async get(
    entity: Entity,
    compute: () => Promise<unknown>,
    options: { fresh?: boolean } = {},
  ): Promise<string> {
    return (await this.answer(entity, compute, options)).body.toString('utf8');
  }

  /** {@link EntityHealthCache.get}, as the response sends it. */
  async answer(
    entity: Entity,
    compute: () => Promise<unknown>,
    options: { fresh?: boolean } = {},
  ): Promise<HealthAnswer> {
    const serialize = () => compute().then(toAnswer);
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
      return slot.answer;
    }

    const answer = serialize();
    const fresh = { version, expiresAt: now + this.ttlMs, answer };
    // Re-inserted, so the map's order is least recently computed first.
    this.slots.delete(entityRef);
    this.slots.set(entityRef, fresh);
    this.evict();
    answer.catch(() => {
      if (this.slots.get(entityRef) === fresh) this.slots.delete(entityRef);
    });
    return answer;
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

function toAnswer(value: unknown): HealthAnswer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const hash = createHash('sha1')
    .update(body)
    .digest('base64')
    .substring(0, 27);
  return { body, etag: `W/"${body.length.toString(16)}-${hash}"` };
}
